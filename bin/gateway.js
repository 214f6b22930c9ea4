#!/usr/bin/env node
// Entry point for `gateway` and `npm start`: runs the compiled CLI in dist/, which `npm ci` builds
// (the "prepare" script) and `npm start` rebuilds, so no TypeScript is compiled at run time.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the modules between runs (in the system's temporary
// folder), so that a second start skips most of the compiling; Node 20 has no such cache. Worker
// threads (gateway scan) do not inherit the call, but do inherit the variable that sets it.
const cache = module.enableCompileCache?.();
if (cache?.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;

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
