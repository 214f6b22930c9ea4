// Scans inputs across worker threads, one per core, and hands each report on in input order. Each
// thread keeps a few inputs in hand so that reading the next file overlaps scanning this one; the
// main thread only reads the folder, orders the reports and prints.
import { Worker } from 'node:worker_threads';
import { GatewayError } from '../errors.ts';
import { workerModule } from '../threads/worker-module.ts';
import type { Input } from './inputs.ts';
import type { Reported, ScanOptions } from './scan-input.ts';

export interface WorkerSetup {
  rulesDir: string | undefined;
  options: ScanOptions;
}
export interface Job {
  index: number;
  input: Input;
}
/**
 * Inputs go to a thread, and reports come back, in batches: each message between threads wakes
 * the other thread, which cost a quarter of a millisecond per message, a twentieth of the scan.
 */
export interface ToWorker {
  jobs: Job[];
}
export type FromWorker = { ready: string } | { reports: Array<{ index: number; reported: Reported }> };

/** Inputs each thread has in hand: enough to read the next while one is scanned. */
const IN_HAND = 4;
/** How far past the next report to print the threads may run, so one slow message cannot pile up the rest in memory. */
const AHEAD_PER_THREAD = 64;

/** The worker module beside this one: compiled JavaScript when shipped; from the sources (tests), started through tsx. */
function workerSource(): URL {
  const source = workerModule(import.meta.url, 'scan-worker');
  if (!source) throw new GatewayError('scan-worker.js is missing beside the command line: build it again (npm run build)');
  return source;
}

/**
 * Scans `inputs` on `threads` worker threads; `each` receives every report in input order. The threads
 * load the rules from `setup.rulesDir` and must find the version `version` the caller loaded.
 */
export async function scanInParallel(
  inputs: readonly Input[],
  threads: number,
  setup: WorkerSetup,
  version: string,
  each: (reported: Reported) => void,
): Promise<void> {
  const source = workerSource();
  const workers = Array.from({ length: threads }, () => new Worker(source, { workerData: setup }));
  const done = new Map<number, Reported>();
  let next = 0; // the next input to send
  let printed = 0; // the next report to hand on
  try {
    await new Promise<void>((resolve, reject) => {
      const inHand = new Map<Worker, number>();
      // A thread is sent inputs once it has loaded the rules and said which version they are.
      const ready = new Set<Worker>();
      const feed = (worker: Worker): void => {
        const jobs: Job[] = [];
        while (ready.has(worker) && (inHand.get(worker) ?? 0) < IN_HAND && next < inputs.length && next < printed + AHEAD_PER_THREAD * threads) {
          jobs.push({ index: next, input: inputs[next]! });
          next += 1;
          inHand.set(worker, (inHand.get(worker) ?? 0) + 1);
        }
        if (jobs.length) worker.postMessage({ jobs } satisfies ToWorker);
      };
      for (const worker of workers) {
        worker.on('message', (message: FromWorker) => {
          if ('ready' in message) {
            if (message.ready !== version) return reject(new GatewayError(`the rule files changed while the scan started (version ${message.ready}, not ${version}); run it again`));
            ready.add(worker);
            feed(worker);
            return;
          }
          inHand.set(worker, inHand.get(worker)! - message.reports.length);
          for (const { index, reported } of message.reports) done.set(index, reported);
          while (done.has(printed)) {
            each(done.get(printed)!);
            done.delete(printed);
            printed += 1;
          }
          if (printed === inputs.length) resolve();
          // The window has moved on: every thread may take more.
          else for (const w of workers) feed(w);
        });
        worker.on('error', (error) => reject(new GatewayError(`a scanning thread failed: ${error.message}`, { cause: error })));
        worker.on('exit', (code) => {
          if (printed < inputs.length) reject(new GatewayError(`a scanning thread stopped (exit code ${code}) before the scan was complete`));
        });
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
