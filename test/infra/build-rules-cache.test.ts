// The bundling's rule set builder, run as the bundling runs it (tsx, the bundle's folder as its
// argument) on a folder laid out as a bundle: valid rules get their entry; invalid ones get none and
// do not stop the build, leaving the function to load them and hold every message.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { RULES_CACHE_BUILDER } from '../../infra/constructs/bundling.ts';
import { PROJECT_ROOT } from '../../infra/layout.ts';
import { ENGINE_RULE_CHECKS } from '../../lib/pipeline/load-engine.ts';
import { RULES_CACHE_FOLDER } from '../../lib/rules/cache.ts';
import { loadRuleSet, SHIPPED_RULES_DIR } from '../../lib/rules/load.ts';

const run = promisify(execFile);
const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder holding the shipped rules as a bundle holds them. */
function bundleFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rules-bundle-'));
  folders.push(dir);
  cpSync(SHIPPED_RULES_DIR, join(dir, 'rules'), { recursive: true });
  return dir;
}

const build = (dir: string) => run(TSX, [join(PROJECT_ROOT, RULES_CACHE_BUILDER), dir], { cwd: PROJECT_ROOT, timeout: 60_000 });

describe('the rule set builder of the bundling', () => {
  it('writes the one entry the function will look for, whatever folder the build runs from', async () => {
    const dir = bundleFolder();
    await build(dir);
    const [entry, ...others] = readdirSync(join(dir, RULES_CACHE_FOLDER));
    expect(others).toEqual([]);
    // Loaded as the function loads it, from inside its folder: the entry is found.
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const marked = { ...JSON.parse(readFileSync(join(dir, RULES_CACHE_FOLDER, entry!), 'utf8')), version: 'from-the-entry' };
      writeFileSync(join(dir, RULES_CACHE_FOLDER, entry!), JSON.stringify(marked));
      const loaded = await loadRuleSet(join(dir, 'rules'), ENGINE_RULE_CHECKS, { cacheDir: join(dir, RULES_CACHE_FOLDER) });
      expect(loaded.version).toBe('from-the-entry');
    } finally {
      process.chdir(cwd);
    }
  }, 60_000);

  it('keeps no entry for invalid rules, says so, and lets the build go on', async () => {
    const dir = bundleFolder();
    writeFileSync(join(dir, 'rules', 'local', 'council.yaml'), 'policy: {minScore: lots}\n');
    const { stderr } = await build(dir);
    expect(stderr).toContain('the bundled rules are invalid');
    expect(stderr).toContain('rules/local/council.yaml');
    expect(existsSync(join(dir, RULES_CACHE_FOLDER)) ? readdirSync(join(dir, RULES_CACHE_FOLDER)) : []).toEqual([]);
  }, 60_000);
});
