// Reads attachments in worker threads, so that a slow or hostile attachment neither blocks the
// event loop (the gateway keeps answering SMTP and /health) nor takes the process's memory. Each
// message has a time budget for all its attachments (limits.extractTimeoutMs) and each worker a
// heap limit (limits.extractMemoryMb): a worker over either is terminated and the attachment it
// was reading becomes unreadable ('timeout' or 'too-large'), which holds the message.
//
// The worker's file is beside this module (see lib/threads/worker-module.ts; infra's Lambda
// bundling builds `extract-worker.mjs` as a second entry). Where none is found, attachments are
// read in process with the same time budget, which then cannot stop synchronous work or cap memory.
// The readers are loaded for that only when it happens, so a bundle that always has its worker can
// leave them out (see extractInProcess).
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { callWorker, startCappedWorker } from '../../threads/capped-worker.ts';
import { workerModule } from '../../threads/worker-module.ts';
import type { AttachmentInput } from './extract.ts';
import type { ExtractContext, Extraction } from './types.ts';

export interface ExtractRequest {
  input: AttachmentInput;
  ctx: ExtractContext;
}

export interface ExtractReply {
  extraction: Extraction;
}

/** What one message may still spend reading its attachments; shared by all of them. */
export class ExtractionBudget {
  private remaining: number;

  constructor(readonly limitMs: number) {
    this.remaining = limitMs;
  }

  get remainingMs(): number {
    return this.remaining;
  }

  spend(ms: number): void {
    this.remaining = Math.max(0, this.remaining - ms);
  }
}

function timedOut(budget: ExtractionBudget): Extraction {
  return { kind: 'unreadable', reason: 'timeout', detail: `reading the message's attachments took longer than the limit of ${budget.limitMs} ms` };
}

function outOfMemory(memoryMb: number): Extraction {
  return { kind: 'unreadable', reason: 'too-large', detail: `reading the attachment needed more memory than the limit of ${memoryMb} MB` };
}

const CRASHED: Extraction = { kind: 'unreadable', reason: 'corrupt', detail: 'the attachment reader stopped before it finished' };

const NO_WORKER: Extraction = { kind: 'unreadable', reason: 'corrupt', detail: 'the attachment reader is missing from this build' };

/** Reading in process, where no worker file exists: the budget still ends the wait. */
async function extractInProcess(request: ExtractRequest, budget: ExtractionBudget): Promise<Extraction> {
  // The bundling of a function whose bundle holds the worker sets this to 'true' at build time
  // (infra/constructs/bundling.ts), and esbuild then leaves this block's readers (pdf.js, the
  // Office and RTF readers: a fifth of the email filter's bundle, parsed at every cold start) out
  // of the bundle. Without its worker such a build holds the attachment.
  if (process.env.GATEWAY_EXTRACT_WORKER_ONLY !== 'true') {
    const { extractAttachment } = await import('./extract.ts');
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<Extraction>((resolve) => (timer = setTimeout(() => resolve(timedOut(budget)), budget.remainingMs)));
    try {
      return await Promise.race([extractAttachment(request.input, request.ctx), expiry]);
    } finally {
      clearTimeout(timer);
      budget.spend(performance.now() - started);
    }
  }
  return NO_WORKER;
}

class ExtractionPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(worker: Worker) => void> = [];
  private started = 0;

  constructor(
    private readonly source: URL,
    private readonly size: number,
    private readonly memoryMb: number,
  ) {}

  async extract(request: ExtractRequest, budget: ExtractionBudget): Promise<Extraction> {
    const worker = await this.acquire();
    const started = performance.now();
    const { extraction, reusable } = await this.runOn(worker, request, budget);
    budget.spend(performance.now() - started);
    if (reusable) this.release(worker);
    else this.replace();
    return extraction;
  }

  /** Starts a worker now, if none has started, for the first attachment to find ready. */
  warm(): void {
    if (this.started > 0) return;
    const worker = this.spawn();
    worker.unref();
    this.idle.push(worker);
  }

  private spawn(): Worker {
    this.started += 1;
    // Buffers outside the heap cap are bounded by the extractors' own caps (inflated size).
    const worker = startCappedWorker(this.source, this.memoryMb);
    // Always listened to: an 'error' with no listener would end the process. While the worker is
    // busy, runOn decides what its failure means; an idle one that fails is only dropped.
    const dropIfIdle = (): void => {
      const at = this.idle.indexOf(worker);
      if (at === -1) return;
      this.idle.splice(at, 1);
      this.started -= 1;
    };
    worker.on('error', dropIfIdle).on('exit', dropIfIdle);
    return worker;
  }

  private acquire(): Promise<Worker> {
    const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
    if (worker) {
      worker.ref();
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) return next(worker);
    // An idle worker does not keep the process alive (a CLI run ends when its work does).
    worker.unref();
    this.idle.push(worker);
  }

  /** A terminated worker's place goes to a new one, if anything is waiting for it. */
  private replace(): void {
    this.started -= 1;
    const next = this.waiting.shift();
    if (next) next(this.spawn());
  }

  private async runOn(worker: Worker, request: ExtractRequest, budget: ExtractionBudget): Promise<{ extraction: Extraction; reusable: boolean }> {
    // A copy of the content goes to the worker and the copy's memory with it.
    const content = new Uint8Array(request.input.content);
    const end = await callWorker<ExtractReply>(worker, { ...request, input: { ...request.input, content } } satisfies ExtractRequest, [content.buffer], budget.remainingMs);
    switch (end.kind) {
      case 'reply':
        return { extraction: end.reply.extraction, reusable: true };
      case 'out-of-memory':
        return { extraction: outOfMemory(this.memoryMb), reusable: false };
      case 'timeout':
        return { extraction: timedOut(budget), reusable: false };
      default:
        return { extraction: CRASHED, reusable: false };
    }
  }
}

/** One pool per heap limit (rule sets may differ); a few workers, leaving a core for the event loop. */
const pools = new Map<number, ExtractionPool>();
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
let source: URL | undefined | null = null;

function poolFor(memoryMb: number): ExtractionPool | undefined {
  if (source === null) source = workerModule(import.meta.url, 'extract-worker');
  if (source === undefined) return undefined;
  let pool = pools.get(memoryMb);
  if (!pool) {
    pool = new ExtractionPool(source, POOL_SIZE, memoryMb);
    pools.set(memoryMb, pool);
  }
  return pool;
}

/**
 * Starts an attachment reader before the first attachment comes. A reader loads about a megabyte
 * of code when it starts (the MIME and HTML readers), a third of a second on a busy machine: a
 * thread that will scan many messages starts one while it builds its engine, so that its first
 * messages with attachments do not all wait for it. Nothing happens where readers run in process.
 */
export function warmAttachmentReaders(memoryMb: number): void {
  poolFor(memoryMb)?.warm();
}

/**
 * Reads one attachment within what is left of the message's budget: in a worker thread where
 * one can be started, else in process. Never throws; anything that stops the reading is an
 * unreadable extraction.
 */
export async function extractIsolated(input: AttachmentInput, ctx: ExtractContext, budget: ExtractionBudget): Promise<Extraction> {
  if (budget.remainingMs <= 0) return timedOut(budget);
  const request = { input, ctx };
  const pool = poolFor(ctx.limits.extractMemoryMb);
  return pool ? pool.extract(request, budget) : extractInProcess(request, budget);
}
