#!/usr/bin/env node
// Entry point for `gateway` and `npm start`: runs the compiled CLI in dist/, which `npm ci` builds
// (the "prepare" script) and `npm start` rebuilds, so no TypeScript is compiled at run time.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('gateway: the compiled code is missing (dist/); run `npm run build` first\n');
  process.exit(70);
}
// A reader that stops early (`gateway scan … | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const cli = await import(main.href);
process.exitCode = await cli.main(process.argv.slice(2));
