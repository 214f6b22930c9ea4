// One held message, one outcome, end to end over real sockets: nodemailer → the SMTP door → the
// pipeline → the data folder, and the review API over HTTP.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IgNotice } from '../../lib/ports/notifier.ts';
import { decisions, EXTERNAL, filesIn, newDataDir, NINO_TEXT, outbox, removeDataDirs, send, SENDER, start, type Harness } from './gateway-harness.ts';
import { rawSubject } from '../../lib/mime/subject.ts';

const TOKEN = 'test-review-token-0123456789';
const SUBJECT = 'Claim update';
const OVERRIDE = `[override: she asked me to send her own NI number to her solicitor] ${SUBJECT}`;
const running: Harness[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

async function gateway(dir: string): Promise<Harness> {
  const harness = await start(dir);
  running.push(harness);
  return harness;
}

async function api(harness: Harness, path: string, json?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${harness.gateway.httpPort}${path}`, {
    method: json === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The one held reference in the data folder. */
async function heldReference(dir: string): Promise<string> {
  const refs = (await filesIn(join(dir, 'held'))).filter((n) => /^H-.*\.json$/.test(n)).map((n) => n.slice(0, -5));
  expect(refs).toHaveLength(1);
  return refs[0]!;
}

/** What reached the outside recipient, and what the councillor was sent. */
async function mailOut(dir: string): Promise<{ deliveries: string[]; toSender: string[] }> {
  const items = await outbox(dir);
  return {
    deliveries: items.filter((i) => i.envelope.to.includes(EXTERNAL)).map((i) => rawSubject(i.raw)),
    toSender: items.filter((i) => i.envelope.to.includes(SENDER)).map((i) => rawSubject(i.raw)),
  };
}

async function notices(dir: string): Promise<IgNotice[]> {
  const names = await filesIn(join(dir, 'notifications'));
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, 'notifications', n), 'utf8')) as IgNotice));
}

describe('override re-send of a held message', () => {
  it('resolves the held item as overridden, tells IG, and a release is then refused', async () => {
    const dir = await newDataDir();
    const harness = await gateway(dir);
    const port = harness.gateway.smtpPort;

    await send(port, { subject: SUBJECT, text: NINO_TEXT });
    const ref = await heldReference(dir);
    // The councillor's client re-sends it: a new Message-ID and Date, the same words.
    await send(port, { subject: OVERRIDE, text: NINO_TEXT });

    const out = await mailOut(dir);
    expect(out.deliveries).toEqual([SUBJECT]);
    expect(out.toSender).toEqual([`Message held: ${SUBJECT}`]);

    const item = await api(harness, `/api/held/${ref}`);
    expect(item.body).toMatchObject({ status: 'overridden', review: { by: SENDER, action: 'overridden', note: 'she asked me to send her own NI number to her solicitor' } });

    const overrideNotices = (await notices(dir)).filter((n) => n.kind === 'overridden');
    expect(overrideNotices).toHaveLength(1);
    expect(overrideNotices[0]!.heldCopies).toEqual({ overridden: [ref], released: [], rejected: [] });
    expect(overrideNotices[0]!.summary).toContain(`Held copy ${ref} is now marked overridden`);
    expect(overrideNotices[0]!.reference).toMatch(/^O-\d{8}-[0-9A-F]{8}$/);

    const release = await api(harness, `/api/held/${ref}/release`, { note: 'Looks fine to me.' });
    expect(release.status).toBe(409);
    expect(release.body.message).toContain('sent this message again with an override');
    expect((await mailOut(dir)).deliveries).toEqual([SUBJECT]);

    const records = await decisions(dir);
    expect(records.map((r) => [r.decision, r.delivered])).toEqual([['hold', false], ['pass', true]]);
    expect(records[1]!.override).toMatchObject({ applied: true, heldCopies: { overridden: [ref] } });
  });

  it('hold then release delivers exactly once, and a later override re-send is not delivered again', async () => {
    const dir = await newDataDir();
    const harness = await gateway(dir);
    const port = harness.gateway.smtpPort;

    await send(port, { subject: SUBJECT, text: NINO_TEXT });
    const ref = await heldReference(dir);
    const release = await api(harness, `/api/held/${ref}/release`, { note: 'The resident asked for this.' });
    expect(release.status).toBe(200);
    expect((await mailOut(dir)).deliveries).toEqual([SUBJECT]);
    // A second release (a colleague at the same moment, a double click) sends nothing.
    expect((await api(harness, `/api/held/${ref}/release`, { note: 'Again.' })).status).toBe(409);
    expect((await mailOut(dir)).deliveries).toEqual([SUBJECT]);

    await send(port, { subject: OVERRIDE, text: NINO_TEXT });
    const out = await mailOut(dir);
    expect(out.deliveries).toEqual([SUBJECT]);
    expect(out.toSender).toEqual([`Message held: ${SUBJECT}`, `Message released: ${SUBJECT}`, `Already sent: ${SUBJECT}`]);
    const overrideNotice = (await notices(dir)).find((n) => n.kind === 'overridden');
    expect(overrideNotice?.summary).toContain(`Not delivered: information governance had already released it (${ref})`);
    expect((await decisions(dir)).at(-1)).toMatchObject({ delivered: false, override: { heldCopies: { released: [ref] } } });
  });

  it.each([
    ['an empty tag', `[override:] ${SUBJECT}`, 'override tag with no reason in it'],
    ['a one-letter reason', `[override: x] ${SUBJECT}`, 'too short to explain anything later'],
    ['the sample reason', `[override: <why it must go as written>] ${SUBJECT}`, 'sample override reason unchanged'],
  ])('holds a re-send with %s and says why', async (_name, subject, why) => {
    const dir = await newDataDir();
    const harness = await gateway(dir);
    await send(harness.gateway.smtpPort, { subject, text: NINO_TEXT });
    const items = await outbox(dir);
    expect(items.filter((i) => i.envelope.to.includes(EXTERNAL))).toHaveLength(0);
    const bounce = items.find((i) => i.envelope.to.includes(SENDER))!;
    expect(bounce.raw.toString('utf8').replace(/=\r?\n/g, '').replace(/\s+/g, ' ')).toContain(why);
    expect((await notices(dir)).map((n) => n.kind)).toEqual(['held']);
  });
});
