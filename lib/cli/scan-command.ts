// `gateway scan FILE… [--rules DIR] [--json] [--summary] [--explain] [--jobs N]`
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Engine } from '../pipeline/engine.ts';
import { expandInputs, type Input } from './inputs.ts';
import type { Output } from './output.ts';
import { NO_PROGRESS, progressBar, type Progress } from './progress.ts';
import type { Reported, ScanOptions } from './scan-input.ts';
import { ScanThreads, type WorkerSetup } from './scan-pool.ts';
import { Summary } from './summary.ts';

export interface ScanCommandOptions extends ScanOptions {
  /** The rules folder the engine was loaded from (undefined: the shipped one); worker threads load it too. */
  rulesDir?: string | undefined;
  /** Threads to scan on; undefined: one per core when there are enough inputs to repay starting them. */
  jobs?: number | undefined;
}

/**
 * Inputs read and scanned at once on one thread. Reading the next files while one is parsed keeps
 * the disk and the parser busy together; results are still reported in input order.
 */
const READ_AHEAD = 8;
/**
 * Fewer inputs than this are scanned on the main thread: a worker thread loads the code and the
 * rules afresh, which costs about as much as scanning a few dozen ordinary messages.
 */
const PARALLEL_FROM = 32;

/** Scans every input on this thread, READ_AHEAD at a time, handing each report on in input order. */
async function scanInOrder(engine: Engine, inputs: readonly Input[], options: ScanOptions, each: (reported: Reported) => void): Promise<void> {
  // Loaded here: a scan on threads leaves the scanning to them.
  const { reportInput } = await import('./scan-input.ts');
  const pending: Array<Promise<Reported>> = [];
  let next = 0;
  const startNext = (): void => {
    if (next < inputs.length) pending.push(reportInput(engine, inputs[next++]!, options));
  };
  for (let i = 0; i < READ_AHEAD; i += 1) startNext();
  for (let i = 0; i < inputs.length; i += 1) {
    const reported = await pending.shift()!;
    startNext();
    each(reported);
  }
}

function threadsFor(inputs: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.min(jobs, inputs);
  return inputs >= PARALLEL_FROM ? availableParallelism() : 1;
}

/**
 * Threads worth starting before the folders are read: when a folder named holds PARALLEL_FROM
 * entries or more, its inputs will be scanned on threads, and each thread's half-second start
 * then overlaps loading the rules and telling the files apart. Otherwise none: a few inputs are
 * scanned faster on this thread than a thread starts.
 */
async function threadsAhead(paths: readonly string[], jobs: number | undefined): Promise<number> {
  const threads = jobs ?? availableParallelism();
  if (threads < 2) return 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() && (await readdir(path).catch(() => [])).length >= PARALLEL_FROM) return threads;
  }
  return 0;
}

/**
 * Returns the exit code: 0, or 2 when any input could not be read or there was nothing to scan.
 * The engine is loaded through `load`: with threads started before the folders are read, at once,
 * while the threads scan what is found; otherwise once the folders are read.
 */
export async function scanCommand(load: () => Promise<Engine>, paths: string[], options: ScanCommandOptions, out: Output): Promise<number> {
  const started = performance.now();
  const { json, summary: summarise, explain } = options;
  const scanOptions: ScanOptions = { json, summary: summarise, explain };
  const setup: WorkerSetup = { rulesDir: options.rulesDir, options: scanOptions };
  const ahead = await threadsAhead(paths, options.jobs);
  let pool = ahead ? new ScanThreads(ahead, setup) : undefined;
  try {
    const summary = new Summary();
    let failed = false;
    let progress: Progress = NO_PROGRESS;
    const each = (reported: Reported): void => {
      if (reported.error) {
        failed = true;
        out.error(reported.error);
      }
      if (reported.print !== undefined) out.print(reported.print);
      summary.add(reported.tally);
      progress.tick();
    };
    // With threads started, they scan the inputs as the folders are read, and the rules load
    // meanwhile (the threads load their own); otherwise the folders are read first, since how many
    // inputs there are decides whether threads are worth starting.
    const found: Input[] = [];
    const expanding = expandInputs(
      paths,
      { missing: (path) => out.error(`gateway scan: ${path}: no such file or folder`), found: () => pool?.more() },
      found,
    );
    const loading = pool ? load() : expanding.then(load);
    const version = loading.then((engine) => engine.ruleSet.version);
    const scanning = pool?.run(found, expanding, version, each);
    // Each is awaited below, where a failure is met; none is reported as unhandled before then.
    for (const step of [expanding, loading, version, scanning]) step?.catch(() => undefined);
    const { inputs, missing, skipped } = await expanding;
    if (missing.length) failed = true;
    if (inputs.length === 0) {
      await loading;
      await scanning;
      out.error(`gateway scan: nothing to scan in ${paths.join(', ')}: no email (.eml, mbox, Maildir or other mail files) or WhatsApp (.json) inputs${skipped ? `; ${skipped} file(s) skipped` : ''}`);
      return 2;
    }

    // The bar starts at the reports already handed on while the folders were read (one each).
    progress = progressBar(inputs.length, summarise ? out.terminal : undefined, summary.total);
    // Threads started ahead took the inputs as they were found; fewer inputs kept fewer busy.
    const threads = pool ? Math.min(pool.size, inputs.length) : threadsFor(inputs.length, options.jobs);
    try {
      if (scanning) await scanning;
      else if (threads > 1) {
        pool = new ScanThreads(threads, setup);
        await pool.run(inputs, expanding, version, each);
      } else {
        await scanInOrder(await loading, inputs, scanOptions, each);
      }
    } finally {
      progress.stop();
    }
    summary.addSkipped(skipped);
    if (summarise) {
      out.print(json ? JSON.stringify({ summary: summary.toJSON() }) : summary.toText());
      const seconds = (performance.now() - started) / 1000;
      out.error(`Scanned ${summary.total} input(s) in ${seconds.toFixed(1)} s: ${Math.round(summary.total / seconds)} per second on ${threads} thread(s)`);
    } else {
      out.error(summary.inputsLine());
    }
    return failed ? 2 : 0;
  } finally {
    await pool?.close();
  }
}
