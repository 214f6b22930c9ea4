// A worker thread of `gateway scan`: loads the rules the main thread loaded, says which version it
// has, then scans every input it is sent and posts back the report (scan-pool.ts orders them).
import { parentPort, workerData } from 'node:worker_threads';
import { warmAttachmentReaders } from '../message/attachments/extract-pool.ts';
import { createEngine } from '../pipeline/engine.ts';
import { ENGINE_RULE_CHECKS } from '../pipeline/load-engine.ts';
import { SHIPPED_RULES_CACHE } from '../rules/cache.ts';
import { loadRuleSet } from '../rules/load.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './scan-pool.ts';
import { reportInput, type Reported } from './scan-input.ts';

const port = parentPort!;
const { rulesDir, options } = workerData as WorkerSetup;
const ruleSet = await loadRuleSet(rulesDir, ENGINE_RULE_CHECKS, { cacheDir: SHIPPED_RULES_CACHE });
// The attachment reader loads its code while this thread builds the engine.
warmAttachmentReaders(ruleSet.limits.extractMemoryMb);
const engine = createEngine(ruleSet);
const post = (message: FromWorker): void => port.postMessage(message);

/** Reports finished in this turn of the event loop, posted together at its end (see scan-pool.ts). */
let reports: Array<{ index: number; reported: Reported }> = [];
const flush = (): void => {
  post({ reports });
  reports = [];
};

port.on('message', ({ jobs }: ToWorker) => {
  for (const { index, input } of jobs) {
    // Bytes arrive as a plain Uint8Array (structured clone); the scanners expect a Buffer.
    const content = input.content ? Buffer.from(input.content.buffer, input.content.byteOffset, input.content.byteLength) : undefined;
    void reportInput(engine, { ...input, ...(content ? { content } : {}) }, options).then((reported) => {
      if (reports.push({ index, reported }) === 1) setImmediate(flush);
    });
  }
});
post({ ready: engine.ruleSet.version });
