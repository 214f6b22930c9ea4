// Validated rule sets kept as JSON between runs of the shipped command line, so that a `gateway`
// command or scan thread starting with rule files it has seen before skips parsing the YAML,
// validating it and building every recognizer once just to check its options: a fifth of a
// second, more than the rest of a small scan.
//
// An entry is found by the SHA-256 of everything that decides the loaded rule set: each file's
// name and text, in merge order, and which checks ran. The code that loads them is the other
// thing, so the cache lives inside the build's own folder (dist/cli/rules-cache/), which every
// build deletes. A Lambda function's bundle carries its entry the same way: rules-cache/ beside
// index.mjs, written when the bundle is built (infra/build-rules-cache.ts), so a rule file changed
// in the bundle afterwards misses it and is loaded afresh. Writing is best effort: a folder that
// cannot be written (a deployed bundle's) means no cache, and an entry that cannot be read or
// parsed is loaded afresh. Location data for errors is not kept, so
// commands that report where in a file something is (`gateway rules validate|test`) load afresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleFileText } from './parse.ts';
import type { RuleSet } from './schema.ts';

/** The cache's folder, beside the built module: dist/cli/ for the command line, a function's bundle on Lambda. */
export const RULES_CACHE_FOLDER = 'rules-cache';

/**
 * The cache of the shipped code (the command line, or a Lambda bundle), in the build's folder;
 * none when the code runs from its TypeScript sources (tests), where no build folder would be
 * wiped when the code changes.
 */
export const SHIPPED_RULES_CACHE = import.meta.url.endsWith('.ts') ? undefined : fileURLToPath(new URL(`./${RULES_CACHE_FOLDER}/`, import.meta.url));

/** Enough for every rule folder an administrator is trying at once; the least recently written go first. */
const MAX_ENTRIES = 32;

export function ruleSetCacheKey(files: readonly RuleFileText[], checks: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([checks, files.map((f) => [f.name, f.text])]));
  return hash.digest('hex');
}

export function readCachedRuleSet(dir: string, key: string): RuleSet | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as RuleSet;
  } catch {
    return undefined;
  }
}

export function writeCachedRuleSet(dir: string, key: string, ruleSet: RuleSet): void {
  try {
    mkdirSync(dir, { recursive: true });
    // Written whole under another name, then renamed: a reader never sees half an entry.
    const temporary = join(dir, `${key}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(ruleSet));
    renameSync(temporary, join(dir, `${key}.json`));
    prune(dir);
  } catch {
    // No cache this time: the rules were loaded all the same.
  }
}

function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ path: join(dir, name), written: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const entry of entries.slice(MAX_ENTRIES)) unlinkSync(entry.path);
}
