#!/usr/bin/env node
// Entry point for `gateway` and `npm start`: runs the TypeScript CLI through tsx's loader,
// so a fresh clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`gateway scan … | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
