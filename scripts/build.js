// `npm run build` (and `npm ci`, through "prepare"): bundles the command line's code with esbuild
// into dist/cli/, where bin/gateway.js runs it. One bundle loads in a fraction of the time Node
// takes to find and compile the thousand small modules of lib/ and its packages one by one, and
// the start-up of every `gateway` command and scan thread pays that time.
//
// Everything lands in the one folder dist/cli/ because the code finds files from its own location
// (import.meta.url), and in a bundle that is the bundle's file, not the source's:
// - the rules/ folder two levels up from the module: dist/cli/ keeps that depth, as lib/rules/ has;
// - the worker threads (`gateway scan`'s, the gateway's message scanning, attachment reading),
//   beside the module that starts them;
// - pdf.js's worker, which pdf.js imports as "./pdf.worker.mjs" beside itself;
// - the review page's folder ("./review-page/").
// Code shared by the entry points (the engine, the packages) goes into chunks, loaded once per
// thread; pdf.js and the Office readers are chunks of their own, loaded only for such attachments.
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/cli`;
const resolve = createRequire(import.meta.url).resolve;

// mailparser imports libmime's ES module build and its MIME splitter requires the CommonJS one: left
// alone, the bundle holds and starts both (and libmime reads one of iconv-lite's tables as it
// starts). Every importer is given the CommonJS build of the libmime it would find itself, so
// where both find the same package (as now) the bundle holds one copy.
const oneLibmime = {
  name: 'one-libmime',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^libmime$/ }, (args) => ({ path: createRequire(args.importer).resolve('libmime') }));
  },
};

// A module removed from lib/ must not linger in dist/.
rmSync(`${root}dist`, { recursive: true, force: true });
await build({
  entryPoints: {
    main: `${root}lib/cli/main.ts`,
    'scan-worker': `${root}lib/cli/scan-worker.ts`,
    'email-scan-worker': `${root}lib/pipeline/email-scan-worker.ts`,
    'extract-worker': `${root}lib/message/attachments/extract-worker.ts`,
  },
  outdir: out,
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Prefer packages' ES module builds.
  mainFields: ['module', 'main'],
  // The CommonJS packages (mailparser and its helpers) call require() for Node's built-ins, which an
  // ES module does not have.
  banner: { js: "import { createRequire as gatewayCreateRequire } from 'node:module'; const require = gatewayCreateRequire(import.meta.url);" },
  // Every start parses the bundle: without spacing and with shorter syntax there is a fifth less
  // of it. Names are kept, so stack traces read as the source does.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [oneLibmime],
});
cpSync(resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs'), `${out}/pdf.worker.mjs`);
cpSync(`${root}lib/review/review-page`, `${out}/review-page`, { recursive: true });
