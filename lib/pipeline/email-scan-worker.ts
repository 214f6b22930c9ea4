// A worker thread of email-scan-pool.ts: builds the engine from the rule set it was started with
// (validated by the gateway before it came here), then scans one message at a time and posts back
// the result. A worker that runs out of memory or stops is dealt with by the pool.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './engine.ts';
import type { ScanReply, ScanRequest, ScanWorkerData } from './email-scan-pool.ts';
import { scanEmail } from './scan.ts';

const port = parentPort;
if (port === null) throw new Error('email-scan-worker.ts runs only as a worker thread');
const engine = createEngine((workerData as ScanWorkerData).ruleSet);

port.on('message', ({ raw, envelope }: ScanRequest) => {
  // The bytes arrive as a plain Uint8Array (structured clone); the parser expects a Buffer.
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  void scanEmail(engine, bytes, envelope).then((result) => port.postMessage({ result } satisfies ScanReply));
});
