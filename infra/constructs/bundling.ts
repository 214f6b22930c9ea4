// How each function is bundled with esbuild. The code is ES modules (it finds its files from
// import.meta.url), so the bundle is too; what else makes it work on Lambda, and start quickly:
// - mailparser and its helpers are CommonJS and call require() for Node's built-ins, which an ES
//   module does not have: the banner defines require from import.meta.url;
// - pdf.js runs its worker in-process on Node, importing "./pdf.worker.mjs" next to the module that
//   loads it, which in a bundle is index.mjs: the worker (its minified build) is copied beside it;
// - the rule files are read at cold start from GATEWAY_RULES_DIR: the rules/ folder (with local/,
//   the council's overrides) is copied into the bundle, and the rule set they make is validated
//   once here and kept beside them in rules-cache/ (../build-rules-cache.ts), which the function
//   reads instead while the files are unchanged;
// - attachments are read in a worker thread, which needs a module of its own: the email filter's
//   bundle gets extract-worker.mjs beside index.mjs, built by a second esbuild run with the same
//   settings. Code that runs without a worker beside it reads attachments in process (see
//   lib/message/attachments/extract-pool.ts); this bundle always has one, so it is built without
//   those readers (GATEWAY_EXTRACT_WORKER_ONLY), which would only be parsed at each cold start;
// - the source maps keep only the mappings into the project's own code (../trim-source-map.ts):
//   Node reads the whole map at start-up, and the packages' part of it cost a tenth of the email
//   filter's init.
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { PROJECT_ROOT } from '../layout.ts';

const resolve = createRequire(import.meta.url).resolve;

/** Paths relative to the project root, so that the hooks work wherever the bundler mounts it. */
export const RULES_SOURCE = 'rules';
export const RULES_CACHE_BUILDER = 'infra/build-rules-cache.ts';
export const SOURCE_MAP_TRIMMER = 'infra/trim-source-map.ts';
export const PDF_WORKER_SOURCE = relative(PROJECT_ROOT, resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs'));
/** The name pdf.js imports its worker by on Node. */
export const PDF_WORKER_NAME = 'pdf.worker.mjs';
export const EXTRACT_WORKER_SOURCE = 'lib/message/attachments/extract-worker.ts';
/** The name extract-pool.ts looks for beside the bundle. */
export const EXTRACT_WORKER_NAME = 'extract-worker.mjs';

export const REQUIRE_BANNER =
  "import { createRequire as gatewayCreateRequire } from 'node:module'; const require = gatewayCreateRequire(import.meta.url);";

const quote = (path: string): string => `'${path.replaceAll("'", "'\\''")}'`;

/** A folder of the project copied into a bundle, e.g. the review page's files. */
/** A folder, or a single file, copied into the bundle as it is. */
export interface BundledFolder {
  /** Relative to the project root. */
  source: string;
  /** Relative to the bundle's root (where index.mjs is). */
  target: string;
}

/** What a function's bundle holds besides its handler, the rules and the pdf.js worker. */
export interface BundleExtras {
  folders?: readonly BundledFolder[];
  /** Build the attachment-reading worker beside the handler. */
  extractWorker?: boolean;
}

/**
 * esbuild as the bundling itself runs it: on the PATH in the bundling image and under npm
 * scripts, else the project's own through npx.
 */
const ESBUILD = '$(command -v esbuild || echo npx --no-install esbuild)';
/** tsx, found the same way, runs the rule set cache's builder and the map trimmer from the project's TypeScript. */
const TSX = '$(command -v tsx || echo npx --no-install tsx)';

function extractWorkerCommand(inputDir: string, outputDir: string): string {
  return [
    ESBUILD,
    quote(`${inputDir}/${EXTRACT_WORKER_SOURCE}`),
    '--bundle --platform=node --format=esm --target=node24 --minify --sourcemap --sources-content=false',
    '--main-fields=module,main --log-level=warning',
    `--banner:js=${quote(REQUIRE_BANNER)}`,
    `--outfile=${quote(`${outputDir}/${EXTRACT_WORKER_NAME}`)}`,
  ].join(' ');
}

function trimSourceMapsCommand(inputDir: string, outputDir: string, modules: readonly string[]): string {
  return [TSX, quote(`${inputDir}/${SOURCE_MAP_TRIMMER}`), ...modules.map((name) => quote(`${outputDir}/${name}.map`))].join(' ');
}

/**
 * Shell commands run after esbuild: copy the rule files into the bundle and keep their validated
 * rule set beside them, copy the pdf.js worker and the extras, then trim the source maps.
 */
export function afterBundlingCommands(inputDir: string, outputDir: string, extras: BundleExtras = {}): string[] {
  return [
    `cp -R ${quote(`${inputDir}/${RULES_SOURCE}`)} ${quote(`${outputDir}/rules`)}`,
    `${TSX} ${quote(`${inputDir}/${RULES_CACHE_BUILDER}`)} ${quote(outputDir)}`,
    `cp ${quote(`${inputDir}/${PDF_WORKER_SOURCE}`)} ${quote(`${outputDir}/${PDF_WORKER_NAME}`)}`,
    ...(extras.folders ?? []).map((folder) => `cp -R ${quote(`${inputDir}/${folder.source}`)} ${quote(`${outputDir}/${folder.target}`)}`),
    ...(extras.extractWorker ? [extractWorkerCommand(inputDir, outputDir)] : []),
    trimSourceMapsCommand(inputDir, outputDir, ['index.mjs', ...(extras.extractWorker ? [EXTRACT_WORKER_NAME] : [])]),
  ];
}

/** The bundling options of a function whose bundle also holds `extras`. */
export const bundlingWith = (extras: BundleExtras = {}): BundlingOptions => ({

  format: OutputFormat.ESM,
  // The Lambda runtime's version (gateway-function.ts RUNTIME): syntax it runs is left as written.
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // The map is for stack traces; the sources themselves need not ship.
  sourcesContent: false,
  // Prefer packages' ES module builds.
  mainFields: ['module', 'main'],
  banner: REQUIRE_BANNER,
  // A bundle with the attachment worker leaves the in-process readers to it (extract-pool.ts).
  define: extras.extractWorker ? { 'process.env.GATEWAY_EXTRACT_WORKER_ONLY': JSON.stringify('true') } : {},
  // Bundle the AWS SDK too: the deployed code runs the SDK version the tests ran, not whichever
  // version the Lambda runtime carries that day.
  bundleAwsSDK: true,
  externalModules: [],
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => afterBundlingCommands(inputDir, outputDir, extras),
  },
});
