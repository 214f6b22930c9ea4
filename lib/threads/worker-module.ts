// Finds a worker thread's module beside the module that starts it. From the TypeScript sources
// (tests, tsx) that is `NAME.ts`, started through a one-line module that registers tsx first: Node
// cannot load TypeScript in a worker by itself, and on Node 20 a worker inherits neither the
// parent's loader hooks nor `--import`. Shipped, it is `NAME.js` (scripts/build.js bundles each
// worker as an entry point beside the command line) or `NAME.mjs` (infra's Lambda bundling).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The worker module `name` beside the module whose `import.meta.url` is `here`; undefined when the
 * code runs compiled and no such file was shipped beside it.
 */
export function workerModule(here: string, name: string): URL | undefined {
  if (here.endsWith('.ts')) {
    const entry = new URL(`./${name}.ts`, here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
    return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
  }
  for (const file of [`./${name}.js`, `./${name}.mjs`]) {
    const url = new URL(file, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
