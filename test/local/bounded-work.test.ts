// Bounded work per message, seen from outside: the local gateway is sent, over real SMTP, an
// attachment that would take minutes or gigabytes to read, and holds it within bounded time while
// /health, over a real HTTP socket, keeps answering within a second.
import { get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxMailer } from '../../lib/adapters/local/mailers.ts';
import type { Mailer } from '../../lib/ports/mailer.ts';
import type { Limits } from '../../lib/rules/schema.ts';
import { inflateBombDocx, inflateBombPdf, pageBombPdf, THREE_GB } from '../helpers/bombs.ts';
import { decisions, engineWith, filesIn, newDataDir, NINO_TEXT, outbox, removeDataDirs, send, SENDER, start, type Harness, type Mail } from './gateway-harness.ts';

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

/** GET /health on a connection of its own (a kept-alive one may have timed out while the loop was busy). */
function health(httpPort: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: httpPort, path: '/health', agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`/health answered ${response.statusCode}`))));
    }).on('error', reject);
  });
}

/** Asks /health every 100 ms until `work` settles; the longest wait for an answer, in ms. */
async function slowestHealthWhile(httpPort: number, work: Promise<unknown>): Promise<{ slowestMs: number; answers: number }> {
  let done = false;
  const settled = work.then(
    () => (done = true),
    () => (done = true),
  );
  let slowestMs = 0;
  let answers = 0;
  while (!done) {
    const asked = performance.now();
    expect(await health(httpPort)).toMatchObject({ status: 'ok' });
    slowestMs = Math.max(slowestMs, performance.now() - asked);
    answers += 1;
    await Promise.race([sleep(100), settled]);
  }
  return { slowestMs, answers };
}

async function startWith(limits: Partial<Limits> = {}, parts: Parameters<typeof start>[1] = {}, dir?: string): Promise<Harness> {
  const engine = await engineWith((ruleSet) => ({ ...ruleSet, limits: { ...ruleSet.limits, ...limits } }));
  const harness = await start(dir ?? (await newDataDir()), { engine, ...parts });
  running.push(harness);
  return harness;
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
    // Answered, but not within a second: detection still runs on the event loop (only attachment
    // reading is in worker threads), so /health waits while 10 MB of text is scanned.
    expect(health.answers).toBeGreaterThan(0);
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
