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

/** This process counts as idle over a tenth of a second in which it used less than this much CPU. */
const IDLE_CPU_MS = 10;
const IDLE_WINDOW_MS = 100;

/**
 * Waits until this process is nearly idle (for at most `limitMs`). A bench builds large things
 * before it times a process (the CDK app and its bundles, megabytes of generated text), and V8
 * then collects that garbage on background threads: right after the Lambda bundles were built,
 * the bench used a second of CPU over the email filter's first second, on a machine of two cores.
 * A Lambda cold start, or a command an administrator types, meets a machine not so busy.
 */
export async function untilIdle(limitMs = 15_000): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const used = process.cpuUsage(before);
    if ((used.user + used.system) / 1000 < IDLE_CPU_MS) return;
  }
}

/** Runs `node ...args` in the project's folder to its end, once this process is idle, and times it; stdout and stderr are kept for checks. */
export async function timeNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  await untilIdle();
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
  return median(times);
}

export interface Paired {
  /** Medians of each side's runs. */
  aMs: number;
  bMs: number;
  /** The median of b / a over the pairs. */
  ratio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * `runs` pairs of runs, a then b, each checked. A ratio of two medians taken one side after the
 * other moves with the machine's speed, which here changes by a fifth and more within a minute;
 * the two runs of a pair meet nearly the same machine, so the median of the pairs' ratios does not.
 */
export async function pairedRuns(
  runs: number,
  a: { run: () => Promise<Run>; check: (result: Run) => void },
  b: { run: () => Promise<Run>; check: (result: Run) => void },
): Promise<Paired> {
  const aTimes: number[] = [];
  const bTimes: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const first = await a.run();
    a.check(first);
    const second = await b.run();
    b.check(second);
    aTimes.push(first.ms);
    bTimes.push(second.ms);
    ratios.push(second.ms / first.ms);
  }
  return { aMs: median(aTimes), bMs: median(bTimes), ratio: median(ratios) };
}
