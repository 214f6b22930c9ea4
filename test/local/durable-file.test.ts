// Flushes shared among callers (group commit): every caller's directory flush begins after its
// call, callers that arrive while one runs share the next, and a failure reaches each of them; lines
// appended together share one write and flush, each whole and in order.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendDurably, LineAppender, syncDirectory, writeFileDurably } from '../../lib/adapters/local/durable-file.ts';

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

describe('LineAppender', () => {
  it('appends lines that arrive together in one write and flush, each whole, in the order given', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gateway-append-')), 'log.jsonl');
    const writes: string[] = [];
    const lines = new LineAppender(path, async (p, text) => {
      writes.push(text);
      await appendDurably(p, text);
    });
    await Promise.all(Array.from({ length: 50 }, (_, i) => lines.append(`{"i":${i}}\n`)));
    // The first line is written at once; the 49 that came while it was written share the next write.
    expect(writes.map((w) => w.split('\n').length - 1)).toEqual([1, 49]);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l).i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('settles a caller only when a flush holding its line has ended', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gateway-append-')), 'log.jsonl');
    const lines = new LineAppender(path);
    const first = lines.append('one\n');
    const second = lines.append('two\n');
    await first;
    expect(readFileSync(path, 'utf8')).toContain('one\n');
    await second;
    expect(readFileSync(path, 'utf8')).toBe('one\ntwo\n');
  });

  it('fails every caller of a failed write, and starts the next write on a line of its own', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gateway-append-')), 'log.jsonl');
    let fail = true;
    const lines = new LineAppender(path, async (p, text) => {
      if (!fail) return appendDurably(p, text);
      // A write that stops part-way through its first line, as a full disk would leave it.
      await appendDurably(p, text.slice(0, 3));
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    });
    const blocker = lines.append('{"k":"a"}\n');
    const batch = [lines.append('{"k":"b"}\n'), lines.append('{"k":"c"}\n')];
    const results = await Promise.allSettled([blocker, ...batch]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    fail = false;
    await lines.append('{"k":"d"}\n');
    const text = readFileSync(path, 'utf8');
    // The two cut-short pieces stay (readers skip lines that do not parse); the record after them is whole.
    expect(text.split('\n').filter((l) => l.startsWith('{"k":"d"}'))).toEqual(['{"k":"d"}']);
    expect(text.endsWith('\n{"k":"d"}\n')).toBe(true);
  });
});
