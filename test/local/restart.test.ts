// Nothing is lost and nothing is decided twice across a stop, a crash or a kill.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsMessageStore } from '../../lib/adapters/local/fs-message-store.ts';
import { OutboxMailer } from '../../lib/adapters/local/mailers.ts';
import type { Mailer } from '../../lib/ports/mailer.ts';
import { killChildren, serve } from './child-gateway.ts';
import { decisions, EXTERNAL, filesIn, newDataDir, NINO_TEXT, outbox, removeDataDirs, send, SENDER, start, type Harness } from './gateway-harness.ts';

const RAW = (body: string, id: string): string =>
  [`From: ${SENDER}`, `To: ${EXTERNAL}`, 'Subject: Claim', `Message-ID: <${id}@rushcliffe.gov.uk>`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
const envelope = { from: SENDER, to: [EXTERNAL] };

const running: Harness[] = [];
afterEach(async () => {
  await killChildren();
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
    expect(await second.gateway.recovery).toEqual({ processed: 1, failed: 0 });
    expect((await outbox(dir)).map((i) => i.envelope.to)).toEqual([[EXTERNAL]]);
    expect(await filesIn(join(dir, 'intake'))).toEqual([]);

    // The sender retries the 451 as well: accepted, not delivered a second time.
    await send(second.gateway.smtpPort, { raw: RAW('Nothing personal here.', 'mid-way'), envelope });
    expect(await outbox(dir)).toHaveLength(1);
    expect(await decisions(dir)).toHaveLength(1);
  });
});

describe('recovery at start-up', () => {
  it('listens for SMTP and answers /health while it is still finishing what an earlier run left', async () => {
    const dir = await newDataDir();
    const broken: Mailer = { sendRaw: () => Promise.reject(new Error('crash')), send: () => Promise.reject(new Error('crash')) };
    const first = await start(dir, { mailer: broken });
    await expect(send(first.gateway.smtpPort, { raw: RAW('Nothing personal here.', 'left-over'), envelope })).rejects.toMatchObject({ responseCode: 451 });
    await first.gateway.stop();

    // The left-over message takes as long as it takes (a slow relay, say) …
    const outboxMailer = await OutboxMailer.open(join(dir, 'outbox'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Mailer = {
      sendRaw: async (raw, env) => {
        if (raw.includes('left-over@')) await gate;
        await outboxMailer.sendRaw(raw, env);
      },
      send: (message) => outboxMailer.send(message),
    };
    try {
      const second = await Promise.race([
        start(dir, { mailer: slow }),
        new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('the gateway did not listen while recovering')), 5000)),
      ]);
      running.push(second);
      // … and meanwhile the gateway is up: /health answers and new mail is accepted and delivered.
      const health = (await (await fetch(`http://127.0.0.1:${second.gateway.httpPort}/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', recovery: 'running' });
      await send(second.gateway.smtpPort, { raw: RAW('Also nothing personal.', 'new-one'), envelope });
      expect((await outbox(dir)).map((i) => i.raw.includes('new-one@'))).toEqual([true]);

      release();
      expect(await second.gateway.recovery).toEqual({ processed: 1, failed: 0 });
      expect(await outbox(dir)).toHaveLength(2);
      expect(await (await fetch(`http://127.0.0.1:${second.gateway.httpPort}/health`)).json()).toMatchObject({ recovery: 'done' });
    } finally {
      release();
    }
  });
});

describe('gateway serve in a child process', () => {
  it('survives a kill -9: held messages stay, a redelivery is not decided again; SIGTERM stops cleanly', async () => {
    const dir = await newDataDir();
    const first = serve(dir);
    const { smtp, http } = await first.ports;
    expect(first.stdout()).toContain(`State kept in ${dir}`);
    expect(first.stdout()).toMatch(/Review token for this run .*: \S{20,}/);
    expect(await (await fetch(`http://127.0.0.1:${http}/health`)).json()).toMatchObject({ status: 'ok' });
    await send(smtp, { raw: RAW(NINO_TEXT, 'killed'), envelope });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = serve(dir);
    const again = await second.ports;
    const held = await (await FsMessageStore.open(dir)).listHeld();
    expect(held).toHaveLength(1);
    await send(again.smtp, { raw: RAW(NINO_TEXT, 'killed'), envelope });
    expect(await decisions(dir)).toHaveLength(1);
    expect(await outbox(dir)).toHaveLength(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toContain('Stopped.');
  });
});
