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

/** Inputs each thread has in hand: enough to read the next while one is scanned, and to send reports back a few at a time. */
export const IN_HAND = 8;
/** How far past the next report to print the threads may run, so one slow message cannot pile up the rest in memory. */
const AHEAD_PER_THREAD = 64;

/** The worker module beside this one: compiled JavaScript when shipped; from the sources (tests), started through tsx. */
function workerSource(): URL {
  const source = workerModule(import.meta.url, 'scan-worker');
  if (!source) throw new GatewayError('scan-worker.js is missing beside the command line: build it again (npm run build)');
  return source;
}

/**
 * Worker threads for `gateway scan`, started before the inputs are known: each loads the code and
 * the rules (half a second) while the main thread loads its own and reads the folder.
 */
export class ScanThreads {
  private workers: Worker[];
  private failure: GatewayError | undefined;
  private closing = false;
  /** Each thread's rule-set version, once it has loaded the rules and said which they are. */
  private readonly versions = new Map<Worker, string>();
  /** The scan under way, told of each thread's messages and failures. */
  private scan:
    | { ready(worker: Worker): void; reports(worker: Worker, reports: Array<{ index: number; reported: Reported }>): void; more(): void; fail(error: GatewayError): void }
    | undefined;

  constructor(threads: number, setup: WorkerSetup) {
    const source = workerSource();
    this.workers = Array.from({ length: threads }, () => new Worker(source, { workerData: setup }));
    for (const worker of this.workers) {
      worker.on('message', (message: FromWorker) => {
        if ('ready' in message) {
          this.versions.set(worker, message.ready);
          this.scan?.ready(worker);
        } else this.scan?.reports(worker, message.reports);
      });
      worker.on('error', (error) => this.fail(new GatewayError(`a scanning thread failed: ${error.message}`, { cause: error })));
      worker.on('exit', (code) => this.fail(new GatewayError(`a scanning thread stopped (exit code ${code}) before the scan was complete`)));
    }
  }

  get size(): number {
    return this.workers.length;
  }

  private fail(error: GatewayError): void {
    if (this.closing) return;
    this.failure ??= error;
    this.scan?.fail(error);
  }

  /** The list of inputs given to `run` has grown: the threads may take the new ones. */
  more(): void {
    this.scan?.more();
  }

  /**
   * Scans `inputs` on the threads; `each` receives every report in input order. The list may still
   * be growing as the folders are read: `more()` says it has grown, and `complete` resolves once it
   * has stopped. Every thread must have loaded the rules of `version`, the caller's. The threads
   * start on the inputs while the caller is still loading its rules: reports are handed on once the
   * versions are known to agree, and a failure to load them is the scan's failure, before any
   * thread's. A failure to read the folders (`complete` rejects) is the scan's failure too.
   */
  run(inputs: readonly Input[], complete: Promise<unknown>, version: Promise<string>, each: (reported: Reported) => void): Promise<void> {
    const { workers } = this;
    const threads = workers.length;
    const done = new Map<number, Reported>();
    let next = 0; // the next input to send
    let printed = 0; // the next report to hand on
    let total: number | undefined; // how many inputs there are, once the list has stopped growing
    let expected: string | undefined; // the caller's version, once known
    const inHand = new Map<Worker, number>();
    // A thread is sent inputs once it has loaded the rules and said which version they are.
    const ready = new Set<Worker>();
    return new Promise<void>((resolve, reject) => {
      const fail = (error: GatewayError): void => void version.then(() => reject(error), reject);
      if (this.failure) return fail(this.failure);
      const feed = (worker: Worker): void => {
        const jobs: Job[] = [];
        while (ready.has(worker) && (inHand.get(worker) ?? 0) < IN_HAND && next < inputs.length && next < printed + AHEAD_PER_THREAD * threads) {
          jobs.push({ index: next, input: inputs[next]! });
          next += 1;
          inHand.set(worker, (inHand.get(worker) ?? 0) + 1);
        }
        if (jobs.length) worker.postMessage({ jobs } satisfies ToWorker);
      };
      /** Whether the thread's rules are the caller's, as far as is known yet; when not, the scan fails. */
      const agrees = (worker: Worker): boolean => {
        const loaded = this.versions.get(worker);
        if (expected === undefined || loaded === undefined || loaded === expected) return true;
        reject(new GatewayError(`the rule files changed while the scan started (version ${loaded}, not ${expected}); run it again`));
        return false;
      };
      const handOn = (): void => {
        if (expected === undefined) return;
        while (done.has(printed)) {
          each(done.get(printed)!);
          done.delete(printed);
          printed += 1;
        }
        if (printed === total) resolve();
        // The window has moved on: every thread may take more.
        else for (const w of workers) feed(w);
      };
      this.scan = {
        ready: (worker) => {
          if (!agrees(worker)) return;
          ready.add(worker);
          feed(worker);
        },
        reports: (worker, reports) => {
          inHand.set(worker, inHand.get(worker)! - reports.length);
          for (const { index, reported } of reports) done.set(index, reported);
          handOn();
        },
        more: () => {
          for (const w of workers) feed(w);
        },
        fail,
      };
      complete.then(() => {
        total = inputs.length;
        handOn();
      }, reject);
      version.then((known) => {
        expected = known;
        if (workers.every(agrees)) handOn();
      }, reject);
      // Threads that said their version before the scan began.
      for (const worker of workers) if (this.versions.has(worker)) this.scan.ready(worker);
    }).finally(() => {
      this.scan = undefined;
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
