// Run by the bundling (constructs/bundling.ts) once the rule files are in a function's bundle:
// loads the bundle's rules/ exactly as the function will at cold start and keeps the validated rule
// set in the bundle's rules-cache/ (see lib/rules/cache.ts), so the function's first event skips
// parsing the YAML, validating it and building every recognizer once to check its options.
//
// The entry is found by the rule files' names as well as their texts, and the loader names a file
// by its path from the working directory. Lambda runs the function with the bundle's folder
// (/var/task) as working directory and GATEWAY_RULES_DIR=/var/task/rules, so the files are named
// "rules/policy.yaml" and so on: this script loads them from inside the bundle's folder for the
// same names.
//
// An invalid rule set gets no entry and does not stop the build: the function then loads the
// files itself and holds every message, as it always has for rules it cannot load.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RuleError } from '../lib/errors.ts';
import { ENGINE_RULE_CHECKS } from '../lib/pipeline/load-engine.ts';
import { RULES_CACHE_FOLDER } from '../lib/rules/cache.ts';
import { loadRuleSet } from '../lib/rules/load.ts';

const [bundle] = process.argv.slice(2);
if (!bundle) throw new Error('usage: build-rules-cache.ts <bundle folder>');
const bundleDir = resolve(bundle);
const cacheDir = join(bundleDir, RULES_CACHE_FOLDER);

process.chdir(bundleDir);
try {
  await loadRuleSet(join(bundleDir, 'rules'), ENGINE_RULE_CHECKS, { cacheDir });
} catch (error) {
  if (!(error instanceof RuleError)) throw error;
  process.stderr.write(`warning: the bundled rules are invalid, so the function will hold every message:\n${error.message}\n`);
  process.exit(0);
}
// Writing an entry is best effort for the command line; here a missing one is a broken build.
const written = readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
if (written.length !== 1) throw new Error(`expected one rule set entry in ${cacheDir}, found ${written.length}`);
