// The bundles' source maps trimmed to the project's own code: built here by esbuild from the rule
// loader (which pulls in yaml and zod) with the functions' settings, trimmed, and read back by Node.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_BANNER } from '../../infra/constructs/bundling.ts';
import { PROJECT_ROOT } from '../../infra/layout.ts';
import { isProjectSource, trimSourceMap, type SourceMapV3 } from '../../infra/trim-source-map.ts';

const run = promisify(execFile);

let dir: string;
let code: string;
let full: SourceMapV3;
let trimmed: SourceMapV3;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trim-map-'));
  const result = await build({
    stdin: { contents: "import { parseRuleSetFromText } from './lib/rules/parse.ts';\nparseRuleSetFromText([]);\n", resolveDir: PROJECT_ROOT, sourcefile: 'entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    outfile: join(dir, 'index.mjs'),
    write: false,
    logLevel: 'silent',
  });
  code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!.text;
  full = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))!.text) as SourceMapV3;
  trimmed = trimSourceMap(full, isProjectSource);
  writeFileSync(join(dir, 'index.mjs'), code);
  writeFileSync(join(dir, 'index.mjs.map'), JSON.stringify(trimmed));
});

/** Node's own reading of a map, as --enable-source-maps uses it. */
const readByNode = (map: SourceMapV3): SourceMap => new SourceMap({ file: 'index.mjs', sourceRoot: '', ...map } as SourceMapPayload);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a source map trimmed to the project', () => {
  it("names only the project's sources, packages' left out", () => {
    expect(full.sources.some((source) => source.includes('node_modules/yaml/'))).toBe(true);
    expect(trimmed.sources.length).toBeGreaterThan(0);
    expect(trimmed.sources.some((source) => source.endsWith('lib/rules/parse.ts'))).toBe(true);
    expect(trimmed.sources.filter((source) => source.includes('node_modules/'))).toEqual([]);
    expect(JSON.stringify(trimmed).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it("maps every place in the project's code as before, and places in packages to nothing", () => {
    const before = readByNode(full);
    const after = readByNode(trimmed);
    const lines = code.split('\n');
    let project = 0;
    let packages = 0;
    const wrong: unknown[] = [];
    for (let line = 0; line < lines.length; line++) {
      for (let column = 0; column < lines[line]!.length; column++) {
        const was = before.findEntry(line, column) as { originalSource?: string };
        const is = after.findEntry(line, column) as { originalSource?: string };
        if (was.originalSource !== undefined && !was.originalSource.includes('node_modules/')) {
          project++;
          if (JSON.stringify(is) !== JSON.stringify(was)) wrong.push({ line, column, was, is });
        } else {
          packages++;
          if (is.originalSource !== undefined) wrong.push({ line, column, was, is });
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(project).toBeGreaterThan(1000);
    expect(packages).toBeGreaterThan(1000);
  });

  it("still gives an error's place in the project's TypeScript when Node runs the bundle with source maps", async () => {
    const failed = await run(process.execPath, ['--enable-source-maps', join(dir, 'index.mjs')], { cwd: dir }).then(
      () => undefined,
      (error: { stderr: string }) => error,
    );
    expect(failed?.stderr).toContain('no rule files to load');
    expect(failed?.stderr).toMatch(/lib\/rules\/parse\.ts:37:\d+/);
  });
});
