// Bounded work per message, seen from outside: the local gateway is sent, over real SMTP, an
// attachment that would take minutes or gigabytes to read, or megabytes of body text, and holds it
// within bounded time while /health, over a real HTTP socket, keeps answering within a second and
// other senders get their answers. A message whose scanning thread runs out of memory is held.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxMailer } from '../../lib/adapters/local/mailers.ts';
import { DEFAULT_SCAN_THREADS } from '../../lib/pipeline/email-scan-pool.ts';
import type { Mailer } from '../../lib/ports/mailer.ts';
import type { Limits } from '../../lib/rules/schema.ts';
import { inflateBombDocx, inflateBombPdf, pageBombPdf, THREE_GB } from '../helpers/bombs.ts';
import { decisions, engineWith, EXTERNAL, filesIn, newDataDir, NINO_TEXT, outbox, removeDataDirs, send, SENDER, start, type Harness, type Mail } from './gateway-harness.ts';

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

/**
 * Asks /health every 50 ms until `work` settles, from a worker thread: a poller on this thread
 * would stall with the gateway's event loop and never see the stall. The longest wait for an answer.
 */
async function slowestHealthWhile(httpPort: number, work: Promise<unknown>): Promise<{ slowestMs: number; answers: number }> {
  const poller = new Worker(HEALTH_POLLER, { eval: true, workerData: { httpPort } });
  try {
    await Promise.allSettled([work]);
  } finally {
    poller.postMessage('stop');
  }
  const [result] = (await once(poller, 'message')) as [{ slowestMs: number; answers: number; failures: string[] }];
  await poller.terminate();
  expect(result.failures).toEqual([]);
  return result;
}

const HEALTH_POLLER = `
const { get } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
let slowestMs = 0, answers = 0, stopping = false, inFlight = false, asked = 0;
const failures = [];
parentPort.on('message', () => (stopping = true));
function ask() {
  if (stopping && !inFlight) return parentPort.postMessage({ slowestMs, answers, failures });
  inFlight = true;
  asked = performance.now();
  // A connection of its own each time: a kept-alive one may time out while the loop is busy.
  get({ host: '127.0.0.1', port: workerData.httpPort, path: '/health', agent: false }, (response) => {
    response.resume().on('end', () => {
      if (response.statusCode !== 200) failures.push('status ' + response.statusCode);
      slowestMs = Math.max(slowestMs, performance.now() - asked);
      answers += 1;
      inFlight = false;
      setTimeout(ask, 50);
    });
  }).on('error', (error) => { failures.push(error.message); inFlight = false; setTimeout(ask, 50); });
}
ask();
`;

async function startWith(limits: Partial<Limits> = {}, parts: Parameters<typeof start>[1] = {}, dir?: string): Promise<Harness> {
  const engine = await engineWith((ruleSet) => ({ ...ruleSet, limits: { ...ruleSet.limits, ...limits } }));
  const harness = await start(dir ?? (await newDataDir()), { engine, ...parts });
  running.push(harness);
  return harness;
}

/** Some 20 MB of plain lines, then `last`. */
const bigText = (last: string): string => `${'The readings for the depot are recorded below for the committee to note.\n'.repeat(280_000)}${last}`;

const mail = (name: string, text: string): Mail => ({ subject: name, text, messageId: `<${name}@rushcliffe.gov.uk>` });

async function until(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('waited a minute in vain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const withAttachment = (filename: string, content: Uint8Array, subject: string): Mail => ({
  subject,
  text: 'The papers for Thursday are attached.',
  attachments: [{ filename, content: Buffer.from(content) }],
});

describe('bounded work per message, over SMTP', () => {
  it.each<[string, () => Mail, Partial<Limits>]>([
    ['a PDF of 20,000 pages', () => withAttachment('pack.pdf', pageBombPdf(20_000), 'Agenda pack'), {}],
    ['a PDF of 20,000 pages with no page limit, stopped by the time limit', () => withAttachment('pack.pdf', pageBombPdf(20_000), 'Agenda pack'), { maxPdfPages: 1_000_000, extractTimeoutMs: 5000 }],
    ['a 3 MB PDF whose content inflates to 3 GB', () => withAttachment('report.pdf', inflateBombPdf(THREE_GB), 'Report'), {}],
    ['a Word document whose text inflates to 3 GB', () => withAttachment('letter.docx', inflateBombDocx(THREE_GB, 50_000), 'Letter'), {}],
  ])('holds %s in bounded time and answers /health meanwhile', async (name, mail, limits) => {
    const { gateway } = await startWith(limits);
    const started = performance.now();
    const sent = send(gateway.smtpPort, mail());
    const health = await slowestHealthWhile(gateway.httpPort, sent);
    await sent;
    const ms = performance.now() - started;
    console.log(`bounded work over SMTP: ${name}: held after ${Math.round(ms)} ms; /health answered ${health.answers} times, slowest ${Math.round(health.slowestMs)} ms`);

    const [record] = await decisions(gateway.layout.root);
    expect(record).toMatchObject({ decision: 'hold', rules: ['unreadable-attachment'] });
    expect(record?.error).toBeUndefined();
    expect(record?.findings).toEqual([expect.objectContaining({ type: 'unreadable-attachment', parts: ['attachment:1'] })]);
    expect(ms).toBeLessThan(90_000);
    expect(health.answers).toBeGreaterThan(0);
    expect(health.slowestMs).toBeLessThan(1000);
  }, 120_000);

  it('holds a 10 MB run of digits for the NI number at its end, not as a processing error', async () => {
    const { gateway } = await startWith();
    const started = performance.now();
    const sent = send(gateway.smtpPort, { subject: 'Meter readings', text: `${'1234 5678 '.repeat(1_000_000)}\n${NINO_TEXT}` });
    const health = await slowestHealthWhile(gateway.httpPort, sent);
    await sent;
    const ms = performance.now() - started;
    console.log(`bounded work over SMTP: 10 MB digit run: held after ${Math.round(ms)} ms; /health answered ${health.answers} times, slowest ${Math.round(health.slowestMs)} ms`);

    const [record] = await decisions(gateway.layout.root);
    expect(record).toMatchObject({ decision: 'hold' });
    expect(record?.error).toBeUndefined();
    expect(record?.findings.map((f) => f.type)).toContain('uk-nino');
    expect(ms).toBeLessThan(90_000);
    // Detection runs in a scanning thread, not on the event loop.
    expect(health.answers).toBeGreaterThan(0);
    expect(health.slowestMs).toBeLessThan(1000);
  }, 120_000);

  it.each<[string, string, Record<string, unknown>]>([
    ['holds a 20 MB plain-text body for the NI number at its end', NINO_TEXT, { decision: 'hold', rules: ['strong-identifier'] }],
    ['passes a 20 MB plain-text body with nothing in it', 'End of the log.', { decision: 'pass', rules: [] }],
  ])('%s, and answers /health meanwhile', async (name, last, decided) => {
    const { gateway } = await startWith();
    const started = performance.now();
    const sent = send(gateway.smtpPort, { subject: 'Depot log', text: bigText(last) });
    const health = await slowestHealthWhile(gateway.httpPort, sent);
    await sent;
    const ms = performance.now() - started;
    console.log(`bounded work over SMTP: ${name}: decided after ${Math.round(ms)} ms; /health answered ${health.answers} times, slowest ${Math.round(health.slowestMs)} ms`);

    const records = await decisions(gateway.layout.root);
    expect(records).toEqual([expect.objectContaining(decided)]);
    expect(records[0]?.error).toBeUndefined();
    // Held: the notice goes back to the sender; passed: the message goes out.
    expect((await outbox(gateway.layout.root)).map((item) => item.envelope.to)).toEqual([decided.decision === 'hold' ? [SENDER] : [EXTERNAL]]);
    expect(health.answers).toBeGreaterThan(0);
    expect(health.slowestMs).toBeLessThan(1000);
  }, 120_000);

  it.skipIf(DEFAULT_SCAN_THREADS < 2)('answers other senders while a 20 MB body is scanned', async () => {
    const { gateway } = await startWith();
    const { root } = gateway.layout;
    // Both scanning threads started (started from the TypeScript sources they take a second or two).
    await Promise.all([send(gateway.smtpPort, mail('warm-1', 'Hello.')), send(gateway.smtpPort, mail('warm-2', 'Hello again.'))]);

    const done: string[] = [];
    const big = send(gateway.smtpPort, mail('big', bigText(NINO_TEXT))).then(() => done.push('big'));
    // The big message is in the intake once it has arrived whole: its scan starts now.
    await until(async () => (await filesIn(join(root, 'intake'))).length > 0);
    const small: Array<[string, string, 'hold' | 'pass']> = [
      ['claim', NINO_TEXT, 'hold'],
      ['agenda', 'The agenda for Thursday is attached.', 'pass'],
      ['claim-again', `As discussed: ${NINO_TEXT}`, 'hold'],
      ['thanks', 'Thank you for coming to the surgery.', 'pass'],
    ];
    const smalls = small.map(([name, text]) => send(gateway.smtpPort, mail(name, text)).then(() => done.push(name)));
    await Promise.all([big, ...smalls]);

    // Every sender got its 250 (send resolved), the small ones while the big one was still being scanned.
    expect(done.at(-1)).toBe('big');
    const decided = new Map((await decisions(root)).map((d) => [d.id, d.decision]));
    expect(decided).toEqual(
      new Map([
        ['<warm-1@rushcliffe.gov.uk>', 'pass'],
        ['<warm-2@rushcliffe.gov.uk>', 'pass'],
        ['<big@rushcliffe.gov.uk>', 'hold'],
        ...small.map(([name, , decision]) => [`<${name}@rushcliffe.gov.uk>`, decision] as const),
      ]),
    );
  }, 120_000);

  it('holds a message whose scanning thread runs out of memory as a processing error, and scans the next', async () => {
    // 48 MB of heap starts a scanning thread but cannot hold a 20 MB body decoded and scanned.
    const { gateway, logs } = await startWith({ extractMemoryMb: 48 });
    const { root } = gateway.layout;
    await send(gateway.smtpPort, { subject: 'Depot log', text: bigText(NINO_TEXT) });
    await send(gateway.smtpPort, { subject: 'Agenda', text: 'The agenda for Thursday is attached.' });

    const [failed, next] = await decisions(root);
    expect(failed).toMatchObject({ decision: 'hold', rules: ['processing-error'], error: 'ScanThreadError' });
    const notice = JSON.parse(await readFile(join(root, 'notifications', `${failed!.holdReference}.json`), 'utf8')) as { kind: string };
    expect(notice.kind).toBe('processing-error');
    // Held for review whole; the explanation went back to the sender; nothing is left in the intake.
    expect((await outbox(root)).map((item) => item.envelope.to)).toEqual([[SENDER], [EXTERNAL]]);
    expect(await filesIn(join(root, 'intake'))).toEqual([]);
    expect(next).toMatchObject({ decision: 'pass', rules: [] });
    expect(logs.some((line) => line.includes('"errorName":"ScanThreadError"'))).toBe(true);
    expect(logs.join('\n')).not.toContain('JG 10 37 85 A');
  }, 120_000);
});

describe('a slow message left in the intake at start-up', () => {
  it('is finished after the servers listen, and /health answers while it is read', async () => {
    const dir = await newDataDir();
    const limits = { maxPdfPages: 1_000_000, extractTimeoutMs: 5000 };
    // The first run accepts the message but cannot send the hold notice: it stays in the intake.
    const broken: Mailer = { sendRaw: () => Promise.reject(new Error('crash')), send: () => Promise.reject(new Error('crash')) };
    const first = await startWith(limits, { mailer: broken }, dir);
    await expect(send(first.gateway.smtpPort, withAttachment('pack.pdf', pageBombPdf(20_000), 'Agenda pack'))).rejects.toMatchObject({ responseCode: 451 });
    await first.gateway.stop();
    running.splice(running.indexOf(first), 1);
    expect(await filesIn(join(dir, 'intake'))).toHaveLength(2);

    const started = performance.now();
    const second = await startWith(limits, { mailer: await OutboxMailer.open(join(dir, 'outbox')) }, dir);
    const listeningAfter = performance.now() - started;
    const health = await slowestHealthWhile(second.gateway.httpPort, second.gateway.recovery);
    console.log(`bounded work at start-up: listening after ${Math.round(listeningAfter)} ms; /health answered ${health.answers} times during recovery, slowest ${Math.round(health.slowestMs)} ms`);

    expect(await second.gateway.recovery).toEqual({ processed: 1, failed: 0 });
    expect(health.answers).toBeGreaterThan(0);
    expect(health.slowestMs).toBeLessThan(1000);
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['hold']);
    // The hold notice goes back to the sender; nothing goes to the outside recipient.
    expect((await outbox(dir)).map((item) => item.envelope.to)).toEqual([[SENDER]]);
  }, 120_000);
});
