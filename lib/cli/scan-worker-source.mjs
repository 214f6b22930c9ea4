// The scan worker when the code runs from its TypeScript sources (tests, `npx tsx`): registers tsx's
// loader in this thread, since Node 20 does not carry a parent's loader hooks or `--import` into a
// worker, then runs the worker. The shipped code in dist/ starts scan-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./scan-worker.ts');
