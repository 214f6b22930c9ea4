// Nothing is lost and nothing is decided twice across a stop, a crash or a kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsMessageStore } from '../../lib/adapters/local/fs-message-store.ts';
import type { Mailer } from '../../lib/ports/mailer.ts';
import { decisions, EXTERNAL, filesIn, newDataDir, NINO_TEXT, outbox, removeDataDirs, send, SENDER, start, type Harness } from './gateway-harness.ts';

const RAW = (body: string, id: string): string =>
  [`From: ${SENDER}`, `To: ${EXTERNAL}`, 'Subject: Claim', `Message-ID: <${id}@rushcliffe.gov.uk>`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
const envelope = { from: SENDER, to: [EXTERNAL] };

const running: Harness[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

describe('restart in process', () => {
  it('keeps held messages and does not decide a redelivered message again', async () => {
    const dir = await newDataDir();
    const first = await start(dir);
    await send(first.gateway.smtpPort, { raw: RAW(NINO_TEXT, 'held-once'), envelope });
    await send(first.gateway.smtpPort, { raw: RAW('Nothing personal here.', 'passed-once'), envelope });
    await first.gateway.stop();

    const second = await start(dir);
    running.push(second);
    const held = await (await FsMessageStore.open(dir)).listHeld();
    expect(held.map((h) => h.subject)).toEqual(['Claim']);

    // The sending server never saw our 250s (say) and sends both again: both are accepted, neither acted on.
    await send(second.gateway.smtpPort, { raw: RAW(NINO_TEXT, 'held-once'), envelope });
    await send(second.gateway.smtpPort, { raw: RAW('Nothing personal here.', 'passed-once'), envelope });
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['hold', 'pass']);
    expect((await outbox(dir)).map((i) => i.envelope.to)).toEqual([[SENDER], [EXTERNAL]]);
    expect((await (await FsMessageStore.open(dir)).listHeld()).length).toBe(1);
  });

  it('finishes after a restart a message whose processing failed part-way', async () => {
    const dir = await newDataDir();
    const broken: Mailer = { sendRaw: () => Promise.reject(new Error('crash')), send: () => Promise.reject(new Error('crash')) };
    const first = await start(dir, { mailer: broken });
    await expect(send(first.gateway.smtpPort, { raw: RAW('Nothing personal here.', 'mid-way'), envelope })).rejects.toMatchObject({ responseCode: 451 });
    await first.gateway.stop();
    expect((await filesIn(join(dir, 'intake'))).length).toBe(2);

    const second = await start(dir);
    running.push(second);
    expect(second.gateway.recovered).toEqual({ processed: 1, failed: 0 });
    expect((await outbox(dir)).map((i) => i.envelope.to)).toEqual([[EXTERNAL]]);
    expect(await filesIn(join(dir, 'intake'))).toEqual([]);

    // The sender retries the 451 as well: accepted, not delivered a second time.
    await send(second.gateway.smtpPort, { raw: RAW('Nothing personal here.', 'mid-way'), envelope });
    expect(await outbox(dir)).toHaveLength(1);
    expect(await decisions(dir)).toHaveLength(1);
  });
});

/** `gateway serve` as `npm start` runs it, in a child process with its own environment. */
function serve(dataDir: string): { child: ChildProcess; ports: Promise<{ smtp: number; http: number }>; stdout: () => string } {
  const child = spawn(process.execPath, ['bin/gateway.js', 'serve'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, GATEWAY_SMTP_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const ports = new Promise<{ smtp: number; http: number }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const smtp = /SMTP\s+listening on [^:]+:(\d+)/.exec(out);
      const http = /HTTP\s+listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (smtp && http && out.includes('Press Ctrl+C to stop.')) resolve({ smtp: Number(smtp[1]), http: Number(http[1]) });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`gateway exited (${code}) before listening:\n${out}`)));
  });
  return { child, ports, stdout: () => out };
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('gateway serve in a child process', () => {
  it('survives a kill -9: held messages stay, a redelivery is not decided again; SIGTERM stops cleanly', async () => {
    const dir = await newDataDir();
    const first = serve(dir);
    const { smtp, http } = await first.ports;
    expect(first.stdout()).toContain(`State kept in ${dir}`);
    expect(first.stdout()).toMatch(/Review token for this run .*: \S{20,}/);
    expect(await (await fetch(`http://127.0.0.1:${http}/health`)).json()).toMatchObject({ status: 'ok' });
    await send(smtp, { raw: RAW(NINO_TEXT, 'killed'), envelope });
    const gone = exited(first.child);
    first.child.kill('SIGKILL');
    await gone;

    const second = serve(dir);
    const again = await second.ports;
    const held = await (await FsMessageStore.open(dir)).listHeld();
    expect(held).toHaveLength(1);
    await send(again.smtp, { raw: RAW(NINO_TEXT, 'killed'), envelope });
    expect(await decisions(dir)).toHaveLength(1);
    expect(await outbox(dir)).toHaveLength(1);

    const stopped = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(second.stdout()).toContain('Stopped.');
  });
});
