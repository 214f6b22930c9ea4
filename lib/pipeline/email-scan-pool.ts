// Scans email in worker threads, so that a message with megabytes of text neither blocks the event
// loop (the local gateway keeps answering /health and other SMTP senders) nor takes the process's
// memory. A few threads, one per core; messages beyond them wait their turn in order.
//
// Each thread is started with one rule set and scans only with it. A job takes the rules in force
// when a thread takes it up, so a reload reaches the next scan: idle threads with other rules are
// ended, busy ones finish the message they have and are then ended, and the result names the
// version it was scanned with. A thread that fails — out of memory (its heap is capped), stopped,
// or unable to build its engine — fails only the message it had: that message is held as a
// processing error, and the next message gets a new thread.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { GatewayError } from '../errors.ts';
import type { RuleSet } from '../rules/schema.ts';
import { callWorker, startCappedWorker } from '../threads/capped-worker.ts';
import { workerModule } from '../threads/worker-module.ts';
import type { Engine } from './engine.ts';
import { processingError, type EmailEnvelope, type ScanResult } from './scan.ts';

export interface ScanWorkerData {
  ruleSet: RuleSet;
}

export interface ScanRequest {
  raw: Uint8Array;
  envelope: EmailEnvelope;
}

export interface ScanReply {
  result: ScanResult;
}

/** A scanning thread stopped before it answered; the message it had is held. Never quotes content. */
export class ScanThreadError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScanThreadError';
  }
}

export interface EmailScanPoolOptions {
  /** Threads at most; default one per core, at least 1 and at most 4. */
  size?: number;
}

interface Thread {
  worker: Worker;
  /** The rule set it scans with. */
  ruleSet: RuleSet;
  memoryMb: number;
}

interface Job {
  engine: Engine;
  raw: Buffer;
  envelope: EmailEnvelope;
  resolve(result: ScanResult): void;
  reject(error: Error): void;
}

export const DEFAULT_SCAN_THREADS = Math.max(1, Math.min(4, availableParallelism()));

/**
 * The heap a thread may use for one message: the rule set's cap for a thread reading attachments.
 * Enough for the largest message allowed (a 20 MB text body needs under 128 MB); the attachments
 * themselves are read in threads of their own (extract-pool.ts), each with the same cap.
 */
export const scanMemoryMb = (ruleSet: RuleSet): number => ruleSet.limits.extractMemoryMb;

export class EmailScanPool {
  private readonly size: number;
  private readonly threads = new Set<Thread>();
  private readonly idle: Thread[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  private constructor(
    private readonly source: URL,
    options: EmailScanPoolOptions,
  ) {
    this.size = options.size ?? DEFAULT_SCAN_THREADS;
  }

  /** A pool whose threads start when messages come; undefined where no worker module was shipped beside this one. */
  static open(options: EmailScanPoolOptions = {}): EmailScanPool | undefined {
    const source = workerModule(import.meta.url, 'email-scan-worker');
    return source ? new EmailScanPool(source, options) : undefined;
  }

  /**
   * Scans one message with the rules `engine` has when a thread takes it up (an EmailScanner for
   * ActionDeps). Resolves with a processing-error hold when the thread fails; rejects only when the
   * pool is closed first, so that the message stays in the intake for the next start.
   */
  readonly scan = (engine: Engine, raw: Buffer, envelope: EmailEnvelope): Promise<ScanResult> => {
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ engine, raw, envelope, resolve, reject });
      this.next();
    });
  };

  /**
   * Starts every thread now with `ruleSet`, so that the first messages after start-up do not wait
   * while a thread loads the code and builds its engine.
   */
  warm(ruleSet: RuleSet): void {
    while (!this.closed && this.threads.size < this.size) {
      const thread = this.spawn(ruleSet);
      thread.worker.unref();
      this.idle.push(thread);
    }
  }

  /** Ends every thread; waiting messages are refused (they stay in the intake). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(closedError());
    const threads = [...this.threads];
    this.threads.clear();
    this.idle.length = 0;
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  /** Hands waiting messages to threads, oldest first, while threads can be had. */
  private next(): void {
    while (this.queue.length > 0) {
      const ruleSet = this.queue[0]!.engine.ruleSet;
      // Rules only move on: an idle thread with other rules will not be wanted again.
      for (const stale of this.idle.filter((t) => !fits(t, ruleSet))) this.end(stale);
      const thread = this.idle.pop() ?? (this.threads.size < this.size ? this.spawn(ruleSet) : undefined);
      if (!thread) return; // all busy: the first to finish takes the next
      void this.run(thread, this.queue.shift()!);
    }
  }

  private spawn(ruleSet: RuleSet): Thread {
    const memoryMb = scanMemoryMb(ruleSet);
    // The message's bytes are outside the heap cap; its text and findings inside.
    const worker = startCappedWorker(this.source, memoryMb, { ruleSet } satisfies ScanWorkerData);
    const thread: Thread = { worker, ruleSet, memoryMb };
    // Always listened to: an 'error' with no listener would end the process. A busy thread's
    // failure is its job's (see run); an idle one that fails is only forgotten.
    const forgetIfIdle = (): void => {
      const at = this.idle.indexOf(thread);
      if (at === -1) return;
      this.idle.splice(at, 1);
      this.threads.delete(thread);
    };
    worker.on('error', forgetIfIdle).on('exit', forgetIfIdle);
    this.threads.add(thread);
    return thread;
  }

  private end(thread: Thread): void {
    this.threads.delete(thread);
    const at = this.idle.indexOf(thread);
    if (at !== -1) this.idle.splice(at, 1);
    void thread.worker.terminate();
  }

  private async run(thread: Thread, job: Job): Promise<void> {
    thread.worker.ref();
    const { result, reusable } = await this.scanOn(thread, job.raw, job.envelope);
    if (reusable && !this.closed) {
      // An idle thread does not keep the process alive.
      thread.worker.unref();
      this.idle.push(thread);
    } else this.end(thread);
    // A thread ended by close() did not fail the message: it is left for the next start.
    if (!reusable && this.closed) job.reject(closedError());
    else job.resolve(result);
    this.next();
  }

  /** The thread's answer, or a processing-error hold when it fails first (and is not to be used again). */
  private async scanOn(thread: Thread, raw: Buffer, envelope: EmailEnvelope): Promise<{ result: ScanResult; reusable: boolean }> {
    const started = performance.now();
    // A copy of the bytes goes to the thread, and the copy's memory with it.
    const copy = new Uint8Array(raw);
    const end = await callWorker<ScanReply>(thread.worker, { raw: copy, envelope } satisfies ScanRequest, [copy.buffer]);
    if (end.kind === 'reply') return { result: end.reply.result, reusable: true };
    const why =
      end.kind === 'out-of-memory' ? `needed more memory than the limit of ${thread.memoryMb} MB`
      : end.kind === 'failed' ? `failed (${end.error.name})`
      : end.kind === 'stopped' ? `stopped (exit code ${end.exitCode}) before it finished`
      : 'took too long';
    const error = new ScanThreadError(`the scanning thread ${why}`, 'error' in end ? { cause: end.error } : undefined);
    // Which step it was in is not known: the time until it failed counts as reading the message.
    return { result: processingError('email', error, thread.ruleSet, { parseMs: performance.now() - started, detectMs: 0, decideMs: 0 }), reusable: false };
  }
}

/** The very rule set, not only its version: a rule set changed in code (tests) keeps the version it was loaded with. */
function fits(thread: Thread, ruleSet: RuleSet): boolean {
  return thread.ruleSet === ruleSet;
}

function closedError(): GatewayError {
  return new GatewayError('the gateway is stopping; the message was not scanned and stays to be processed at the next start');
}
