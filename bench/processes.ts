// Whole-process timing for the benches: a fresh `node` started, run to its end, timed from outside,
// as a user or a scheduler meets it. Shared by the real-mail, start-up and Lambda benches.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Run {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = new URL('..', import.meta.url).pathname;

/** Runs `node ...args` in the project's folder to its end and times it; stdout and stderr are kept for checks. */
export function timeNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

/** The median of `runs` runs, each checked by `check` (which throws on a wrong result). */
export async function medianOf(runs: number, run: () => Promise<Run>, check: (result: Run) => void = () => undefined): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const result = await run();
    check(result);
    times.push(result.ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
