// Records, IG notices and logs must never carry what the recognizers found. Messages full of
// personal data go through every path (hold, internal pass, override, refusal, failure) while
// everything written outside held/ and outbox/ is captured and searched.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FsMessageStore } from '../../lib/adapters/local/fs-message-store.ts';
import { parseEmail } from '../../lib/message/email.ts';
import { EXTERNAL, engineWith, newDataDir, removeDataDirs, send, SENDER, start, type Harness } from './gateway-harness.ts';
import { PLANTED, PLANTED_BODY } from '../helpers/planted-personal-data.ts';

const BODY = PLANTED_BODY;

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

async function written(dir: string, logs: string[]): Promise<string> {
  const notices = join(dir, 'notifications');
  const files = await readdir(notices);
  const texts = await Promise.all(files.map((f) => readFile(join(notices, f), 'utf8')));
  return [await readFile(join(dir, 'decisions.jsonl'), 'utf8'), ...texts, ...logs].join('\n');
}

/** The values the gateway actually detected, read back from the held copies and their offsets. */
async function detectedValues(dir: string): Promise<string[]> {
  const engine = await engineWith();
  const store = await FsMessageStore.open(dir);
  const values: string[] = [];
  for (const meta of await store.listHeld()) {
    const held = (await store.getHeld(meta.reference))!;
    const message = await parseEmail(held.raw, {
      limits: engine.ruleSet.limits,
      valedictions: engine.ruleSet.policy.valedictions,
      envelope: { sender: meta.envelope.from, recipients: meta.envelope.to },
    });
    for (const f of meta.findings) {
      const text = message.parts.find((p) => p.id === f.partId)?.text ?? '';
      if (f.end > f.start) values.push(text.slice(f.start, f.end));
    }
  }
  return values;
}

it('never writes a detected value to decisions.jsonl, notifications or the log', async () => {
  const dir = await newDataDir();
  const broken = await FsMessageStore.open(dir);
  const harness = await start(dir);
  running.push(harness);
  const port = harness.gateway.smtpPort;
  const attachment = { filename: `${PLANTED.name} ${PLANTED.ninoCompact}.csv`, content: `name,nino,phone\n${PLANTED.name},${PLANTED.nino},${PLANTED.phone}\n` };

  await send(port, { subject: `Re: ${PLANTED.name} ${PLANTED.nino}`, text: BODY, attachments: [attachment] });
  await send(port, { to: 'officer@rushcliffe.gov.uk', subject: `About ${PLANTED.name}`, text: BODY });
  // The override reason is recorded (the councillor's justification) with detected values masked.
  await send(port, { subject: `[override: ${PLANTED.nino} is hers, she asked] Claim`, text: `National Insurance number ${PLANTED.nino}` });
  // Refusals: no header From at all, and a header From the council does not send as.
  await expect(send(port, { raw: `${BODY}\r\n`, envelope: { from: SENDER, to: [EXTERNAL] } })).rejects.toMatchObject({ responseCode: 553 });
  await expect(send(port, { from: `${PLANTED.name} <${PLANTED.ninoCompact}@example.org>`, envelope: { from: SENDER, to: [EXTERNAL] }, text: BODY })).rejects.toMatchObject({ responseCode: 553 });

  // A failure path: the store refuses, the error is logged.
  const failing = await start(await newDataDir(), { store: Object.assign(Object.create(broken) as FsMessageStore, { putIntake: () => Promise.reject(new Error(`cannot write ${PLANTED.nino}`)) }) });
  running.push(failing);
  await expect(send(failing.gateway.smtpPort, { subject: PLANTED.nino, text: BODY })).rejects.toMatchObject({ responseCode: 451 });

  const detected = await detectedValues(dir);
  const types = (await (await FsMessageStore.open(dir)).listHeld()).flatMap((m) => m.findings.map((f) => f.type));
  expect(types).toContain('uk-nino');
  expect(detected).toContain(PLANTED.nino);

  const everything = await written(dir, [...harness.logs, ...failing.logs]);
  expect(everything).toContain('"decision":"hold"');
  for (const value of new Set([...detected, ...Object.values(PLANTED)])) {
    expect(everything, `"${value}" was written`).not.toContain(value);
  }
});
