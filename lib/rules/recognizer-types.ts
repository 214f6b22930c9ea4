// Every type a rule set names must be one the gateway can detect: a misspelt type would otherwise
// switch nothing on and hold nothing. The caller passes the known types so that the rules do not
// depend on the detection engine.
import { locateSetting } from './parse.ts';
import { problemsError, type Problem } from './problems.ts';
import type { RuleSet } from './schema.ts';

/**
 * Throws RuleError naming the file and line of each unknown type: a `recognizers` entry, or a type
 * listed in a policy rule's `when.types` or `when.contactProfile.kinds`. `knownTypes` must hold
 * every finding type the gateway produces.
 */
export function checkRecognizerTypes(ruleSet: RuleSet, knownTypes: readonly string[]): void {
  const problems = unknownTypeProblems(ruleSet, knownTypes);
  if (problems.length > 0) throw problemsError(problems, ruleSet.sources);
}

/** Each unknown type the rule set names, located where it was written. */
export function unknownTypeProblems(ruleSet: RuleSet, knownTypes: readonly string[]): Problem[] {
  const known = new Set(knownTypes);
  const problems: Problem[] = [];
  const check = (type: string, path: ReadonlyArray<string | number>): void => {
    if (known.has(type)) return;
    problems.push({ ...locateSetting(ruleSet, path), message: `no recognizer has the type '${type}' (known types: ${knownTypes.join(', ')})` });
  };

  for (const type of Object.keys(ruleSet.recognizers)) check(type, ['recognizers', type]);
  ruleSet.policy.rules.forEach((rule, index) => {
    const at = ['policy', 'rules', index, 'when'] as const;
    if ('types' in rule.when) rule.when.types.forEach((type, i) => check(type, [...at, 'types', i]));
    if ('contactProfile' in rule.when) rule.when.contactProfile.kinds.forEach((type, i) => check(type, [...at, 'contactProfile', 'kinds', i]));
  });
  return problems;
}
