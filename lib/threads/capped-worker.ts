// Starting a worker thread with a heap cap, and asking it one thing: the two steps every pool of
// worker threads here shares (attachment reading, message scanning). Each pool keeps its own order
// of work, and decides what a call that got no answer means for its input (an unreadable
// attachment, a held message).
import { Worker, type TransferListItem } from 'node:worker_threads';

/** A worker whose JavaScript heap is capped at `memoryMb`; buffers outside the heap are the caller's to bound. */
export function startCappedWorker(source: URL, memoryMb: number, workerData?: unknown): Worker {
  return new Worker(source, {
    ...(workerData === undefined ? {} : { workerData }),
    // Not the parent's flags, which a worker may refuse (--input-type, --eval of a script run with -e).
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(memoryMb / 8)) },
    stdout: false,
    stderr: false,
  });
}

/**
 * How a call ended: the worker's reply, or why there was none — its heap ran out, it threw
 * outside any handler ('failed'), it exited, or the time ran out.
 */
export type CallEnd<Reply> =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'out-of-memory'; error: Error }
  | { kind: 'failed'; error: Error }
  | { kind: 'stopped'; exitCode: number }
  | { kind: 'timeout' };

/**
 * Posts `request` to an idle worker (handing over `transfer`) and waits for its one reply. A worker
 * that ended any other way is terminated here: it must not be given anything again.
 */
export function callWorker<Reply>(worker: Worker, request: unknown, transfer: readonly TransferListItem[] = [], timeoutMs?: number): Promise<CallEnd<Reply>> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (end: CallEnd<Reply>): void => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (end.kind !== 'reply') void worker.terminate();
      resolve(end);
    };
    const onMessage = (reply: Reply): void => finish({ kind: 'reply', reply });
    const onError = (error: Error): void => finish({ kind: (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'failed', error });
    const onExit = (exitCode: number): void => finish({ kind: 'stopped', exitCode });
    if (timeoutMs !== undefined) timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request, [...transfer]);
  });
}
