// The review API on the local gateway, over HTTP: mail held through the SMTP door, then listed,
// read, unmasked, released and rejected as an officer would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryMailer } from '../helpers/memory-ports.ts';
import { bodyOf, NINO_TEXT, outbox, removeDataDirs, SENDER } from '../local/gateway-harness.ts';
import type { HeldDetailView } from '../../lib/review/views.ts';
import { EXTERNAL, heldRaw, queue, startReview, type ReviewHarness } from './review-harness.ts';

const BCC = 'press.office@example.net';
const NINO = 'JG 10 37 85 A';

describe('review API on the local gateway', () => {
  let harness: ReviewHarness;
  let ref: string;

  beforeAll(async () => {
    harness = await startReview();
    ref = await harness.hold({ subject: 'Claim for Mrs Clarke', text: NINO_TEXT, bcc: BCC });
  });
  afterAll(async () => {
    await harness.gateway.stop();
    await removeDataDirs();
  });

  const routes = (r: string): [string, string, unknown][] => [
    ['GET', '/api/held', undefined],
    ['GET', `/api/held/${r}`, undefined],
    ['POST', `/api/held/${r}/release`, { note: 'fine' }],
    ['POST', `/api/held/${r}/reject`, { reason: 'no' }],
    ['POST', `/api/held/${r}/unmask`, { finding: 0 }],
  ];

  it.each([
    ['no token', null],
    ['a wrong token', 'wrong-token-wrong-token-000'],
  ])('refuses every API route with %s: 401 and nothing about held items', async (_name, token) => {
    for (const [method, path, json] of routes(ref)) {
      const res = await harness.api(path, { method, token, ...(json ? { json } : {}) });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.text).not.toContain(ref);
      expect(res.text).not.toContain('Clarke');
    }
    expect((await queue(harness)).items.map((i) => i.reference)).toContain(ref);
  });

  it('lists the held message, newest first, with counts', async () => {
    const list = await queue(harness);
    expect(list.counts.held).toBeGreaterThanOrEqual(1);
    expect(list.items[0]).toMatchObject({
      reference: ref,
      channel: 'email',
      sender: SENDER,
      recipientDomains: ['example.net', 'example.org'],
      subject: 'Claim for Mrs Clarke',
      ruleIds: ['strong-identifier'],
      status: 'held',
    });
  });

  it.each([
    ['status=released', false],
    ['status=rejected', false],
    ['channel=whatsapp', false],
    ['channel=email', true],
    ['from=2000-01-01', true],
    ['to=2000-01-01', false],
  ])('filters the list by %s', async (query, included) => {
    const list = await queue(harness, `?${query}`);
    expect(list.items.some((i) => i.reference === ref)).toBe(included);
  });

  it('refuses a bad filter with 400', async () => {
    expect((await harness.api('/api/held?status=maybe')).status).toBe(400);
    expect((await harness.api('/api/held?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it('shows the detail with every value masked and the reason in plain English', async () => {
    const res = await harness.api(`/api/held/${ref}`);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(NINO);
    const detail = res.json as HeldDetailView;
    expect(detail.summary).toBe('Held because it was addressed outside the council and contains a National Insurance number.');
    expect(detail.findings).toEqual([
      expect.objectContaining({ index: 0, type: 'uk-nino', location: 'the message body', masked: 'JG •• •• •• A', counted: true }),
    ]);
    expect(detail.content).toBe('available');
    const body = detail.message!.parts.find((p) => p.id === 'body')!;
    expect(body.pieces).toContainEqual({ finding: 0, masked: 'JG •• •• •• A' });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it.each([
    ['an unknown reference', '/api/held/H-20000101-2345AB'],
    ['a malformed reference', '/api/held/..%2F..%2Fdecisions'],
  ])('answers 404 for %s', async (_name, path) => {
    expect((await harness.api(path)).status).toBe(404);
  });

  it('unmasks one value on request and records who asked', async () => {
    const res = await harness.api(`/api/held/${ref}/unmask`, { json: { finding: 0 } });
    expect(res.json).toEqual({ value: NINO });
    const record = JSON.parse(await readFile(join(harness.dataDir, 'reviews', `${ref}.json`), 'utf8')) as { unmasked: unknown[] };
    expect(record.unmasked).toEqual([expect.objectContaining({ by: 'administrator', finding: 0, type: 'uk-nino' })]);
    expect((await harness.api(`/api/held/${ref}/unmask`, { json: { finding: 5 } })).status).toBe(404);
  });

  it.each([
    ['no note', 'release', {}],
    ['an empty note', 'release', { note: '   ' }],
    ['a note that is not text', 'release', { note: 5 }],
    ['no reason', 'reject', { note: 'wrong field' }],
  ])('refuses a decision with %s (400) and leaves it held', async (_name, action, json) => {
    expect((await harness.api(`/api/held/${ref}/${action}`, { json })).status).toBe(400);
    expect((await harness.api(`/api/held/${ref}/${action}`, { body: 'not json' })).status).toBe(400);
    expect((await queue(harness)).items.find((i) => i.reference === ref)?.status).toBe('held');
  });

  it('releases the original to its original recipients, tells the councillor, and refuses a second decision', async () => {
    const original = await heldRaw(harness.dataDir, ref);
    const before = (await outbox(harness.dataDir)).length;
    const res = await harness.api(`/api/held/${ref}/release`, { json: { note: 'Resident asked for this to go to the editor.' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ item: { status: 'released', review: { by: 'administrator', action: 'released' } }, councillorTold: true });

    const sent = (await outbox(harness.dataDir)).slice(before);
    const released = sent.find((m) => m.envelope.from === SENDER);
    expect(released?.raw.equals(original)).toBe(true);
    expect(released?.envelope.to.sort()).toEqual([EXTERNAL, BCC].sort());
    const notice = sent.find((m) => m.envelope.to.includes(SENDER));
    expect(notice?.raw.toString()).toContain('Message released: Claim for Mrs Clarke');

    for (const action of ['release', 'reject']) {
      const again = await harness.api(`/api/held/${ref}/${action}`, { json: { note: 'again', reason: 'again' } });
      expect(again.status).toBe(409);
    }
    expect((await queue(harness, '?status=released')).items.map((i) => i.reference)).toContain(ref);
  });

  it('rejects with a reason that is sent to the councillor, and the message goes nowhere else', async () => {
    const other = await harness.hold({ subject: 'Second claim', text: NINO_TEXT });
    const before = (await outbox(harness.dataDir)).length;
    const reason = 'Please use the secure portal for National Insurance numbers.';
    const res = await harness.api(`/api/held/${other}/reject`, { json: { reason } });
    expect(res.status).toBe(200);
    const sent = (await outbox(harness.dataDir)).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.envelope.to).toEqual([SENDER]);
    expect(bodyOf(sent[0]!.raw).toString()).toContain('Please use the secure portal');
    expect((await harness.api(`/api/held/${other}/reject`, { json: { reason } })).status).toBe(409);
    const detail = (await harness.api(`/api/held/${other}`)).json as HeldDetailView;
    expect(detail.review).toMatchObject({ action: 'rejected', note: reason, by: 'administrator' });
  });

  it('serves the page with a strict Content-Security-Policy and no external references', async () => {
    const page = await fetch(`${harness.base}/review/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    for (const file of ['', 'review.js', 'review.css']) {
      const text = await (await fetch(`${harness.base}/review/${file}`)).text();
      expect(text).not.toMatch(/https?:\/\//);
    }
    expect((await fetch(`${harness.base}/review/../package.json`)).status).toBe(404);
    expect((await fetch(`${harness.base}/review/nothing.js`)).status).toBe(404);
    const redirect = await fetch(`${harness.base}/review`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('/review/');
  });

  it('tells the page, without credentials, to ask for the review token; the page may fetch only from itself', async () => {
    const config = await harness.api('/review/config.json', { token: null });
    expect(config.status).toBe(200);
    expect(config.json).toEqual({ mode: 'token' });
    expect(config.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const csp = (await fetch(`${harness.base}/review/`)).headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toContain("connect-src 'self'");
  });
});

describe('a release that cannot be delivered', () => {
  let harness: ReviewHarness;
  let mailer: MemoryMailer;

  afterEach(async () => {
    await harness.gateway.stop();
    await removeDataDirs();
  });

  it('answers 502 and keeps the message held, so it can be released again', async () => {
    mailer = new MemoryMailer();
    harness = await startReview({ mailer });
    const ref = await harness.hold({ text: NINO_TEXT });
    mailer.failures = 1;
    const failed = await harness.api(`/api/held/${ref}/release`, { json: { note: 'go' } });
    expect(failed.status).toBe(502);
    expect((await queue(harness)).items.find((i) => i.reference === ref)?.status).toBe('held');
    const retried = await harness.api(`/api/held/${ref}/release`, { json: { note: 'go' } });
    expect(retried.status).toBe(200);
    expect(mailer.raw).toHaveLength(1);
  });
});
