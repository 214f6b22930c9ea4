// Directory flushes shared among callers (group commit): every caller's flush begins after its
// call, callers that arrive while one runs share the next, and a failure reaches each of them.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncDirectory, writeFileDurably } from '../../lib/adapters/local/durable-file.ts';

describe('syncDirectory', () => {
  it('gives a caller alone a flush of its own, and callers arriving during it the next one, shared', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-flush-'));
    const order: string[] = [];
    const first = syncDirectory(dir);
    const second = syncDirectory(dir);
    const third = syncDirectory(dir);
    // The first flush may have begun before the others' changes: they wait for the next.
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    void first.then(() => order.push('first'));
    void second.then(() => order.push('second'));
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first', 'second']);
    // With nothing under way, the next caller starts a new flush at once.
    const fourth = syncDirectory(dir);
    expect(fourth).not.toBe(second);
    await fourth;
  });

  it('fails every caller sharing a flush that fails', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'gateway-flush-')), 'gone');
    const results = await Promise.allSettled([syncDirectory(missing), syncDirectory(missing), syncDirectory(missing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason.code).toBe('ENOENT');
  });

  it('leaves fifty files written at once whole and in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-flush-'));
    await Promise.all(Array.from({ length: 50 }, (_, i) => writeFileDurably(join(dir, `item-${i}.json`), JSON.stringify({ i }))));
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `item-${i}.json`).sort());
    for (let i = 0; i < 50; i += 1) expect(JSON.parse(readFileSync(join(dir, `item-${i}.json`), 'utf8'))).toEqual({ i });
  });
});
