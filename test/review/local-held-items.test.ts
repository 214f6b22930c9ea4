// The local review store over the held folder: paging, decisions kept in their own files (and
// across a restart), and held content deleted after the retention period while the record stays.
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsMessageStore } from '../../lib/adapters/local/fs-message-store.ts';
import { LocalHeldItems } from '../../lib/adapters/local/review-held-items.ts';
import type { HeldMeta } from '../../lib/ports/message-store.ts';
import { CursorError } from '../../lib/review/cursor.ts';

function meta(reference: string, heldAt: string, key: string): HeldMeta {
  return {
    reference,
    key,
    messageId: `<${reference}@rushcliffe.gov.uk>`,
    channel: 'email',
    status: 'held',
    heldAt,
    envelope: { from: 'cllr.jporter@rushcliffe.gov.uk', to: ['editor@example.org'] },
    subject: `About ${reference}`,
    ruleSetVersion: 'test',
    reasons: [{ rule: 'casework', category: 'casework', type: 'case-reference', explanation: 'Casework.', allowOverride: true }],
    findings: [],
  };
}

const REFS = ['H-20261101-AAAAAA', 'H-20261102-BBBBBB', 'H-20261103-CCCCCC'];
const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

describe('LocalHeldItems', () => {
  let dir: string;
  let store: FsMessageStore;
  let now: Date;
  const open = (): LocalHeldItems => new LocalHeldItems({ store, dataDir: dir, retentionDays: 30, now: () => now });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'review-items-'));
    store = await FsMessageStore.open(dir);
    now = new Date('2026-11-10T00:00:00.000Z');
    for (const [i, ref] of REFS.entries()) {
      await store.putHeld({ meta: meta(ref, `2026-11-0${i + 1}T09:00:00.000Z`, `${i}`.repeat(32)), raw: Buffer.from(`raw ${ref}`) });
    }
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('pages newest first without repeats, and refuses a forged cursor', async () => {
    const items = open();
    const first = await items.list({ status: 'held', sort: 'newest', limit: 2 });
    expect(first.items.map((i) => i.ref)).toEqual([REFS[2], REFS[1]]);
    const second = await items.list({ status: 'held', sort: 'newest', limit: 2, cursor: first.cursor! });
    expect(second.items.map((i) => i.ref)).toEqual([REFS[0]]);
    expect(second.cursor).toBeUndefined();
    await expect(items.list({ status: 'held', sort: 'newest', limit: 2, cursor: 'e30' })).rejects.toThrow(CursorError);
  });

  it('keeps decisions in their own files, across a restart, and decides each item once', async () => {
    const review = { by: 'ig', at: now.toISOString(), action: 'rejected' as const, note: 'Use the portal.' };
    expect(await open().updateStatus(REFS[0]!, { from: 'held', to: 'rejected', review })).toBe(true);
    const reopened = open();
    expect(await reopened.get(REFS[0]!)).toMatchObject({ status: 'rejected', review });
    expect(await reopened.updateStatus(REFS[0]!, { from: 'held', to: 'released', review: { ...review, action: 'released' } })).toBe(false);
    expect(await reopened.counts()).toEqual({ held: 2, released: 0, rejected: 1, overridden: 0 });
    // The held copy written by the act step is untouched.
    expect((await store.getHeldMeta(REFS[0]!))?.status).toBe('held');
  });

  it('answers concurrent decisions with exactly one success', async () => {
    const items = open();
    const review = (action: 'released' | 'rejected') => ({ by: 'ig', at: now.toISOString(), action, note: 'x' });
    const results = await Promise.all([
      items.updateStatus(REFS[1]!, { from: 'held', to: 'released', review: review('released') }),
      items.updateStatus(REFS[1]!, { from: 'held', to: 'rejected', review: review('rejected') }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('deletes held content after the retention period but keeps the record and its decision', async () => {
    const review = { by: 'ig', at: now.toISOString(), action: 'rejected' as const, note: 'No.' };
    await open().updateStatus(REFS[0]!, { from: 'held', to: 'rejected', review });
    now = new Date('2026-12-01T12:00:00.000Z'); // past 30 days for the first only
    const items = open();
    await items.list({ status: 'held', sort: 'newest', limit: 50 });
    expect(await exists(join(dir, 'held', `${REFS[0]}.eml`))).toBe(false);
    expect(await exists(join(dir, 'held', `${REFS[0]}.json`))).toBe(true);
    expect(await exists(join(dir, 'held', `${REFS[1]}.eml`))).toBe(true);
    const record = await items.get(REFS[0]!);
    expect(record).toMatchObject({ status: 'rejected', review, subject: `About ${REFS[0]}` });
    expect(await items.read(record!)).toBeUndefined();
    expect((await items.read((await items.get(REFS[1]!))!))?.toString()).toBe(`raw ${REFS[1]}`);
  });

  it('knows nothing of malformed references', async () => {
    expect(await open().get('../decisions')).toBeUndefined();
    expect(await open().updateStatus('../decisions', { from: 'held', to: 'released' })).toBe(false);
  });
});
