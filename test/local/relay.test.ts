// Passed mail and bounces through GATEWAY_SMTP_RELAY, against a second, real SMTP server.
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type Relay } from './relay-sink.ts';
import { decisions, EXTERNAL, newDataDir, NINO_TEXT, outbox, removeDataDirs, send, SENDER, start, type Harness } from './gateway-harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await removeDataDirs();
});

async function gatewayWithRelay(): Promise<{ dir: string; relay: Relay; harness: Harness }> {
  const relay = await startRelay();
  cleanups.push(relay.close);
  const dir = await newDataDir();
  const harness = await start(dir, {}, { relay: relay.url });
  cleanups.push(() => harness.gateway.stop());
  return { dir, relay, harness };
}

const RAW = [
  `From: Cllr Jane Porter <${SENDER}>`,
  `To: ${EXTERNAL}`,
  'Subject: Surgery dates',
  'Message-ID: <relay-test@rushcliffe.gov.uk>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Surgeries are on the first Saturday of the month — café upstairs.',
  '.leading dot survives transparency',
  '',
].join('\r\n');

describe('relay', () => {
  it('relays passed mail: the original bytes, to the envelope recipients including Bcc', async () => {
    const { dir, relay, harness } = await gatewayWithRelay();
    const envelope = { from: SENDER, to: [EXTERNAL, 'bcc.reader@example.net'] };
    await send(harness.gateway.smtpPort, { raw: RAW, envelope });
    expect(relay.received).toHaveLength(1);
    expect(relay.received[0]!.from).toBe(SENDER);
    expect(relay.received[0]!.to).toEqual(envelope.to);
    expect(relay.received[0]!.raw.equals(Buffer.from(RAW, 'utf8'))).toBe(true);
    expect(await outbox(dir)).toEqual([]);
  });

  it('sends the bounce of a held message through the relay, from the null sender', async () => {
    const { relay, harness, dir } = await gatewayWithRelay();
    await send(harness.gateway.smtpPort, { subject: 'Claim', text: NINO_TEXT });
    expect(relay.received.map((r) => [r.from, r.to])).toEqual([['', [SENDER]]]);
    expect(relay.received[0]!.raw.toString()).toContain('Subject: Message held: Claim');
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['hold']);
  });

  it('answers 451 while the relay is down, and delivers once when the sender retries', async () => {
    const { relay, harness, dir } = await gatewayWithRelay();
    const port = Number(relay.url.port);
    await relay.close();
    await expect(send(harness.gateway.smtpPort, { raw: RAW, envelope: { from: SENDER, to: [EXTERNAL] } })).rejects.toMatchObject({ responseCode: 451 });
    expect(await decisions(dir)).toEqual([]);

    // The relay comes back on the same port; the sending server retries.
    const back = await startRelay(port);
    cleanups.push(back.close);
    await send(harness.gateway.smtpPort, { raw: RAW, envelope: { from: SENDER, to: [EXTERNAL] } });
    expect(back.received).toHaveLength(1);
    expect(await decisions(dir)).toHaveLength(1);
  });
});
