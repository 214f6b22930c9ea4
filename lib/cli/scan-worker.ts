// A worker thread of `gateway scan`: loads the rules the main thread loaded, says which version it
// has, then scans every input it is sent and posts back the report (scan-pool.ts orders them).
import { parentPort, workerData } from 'node:worker_threads';
import { warmAttachmentReaders } from '../message/attachments/extract-pool.ts';
import { createEngine } from '../pipeline/engine.ts';
import { ENGINE_RULE_CHECKS } from '../pipeline/load-engine.ts';
import { SHIPPED_RULES_CACHE } from '../rules/cache.ts';
import { loadRuleSet } from '../rules/load.ts';
import { IN_HAND, type FromWorker, type ToWorker, type WorkerSetup } from './scan-pool.ts';
import { reportInput, type Reported } from './scan-input.ts';

const port = parentPort!;
const { rulesDir, options } = workerData as WorkerSetup;
const ruleSet = await loadRuleSet(rulesDir, ENGINE_RULE_CHECKS, { cacheDir: SHIPPED_RULES_CACHE });
// The attachment reader loads its code while this thread builds the engine.
warmAttachmentReaders(ruleSet.limits.extractMemoryMb);
const engine = createEngine(ruleSet);
const post = (message: FromWorker): void => port.postMessage(message);
const REPORTS_AT_ONCE = IN_HAND / 2;
const FLUSH_AFTER_MS = 10;

/**
 * Finished reports, posted together (see scan-pool.ts): once half the inputs in hand are done, when
 * none is left to do, or after a moment (the rest may be waiting on a slow attachment). Posting each
 * as it finished cost a tenth of a millisecond of this thread's time a message, and as much of the
 * main thread's.
 */
let reports: Array<{ index: number; reported: Reported }> = [];
let inHand = 0;
let later: NodeJS.Timeout | undefined;
const flush = (): void => {
  clearTimeout(later);
  later = undefined;
  if (reports.length === 0) return;
  post({ reports });
  reports = [];
};

port.on('message', ({ jobs }: ToWorker) => {
  inHand += jobs.length;
  for (const { index, input } of jobs) {
    // Bytes arrive as a plain Uint8Array (structured clone); the scanners expect a Buffer.
    const content = input.content ? Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength) : undefined;
    void reportInput(engine, { ...input, ...(content ? { content } : {}) }, options).then((reported) => {
      reports.push({ index, reported });
      inHand -= 1;
      if (inHand === 0 || reports.length >= REPORTS_AT_ONCE) flush();
      else later ??= setTimeout(flush, FLUSH_AFTER_MS);
    });
  }
});
post({ ready: engine.ruleSet.version });
