// Attachment reading in a bundle with no worker beside it, built by esbuild with the functions'
// settings: read in process by default; with GATEWAY_EXTRACT_WORKER_ONLY defined, as the bundling
// defines it for a bundle that carries the worker, the readers are left out of the bundle and an
// attachment that reaches them is held as unreadable rather than passed.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_WORKER_NAME, REQUIRE_BANNER } from '../../infra/constructs/bundling.ts';
import { PROJECT_ROOT } from '../../infra/layout.ts';
import { LimitsSchema } from '../../lib/rules/schema.ts';
import { makePdf } from '../helpers/documents.ts';

const run = promisify(execFile);

/** Reads a PDF with the bundle's extractIsolated in a fresh Node process, as a function would. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, pdf, limits] = process.argv.slice(1);
const { extractIsolated, ExtractionBudget } = await import(pathToFileURL(bundle).href);
const input = { content: Buffer.from(pdf, 'base64'), contentType: 'application/pdf', filename: 'form.pdf' };
const extraction = await extractIsolated(input, { limits: JSON.parse(limits), maxChars: 1e6 }, new ExtractionBudget(30000));
process.stdout.write('\\n@@result ' + JSON.stringify(extraction) + '\\n');
`;

interface Built {
  code: string;
  /** What the bundle makes of a one-page PDF. */
  readPdf(): Promise<unknown>;
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The attachment pool bundled alone into a folder of its own, with pdf.js's worker beside it as in a function's bundle. */
async function bundlePool(define: Record<string, string>): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), 'pool-bundle-'));
  folders.push(dir);
  const outfile = join(dir, 'index.mjs');
  await build({
    stdin: {
      contents: "export { extractIsolated, ExtractionBudget } from './lib/message/attachments/extract-pool.ts';\n",
      resolveDir: PROJECT_ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    define,
    outfile,
    logLevel: 'silent',
  });
  cpSync(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.min.mjs'), join(dir, PDF_WORKER_NAME));
  const readPdf = async (): Promise<unknown> => {
    const pdf = Buffer.from(makePdf(['Read in process'])).toString('base64');
    const args = ['--input-type=module', '-e', RUNNER, outfile, pdf, JSON.stringify(LimitsSchema.parse({}))];
    const { stdout } = await run(process.execPath, args, { cwd: dir, timeout: 60_000 });
    return JSON.parse(stdout.split('\n').find((line) => line.startsWith('@@result '))?.slice('@@result '.length) ?? 'null');
  };
  return { code: readFileSync(outfile, 'utf8'), readPdf };
}

describe('reading attachments in a bundle without the worker', () => {
  it('reads them in process, pdf.js bundled', async () => {
    const pool = await bundlePool({});
    expect(pool.code).toContain('GlobalWorkerOptions');
    expect(await pool.readPdf()).toEqual({ kind: 'text', text: 'Read in process' });
  }, 60_000);

  it('leaves the readers out when built for a worker only, and holds what would need them', async () => {
    const pool = await bundlePool({ 'process.env.GATEWAY_EXTRACT_WORKER_ONLY': JSON.stringify('true') });
    expect(pool.code).not.toContain('GlobalWorkerOptions');
    expect(pool.code).not.toContain('mammoth');
    expect(await pool.readPdf()).toEqual({
      kind: 'unreadable',
      reason: 'corrupt',
      detail: 'the attachment reader is missing from this build',
    });
  }, 60_000);
});
