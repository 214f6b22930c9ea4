// Loads the rule set from a rules folder: every *.yaml / *.yml file in it by name, then every one
// in its local/ folder by name, merged in that order (see merge.ts for how) and validated.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleError } from '../errors.ts';
import { readCachedRuleSet, ruleSetCacheKey, writeCachedRuleSet } from './cache.ts';
import { parseRuleSetFromText, type RuleChecks } from './parse.ts';
import type { RuleSet } from './schema.ts';

export { parseRuleSetFromText, locateSetting, type RuleChecks, type RuleFileText } from './parse.ts';
export { checkRecognizerTypes } from './recognizer-types.ts';

/** The shipped rules/ folder, found from this file so that it loads from any working directory. */
export const SHIPPED_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

const RULE_FILE = /\.ya?ml$/;

export interface LoadOptions {
  /** Keep the validated rule set here and use it again while the files are unchanged (see cache.ts). */
  cacheDir?: string | undefined;
}

export async function loadRuleSet(dir: string = SHIPPED_RULES_DIR, checks: RuleChecks = {}, options: LoadOptions = {}): Promise<RuleSet> {
  const paths = [...(await ruleFiles(dir, true)), ...(await ruleFiles(join(dir, 'local'), false))];
  if (paths.length === 0) throw new RuleError(`no rule files (*.yaml) in ${displayName(dir)}`);
  const files = await Promise.all(
    paths.map(async (path) => {
      const name = displayName(path);
      try {
        return { name, text: await readFile(path, 'utf8') };
      } catch (cause) {
        throw new RuleError('cannot read this rule file', { file: name }, { cause });
      }
    }),
  );
  const { cacheDir } = options;
  if (!cacheDir) return parseRuleSetFromText(files, checks);
  const key = ruleSetCacheKey(files, JSON.stringify([checks.knownTypes ?? null, checks.recognizerOptions !== undefined]));
  const cached = readCachedRuleSet(cacheDir, key);
  if (cached) return cached;
  // Only a valid rule set gets this far (invalid ones throw), so only valid ones are kept.
  const ruleSet = parseRuleSetFromText(files, checks);
  writeCachedRuleSet(cacheDir, key, ruleSet);
  return ruleSet;
}

/** Rule files directly in `dir`, in name order; hidden files (editor backups) are skipped. */
async function ruleFiles(dir: string, required: boolean): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    if (!required && (cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new RuleError(`cannot read the rules folder ${displayName(dir)}`, {}, { cause });
  }
  return entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && RULE_FILE.test(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort() // code-unit order: the same on every machine, whatever its locale
    .map((name) => join(dir, name));
}

/** Paths under the working directory are shown relative to it ("rules/local/policy.yaml"). */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..' ? rel : path;
}
