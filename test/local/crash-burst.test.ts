// A kill -9 in the middle of a burst, then a restart and the sending server's retries: every
// message is delivered (or held and explained) exactly once. The gateway runs as `gateway serve`
// in a child process so the kill is real; the sending server is played by nodemailer, resending
// the very same bytes of every message that did not get its 250, as a mail server does.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { killChildren, killHard, serve } from './child-gateway.ts';
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

describe('kill -9 in a burst', () => {
  it('delivers, holds and bounces every message exactly once after a restart and the retries', { timeout: 180_000 }, async () => {
    const dir = await newDataDir();
    const messages = burst();
    const first = serve(dir);
    const { smtp } = await first.ports;
    let killed: Promise<void> | undefined;
    const accepted = await sendAll(smtp, messages, (count) => {
      if (count === KILL_AFTER && !killed) killed = killHard(first);
    });
    await killed;
    expect(accepted.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(accepted.size).toBeLessThan(MESSAGES);

    // Restart; the sending server retries everything without a 250 until it gets one.
    const second = serve(dir);
    const again = await second.ports;
    let pending = messages.filter((m) => !accepted.has(m.id));
    for (let round = 0; pending.length > 0 && round < 5; round += 1) {
      const ok = await sendAll(again.smtp, pending);
      pending = pending.filter((m) => !ok.has(m.id));
    }
    expect(pending).toEqual([]);
    await waitFor(async () => ((await (await fetch(`http://127.0.0.1:${again.http}/health`)).json()) as { recovery?: string }).recovery === 'done', 'recovery');

    // Count what left the gateway, by the message each item belongs to.
    const bodies = new Map(messages.map((m) => [m.raw.toString().split('\r\n\r\n')[1]!, m]));
    const delivered = new Map<string, number>();
    const bounced = new Map<string, number>();
    for (const item of await outbox(dir)) {
      if (item.envelope.from === SENDER) {
        const m = bodies.get(item.raw.toString().split('\r\n\r\n')[1]!);
        delivered.set(m?.id ?? 'unknown', (delivered.get(m?.id ?? 'unknown') ?? 0) + 1);
      } else {
        const subject = /Subject: Message held: Burst (\d+)/.exec(item.raw.toString())?.[1] ?? 'unknown';
        bounced.set(subject, (bounced.get(subject) ?? 0) + 1);
      }
    }
    const passIds = messages.filter((m) => !m.held).map((m) => m.id);
    const heldIds = messages.filter((m) => m.held).map((m) => m.id);
    const duplicates = [...delivered, ...bounced].filter(([, n]) => n > 1).length;
    expect({ duplicates, unknown: (delivered.get('unknown') ?? 0) + (bounced.get('unknown') ?? 0) }).toEqual({ duplicates: 0, unknown: 0 });
    expect([...delivered.keys()].sort()).toEqual(passIds.sort());
    expect([...bounced.keys()].sort()).toEqual(heldIds.sort());
    const heldFiles = (await readdir(join(dir, 'held'))).filter((n) => n.endsWith('.json'));
    expect(heldFiles).toHaveLength(heldIds.length);
    expect(await filesIn(join(dir, 'notifications'))).toHaveLength(heldIds.length);
    const records = await decisions(dir);
    expect(records).toHaveLength(MESSAGES);
    expect(new Set(records.map((r) => r.key)).size).toBe(MESSAGES);
    expect(await filesIn(join(dir, 'intake'))).toEqual([]);
  });
});
