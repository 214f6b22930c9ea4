// The local webhook event log: a JSON-lines file whose keys survive a restart and a crash mid-line.
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlWhatsAppEventLog, lazyWhatsAppEventLog } from '../../../lib/adapters/local/whatsapp-event-log.ts';
import type { WhatsAppEventRecord } from '../../../lib/ports/whatsapp-event-log.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function path(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wa-events-'));
  dirs.push(dir);
  return join(dir, 'state', 'whatsapp-events.jsonl');
}

const event = (key: string): WhatsAppEventRecord => ({ key, channel: 'whatsapp', kind: 'message', field: 'messages', receivedAt: '2025-11-24T10:00:00.000Z', type: 'text' });

describe('JsonlWhatsAppEventLog', () => {
  it('records each key once and knows them again after reopening', async () => {
    const file = await path();
    const log = await JsonlWhatsAppEventLog.open(file);
    await Promise.all([log.record(event('message:a')), log.record(event('message:a')), log.record(event('message:b'))]);
    const reopened = await JsonlWhatsAppEventLog.open(file);
    expect([await reopened.has('message:a'), await reopened.has('message:b'), await reopened.has('message:c')]).toEqual([true, true, false]);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
  });

  it('ignores a line cut short by a crash and starts the next record on a line of its own', async () => {
    const file = await path();
    await (await JsonlWhatsAppEventLog.open(file)).record(event('message:a'));
    await appendFile(file, '{"key":"message:cut');
    const log = await JsonlWhatsAppEventLog.open(file);
    expect(await log.has('message:cut')).toBe(false);
    await log.record(event('message:b'));
    expect(await (await JsonlWhatsAppEventLog.open(file)).has('message:b')).toBe(true);
  });

  it('opens lazily, on first use', async () => {
    const file = await path();
    const log = lazyWhatsAppEventLog(file);
    await expect(readFile(file)).rejects.toThrow();
    await log.record(event('message:a'));
    expect(await log.has('message:a')).toBe(true);
  });
});
