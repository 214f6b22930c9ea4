// The worker thread that reads attachments for extract-pool.ts: one request at a time, answered
// with what extractAttachment returns. A worker that runs out of time or memory is terminated by
// the pool, so nothing here needs to guard against that.
import { parentPort } from 'node:worker_threads';
import { extractAttachment } from './extract.ts';
import type { ExtractRequest, ExtractReply } from './extract-pool.ts';

const port = parentPort;
if (port === null) throw new Error('extract-worker.ts runs only as a worker thread');

port.on('message', (request: ExtractRequest) => {
  void extractAttachment(request.input, request.ctx).then((extraction) => port.postMessage({ extraction } satisfies ExtractReply));
});
