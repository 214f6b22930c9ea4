// A kill -9 in the middle of a burst, then a restart and the sending server's retries: every
// message is delivered (or held and explained) exactly once. The gateway runs as `gateway serve`
// in a child process so the kill is real; the sending server is played by nodemailer, resending
// the very same bytes of every message that did not get its 250, as a mail server does.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { killChildren, killHard, serve } from './child-gateway.ts';
import { startRelay, type Received } from './relay-sink.ts';
import { decisions, EXTERNAL, filesIn, newDataDir, NINO_TEXT, outbox, removeDataDirs, SENDER } from './gateway-harness.ts';

afterEach(async () => {
  await killChildren();
  await removeDataDirs();
});

const MESSAGES = 800;
const CONNECTIONS = 200;
/** The kill comes once this many messages have had their 250. */
const KILL_AFTER = 300;

interface Outgoing {
  id: string;
  raw: Buffer;
  held: boolean;
}

/** Every fourth message carries a National Insurance number (held); every tenth reuses the Message-ID of the one before. */
function burst(): Outgoing[] {
  return Array.from({ length: MESSAGES }, (_, i) => {
    const held = i % 4 === 1;
    const id = `burst-${i % 10 === 9 ? i - 1 : i}@rushcliffe.gov.uk`;
    const body = held ? `Message ${i}. ${NINO_TEXT}` : `Message ${i}: the surgery is on Saturday.`;
    const raw = [`From: ${SENDER}`, `To: ${EXTERNAL}`, `Subject: Burst ${i}`, `Message-ID: <${id}>`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
    return { id: `${i}`, raw: Buffer.from(raw), held };
  });
}

/** Sends over CONNECTIONS connections; returns the ids that got a 250. Stops early once `stop()` says so. */
async function sendAll(port: number, messages: Outgoing[], onAccepted: (count: number) => void = () => {}): Promise<Set<string>> {
  const accepted = new Set<string>();
  const queue = [...messages];
  const worker = async (): Promise<void> => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 });
    try {
      for (let m = queue.shift(); m; m = queue.shift()) {
        try {
          await transport.sendMail({ envelope: { from: SENDER, to: [EXTERNAL] }, raw: m.raw });
          accepted.add(m.id);
          onAccepted(accepted.size);
        } catch {
          // Not accepted (the gateway died mid-transaction, or said 451): the sender keeps it.
        }
      }
    } finally {
      transport.close();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return accepted;
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A message the relay or the outbox received: who sent it and its bytes. */
type Sent = Pick<Received, 'from' | 'raw'>;

describe('kill -9 in a burst', () => {
  // The outbox names each send after its delivery, so even the send in flight at the kill is not
  // repeated; a relay cannot take a send back, so that one (per connection busy at the kill) may be.
  it.each([
    ['the outbox', 0],
    ['a relay', CONNECTIONS],
  ])('delivers, holds and bounces every message exactly once through %s after a restart and the retries', { timeout: 180_000 }, async (target, inFlight) => {
    const dir = await newDataDir();
    const sink = target === 'a relay' ? await startRelay() : undefined;
    const env: Record<string, string> = sink ? { GATEWAY_SMTP_RELAY: sink.url.href } : {};
    const messages = burst();
    const first = serve(dir, env);
    const { smtp } = await first.ports;
    let killed: Promise<void> | undefined;
    const accepted = await sendAll(smtp, messages, (count) => {
      if (count === KILL_AFTER && !killed) killed = killHard(first);
    });
    await killed;
    expect(accepted.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(accepted.size).toBeLessThan(MESSAGES);

    // Restart; the sending server retries everything without a 250 until it gets one.
    const second = serve(dir, env);
    const again = await second.ports;
    let pending = messages.filter((m) => !accepted.has(m.id));
    for (let round = 0; pending.length > 0 && round < 5; round += 1) {
      const ok = await sendAll(again.smtp, pending);
      pending = pending.filter((m) => !ok.has(m.id));
    }
    expect(pending).toEqual([]);
    await waitFor(async () => ((await (await fetch(`http://127.0.0.1:${again.http}/health`)).json()) as { recovery?: string }).recovery === 'done', 'recovery');
    second.child.kill('SIGTERM');
    await second.exited;
    await sink?.close();

    // Count what left the gateway, by the message each item belongs to.
    const sent: Sent[] = sink ? sink.received : (await outbox(dir)).map((i) => ({ from: i.envelope.from, raw: i.raw }));
    const bodies = new Map(messages.map((m) => [m.raw.toString().split('\r\n\r\n')[1]!, m]));
    const delivered = new Map<string, number>();
    const bounced = new Map<string, number>();
    for (const item of sent) {
      if (item.from === SENDER) {
        const id = bodies.get(item.raw.toString().split('\r\n\r\n')[1]!)?.id ?? 'unknown';
        delivered.set(id, (delivered.get(id) ?? 0) + 1);
      } else {
        const id = /Subject: Message held: Burst (\d+)/.exec(item.raw.toString())?.[1] ?? 'unknown';
        bounced.set(id, (bounced.get(id) ?? 0) + 1);
      }
    }
    const passIds = messages.filter((m) => !m.held).map((m) => m.id);
    const heldIds = messages.filter((m) => m.held).map((m) => m.id);
    const heldMetas = await Promise.all(
      (await readdir(join(dir, 'held'))).filter((n) => n.endsWith('.json')).map(async (n) => JSON.parse(await readFile(join(dir, 'held', n), 'utf8')) as { subject: string; key: string; heldAt: string; reasons: { rule: string }[] }),
    );
    const records = await decisions(dir);
    // All in one object, so that a failure shows every count at once.
    const counts = {
      repeatedSends: [...delivered.values(), ...bounced.values()].reduce((sum, n) => sum + n - 1, 0),
      unknownSends: (delivered.get('unknown') ?? 0) + (bounced.get('unknown') ?? 0),
      passedNotDelivered: passIds.filter((id) => !delivered.has(id)),
      heldNotBounced: heldIds.filter((id) => !bounced.has(id)),
      deliveredButHeld: heldIds.filter((id) => delivered.has(id)),
      bouncedButPassed: passIds.filter((id) => bounced.has(id)),
      heldCopies: heldMetas.length,
      heldCopiesOfOneMessage: heldMetas
        .filter((m) => heldMetas.filter((o) => o.subject === m.subject).length > 1)
        .map((m) => `${m.subject} ${m.key} ${m.heldAt} ${m.reasons.map((r) => r.rule).join(',')}`),
      notices: (await filesIn(join(dir, 'notifications'))).length,
      records: records.length,
      recordKeys: new Set(records.map((r) => r.key)).size,
      intake: await filesIn(join(dir, 'intake')),
      steps: await filesIn(join(dir, 'steps')),
      halfWritten: (await Promise.all(['held', 'held/keys', 'outbox', 'notifications'].map((d) => filesIn(join(dir, d))))).flat().filter((n) => n.startsWith('.tmp-')),
    };
    expect({ ...counts, repeatedSends: counts.repeatedSends <= inFlight ? 'within what was in flight' : counts.repeatedSends }).toEqual({
      repeatedSends: 'within what was in flight',
      unknownSends: 0,
      passedNotDelivered: [],
      heldNotBounced: [],
      deliveredButHeld: [],
      bouncedButPassed: [],
      heldCopies: heldIds.length,
      heldCopiesOfOneMessage: [],
      notices: heldIds.length,
      records: MESSAGES,
      recordKeys: MESSAGES,
      intake: [],
      steps: [],
      halfWritten: [],
    });
    console.info(`kill -9 in a burst through ${target}: ${accepted.size} of ${MESSAGES} had their 250 before the kill; ${counts.repeatedSends} sends repeated`);
  });
});
