import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../../../lib/audit/decision-record.ts';
import { FileNotifier } from '../../../lib/adapters/local/file-notifier.ts';
import { FsMessageStore } from '../../../lib/adapters/local/fs-message-store.ts';
import { JsonlDecisionLog } from '../../../lib/adapters/local/jsonl-decision-log.ts';
import { OutboxMailer } from '../../../lib/adapters/local/mailers.ts';
import type { HeldMeta } from '../../../lib/ports/message-store.ts';
import { newDataDir, removeDataDirs } from '../../local/gateway-harness.ts';

afterEach(removeDataDirs);

const KEY = 'ab'.repeat(16);
const REF = 'H-20261124-7KQ3PZ';
const envelope = { from: 'a@rushcliffe.gov.uk', to: ['b@example.org'] };

function meta(reference = REF, key = KEY, heldAt = '2026-11-24T10:00:00.000Z'): HeldMeta {
  return { reference, key, messageId: '<m@x>', channel: 'email', status: 'held', heldAt, envelope, subject: 's', ruleSetVersion: 'v', reasons: [], findings: [] };
}

const record = (key: string): DecisionRecord => ({ key, id: 'i' }) as DecisionRecord;

describe('FsMessageStore', () => {
  it('stores, lists and deletes intake items', async () => {
    const store = await FsMessageStore.open(await newDataDir());
    await store.putIntake({ key: KEY, raw: Buffer.from('raw'), envelope, receivedAt: 't' });
    expect(await store.listIntake()).toEqual([KEY]);
    expect(await store.getIntake(KEY)).toEqual({ key: KEY, raw: Buffer.from('raw'), envelope, receivedAt: 't' });
    await store.deleteIntake(KEY);
    expect(await store.listIntake()).toEqual([]);
    expect(await store.getIntake(KEY)).toBeUndefined();
  });

  it('lists only complete intake items, ignoring leftovers of a crash', async () => {
    const dir = await newDataDir();
    const store = await FsMessageStore.open(dir);
    await writeFile(join(dir, 'intake', `${KEY}.eml`), 'raw without its marker');
    await writeFile(join(dir, 'intake', `.tmp-${KEY}.json-123`), '{}');
    expect(await store.listIntake()).toEqual([]);
  });

  it('keeps held items with their reference and finds them by delivery key', async () => {
    const dir = await newDataDir();
    const store = await FsMessageStore.open(dir);
    await store.putHeld({ meta: meta(), raw: Buffer.from('held raw') });
    await store.putHeld({ meta: meta('H-20261123-222222', 'cd'.repeat(16), '2026-11-23T10:00:00.000Z'), raw: Buffer.from('older') });
    expect((await store.getHeld(REF))?.raw.toString()).toBe('held raw');
    expect(await store.heldReference(KEY)).toBe(REF);
    expect((await store.listHeld()).map((m) => m.reference)).toEqual(['H-20261123-222222', REF]);
    // Survives reopening.
    expect((await (await FsMessageStore.open(dir)).getHeldMeta(REF))?.subject).toBe('s');
    expect((await readdir(join(dir, 'held'))).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it.each(['../held/H-20261124-7KQ3PZ', 'H-20261124-7KQ3PZ.json', '', 'H-20261124-7kq3pz'])('treats the malformed reference %j as unknown', async (ref) => {
    const store = await FsMessageStore.open(await newDataDir());
    await store.putHeld({ meta: meta(), raw: Buffer.from('x') });
    expect(await store.getHeld(ref)).toBeUndefined();
  });

  it('refuses to store under a malformed reference or key', async () => {
    const store = await FsMessageStore.open(await newDataDir());
    await expect(store.putHeld({ meta: meta('../../etc/x'), raw: Buffer.from('x') })).rejects.toThrow(/unexpected shape/);
    await expect(store.putIntake({ key: '../x', raw: Buffer.from('x'), envelope, receivedAt: 't' })).rejects.toThrow(/unexpected shape/);
  });
});

describe('JsonlDecisionLog', () => {
  it('remembers recorded keys across a restart', async () => {
    const path = join(await newDataDir(), 'decisions.jsonl');
    const log = await JsonlDecisionLog.open(path);
    await Promise.all([log.append(record('k1')), log.append(record('k2'))]);
    expect(await log.has('k1')).toBe(true);
    const reopened = await JsonlDecisionLog.open(path);
    expect([await reopened.has('k1'), await reopened.has('k2'), await reopened.has('k3')]).toEqual([true, true, false]);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(3);
  });

  it('survives a line cut short by a crash, and starts the next record on a new line', async () => {
    const path = join(await newDataDir(), 'decisions.jsonl');
    await writeFile(path, `${JSON.stringify(record('k1'))}\n{"key":"k2","id`);
    const log = await JsonlDecisionLog.open(path);
    expect([await log.has('k1'), await log.has('k2')]).toEqual([true, false]);
    await log.append(record('k3'));
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(JSON.parse(lines[2]!)).toMatchObject({ key: 'k3' });
    expect(await (await JsonlDecisionLog.open(path)).has('k3')).toBe(true);
  });

  it('reports a failed append and keeps working after it', async () => {
    const path = join(await newDataDir(), 'decisions.jsonl');
    const log = await JsonlDecisionLog.open(path);
    await mkdir(path); // the file's place is taken: appends fail
    await expect(log.append(record('lost'))).rejects.toThrow();
    expect(await log.has('lost')).toBe(false);
    await rm(path, { recursive: true });
    await log.append(record('ok'));
    expect(await log.has('ok')).toBe(true);
  });
});

describe('OutboxMailer and FileNotifier', () => {
  it('writes the raw bytes and their envelope', async () => {
    const dir = join(await newDataDir(), 'outbox');
    const mailer = await OutboxMailer.open(dir);
    await mailer.sendRaw(Buffer.from('raw bytes\r\n'), envelope);
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(2);
    expect(await readFile(join(dir, names[0]!), 'utf8')).toBe('raw bytes\r\n');
    expect(JSON.parse(await readFile(join(dir, names[1]!), 'utf8'))).toMatchObject({ envelope });
  });

  it('composes a message with text and HTML parts', async () => {
    const dir = join(await newDataDir(), 'outbox');
    const mailer = await OutboxMailer.open(dir);
    await mailer.send({ from: 'gw@rushcliffe.gov.uk', to: ['a@rushcliffe.gov.uk'], envelopeFrom: '', subject: 'Message held: x', text: 'plain', html: '<p>html</p>' });
    const names = (await readdir(dir)).sort();
    const raw = await readFile(join(dir, names[0]!), 'utf8');
    expect(raw).toContain('Subject: Message held: x');
    expect(raw).toContain('multipart/alternative');
    expect(JSON.parse(await readFile(join(dir, names[1]!), 'utf8'))).toMatchObject({ envelope: { from: '', to: ['a@rushcliffe.gov.uk'] } });
  });

  it('writes one notice file per reference', async () => {
    const dir = join(await newDataDir(), 'notifications');
    const notifier = await FileNotifier.open(dir);
    const notice = { kind: 'held' as const, reference: REF, summary: 's', record: record('k') };
    await notifier.notify(notice);
    await notifier.notify(notice);
    expect(await readdir(dir)).toEqual([`${REF}.json`]);
  });
});
