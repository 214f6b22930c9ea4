// Loads a rule folder and builds the engine from it, checking recognizer names against the registry.
import { checkRecognizerOptions } from '../detect/option-check.ts';
import { RECOGNIZER_FACTORIES } from '../detect/registry.ts';
import { loadRuleSet, type LoadOptions, type RuleChecks } from '../rules/load.ts';
import { createEngine, type Engine } from './engine.ts';

/** What the loader checks beyond the schema: recognizer types and each recognizer's own options. */
export const ENGINE_RULE_CHECKS: RuleChecks = {
  recognizerOptions: checkRecognizerOptions,
  knownTypes: Object.keys(RECOGNIZER_FACTORIES),
};

/** Throws RuleError, naming file and line of every problem at once, when the rules are invalid. */
export async function loadEngine(rulesDir?: string, options: LoadOptions = {}): Promise<Engine> {
  return createEngine(await loadRuleSet(rulesDir, ENGINE_RULE_CHECKS, options));
}
