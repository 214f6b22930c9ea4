// Loads a rule folder and builds the engine from it, checking recognizer names against the registry.
import { RECOGNIZER_FACTORIES } from '../detect/registry.ts';
import { checkRecognizerTypes, loadRuleSet } from '../rules/load.ts';
import { createEngine, type Engine } from './engine.ts';

/** Throws RuleError, naming file and line, when the rules are invalid. */
export async function loadEngine(rulesDir?: string): Promise<Engine> {
  const ruleSet = await loadRuleSet(rulesDir);
  checkRecognizerTypes(ruleSet, Object.keys(RECOGNIZER_FACTORIES));
  return createEngine(ruleSet);
}
