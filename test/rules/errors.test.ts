// Every kind of rule-file problem, loaded from real files, with the exact file, line and wording
// an administrator sees. Valid variants sit beside the invalid ones.
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../lib/rules/load.ts';
import { BASE_FILES, problemLines, removeRuleDirs, ruleDir } from '../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

/** Loads BASE_FILES plus `extra`; returns the error lines with the folder prefix removed, or [] when it loads. */
async function problems(extra: Record<string, string>): Promise<string[]> {
  const dir = await ruleDir({ ...BASE_FILES, ...extra });
  try {
    await loadRuleSet(dir);
    return [];
  } catch (error) {
    return problemLines(error, dir);
  }
}

describe('rule-file problems name the file, the line and the problem', () => {
  it.each<[string, Record<string, string>, string[]]>([
    // YAML syntax
    ['a mis-indented key', { 'local/a.yaml': 'policy:\n  mode: audit\n minScore: 0.4\n' }, ['local/a.yaml:3: YAML syntax: All mapping items must start at the same column']],
    ['a repeated key', { 'local/a.yaml': 'policy:\n  mode: audit\n  mode: enforce\n' }, ['local/a.yaml:3: YAML syntax: Map keys must be unique']],
    ['a tab used for indentation', { 'local/a.yaml': 'policy:\n\tmode: audit\n' }, ['local/a.yaml:2: YAML syntax: Tabs are not allowed as indentation']],
    ['correct indentation', { 'local/a.yaml': 'policy:\n  mode: audit\n  minScore: 0.4\n' }, []],

    // The shape of a file
    ['a list instead of a mapping', { 'local/a.yaml': '# domains\n- council.gov.uk\n' }, ['local/a.yaml:2: a rule file must be a mapping of sections (recognizers, policy, limits)']],
    ['plain words instead of a mapping', { 'local/a.yaml': 'internal domains are council.gov.uk\n' }, ['local/a.yaml:1: a rule file must be a mapping of sections (recognizers, policy, limits)']],
    ['an unknown section', { 'local/a.yaml': 'policy: {}\npolcy:\n  mode: audit\n' }, ['local/a.yaml:2: polcy: unknown setting (allowed here: recognizers, policy, limits)']],
    ['a section that is not a mapping', { 'local/a.yaml': 'recognizers: [uk-nino]\n' }, ['local/a.yaml:1: recognizers: expected a mapping of settings (got a list)']],
    ['groups of settings with everything in them commented out', { 'local/a.yaml': 'recognizers:\n#  iban:\n#    enabled: false\npolicy:\n  rules:\n    - id: marking\n      when:\n' }, []],
    ['a new group of settings left empty', { 'local/a.yaml': 'recognizers:\n  iban:\n  postal-address:\n' }, ['local/a.yaml:3: recognizers.postal-address: expected a mapping of settings (got nothing)']],
    ['a file of comments only', { 'local/a.yaml': '# policy:\n#   mode: audit\n' }, []],
    ['an alias with no anchor', { 'local/a.yaml': 'policy:\n  internalDomains: *domains\n' }, ['local/a.yaml:2: alias *domains has no matching anchor before it']],
    ['an alias with its anchor', { 'local/a.yaml': 'recognizers:\n  uk-nino:\n    context: &words [national insurance]\n  iban:\n    context: *words\n' }, []],

    // Settings of the merged rule set
    ['a misspelt mode (the README example)', { 'local/policy.yaml': 'policy:\n  # audit first\n  mode: enforced\n' }, ["local/policy.yaml:3: policy.mode: expected one of enforce, audit (got 'enforced')"]],
    ['a valid mode', { 'local/policy.yaml': 'policy:\n  # audit first\n  mode: audit\n' }, []],
    [
      'a misspelt recognizer setting',
      { 'local/a.yaml': 'recognizers:\n  uk-nino:\n    minscore: 0.4\n' },
      ['local/a.yaml:3: recognizers.uk-nino.minscore: unknown setting (allowed here: enabled, minScore, context, negativeContext, contextWindow, options, examples)'],
    ],
    ['yes/no for true/false (YAML reads them as words)', { 'local/a.yaml': 'recognizers:\n  iban:\n    enabled: no\n' }, ["local/a.yaml:3: recognizers.iban.enabled: expected true or false (got 'no')"]],
    ['false', { 'local/a.yaml': 'recognizers:\n  iban:\n    enabled: false\n' }, []],
    ['a number out of range in a later shipped file', { 'z.yaml': 'limits:\n  maxDepth: -1\n' }, ['z.yaml:2: limits.maxDepth: must be at least 0 (got -1)']],
    ['an empty explanation given locally for a shipped rule', { 'local/a.yaml': "policy:\n  rules:\n    - id: marking\n      explanation: ''\n" }, ['local/a.yaml:4: policy.rules[marking].explanation: must not be empty']],
    ['an empty list of types', { 'local/a.yaml': 'policy:\n  rules:\n    - id: strong-identifier\n      when:\n        types: []\n' }, ['local/a.yaml:5: policy.rules[strong-identifier].when.types: must list at least one item']],
    [
      'two kinds of condition in one rule',
      { 'local/a.yaml': 'policy:\n  rules:\n    - id: marking\n      when:\n        categories: [marking]\n        types: [iban]\n' },
      ['local/a.yaml:4: policy.rules[marking].when: needs exactly one of categories, types or contactProfile'],
    ],
    [
      'a new rule with a bad id and missing fields',
      { 'local/a.yaml': 'policy:\n  rules:\n    - id: Council Tax\n      when: {categories: [casework]}\n' },
      [
        '3 problems in the rule files:',
        'local/a.yaml:3: policy.rules[Council Tax].id: rule ids are lower-case words joined by dashes',
        'local/a.yaml:3: policy.rules[Council Tax].description: required',
        'local/a.yaml:3: policy.rules[Council Tax].explanation: required',
      ],
    ],
    [
      'a complete new rule',
      { 'local/a.yaml': 'policy:\n  rules:\n    - id: council-tax\n      description: Council tax\n      when: {categories: [casework]}\n      explanation: It identifies a household.\n' },
      [],
    ],
    [
      'one rule id twice in one file',
      { 'local/a.yaml': 'policy:\n  rules:\n    - id: marking\n      enabled: false\n    - id: marking\n      allowOverride: true\n' },
      ["local/a.yaml:5: policy.rules[marking]: the id 'marking' is already used on line 3"],
    ],
    ['an example mapping with a wrong field', { 'local/a.yaml': 'recognizers:\n  iban:\n    examples:\n      hold:\n        - body: 42\n' }, ['local/a.yaml:5: recognizers.iban.examples.hold[1].body: expected text (got a number)']],
    [
      'an example that is neither text nor a mapping',
      { 'local/a.yaml': 'recognizers:\n  iban:\n    examples:\n      hold:\n        - [a, b]\n' },
      ['local/a.yaml:5: recognizers.iban.examples.hold[1]: must be text, or a mapping with body (and optionally subject, to, channel)'],
    ],
    ['a section missing from every file', { 'identifiers.yaml': '# emptied\n' }, ['recognizers: required, and no rule file has this section']],
  ])('%s', async (_label, extra, expected) => {
    expect(await problems(extra)).toEqual(expected);
  });

  it('never repeats sample text from examples in an error', async () => {
    const sample = 'IBAN GB82 WEST 1234 5698 7654 32';
    const lines = await problems({ 'local/a.yaml': `recognizers:\n  iban:\n    examples:\n      hold: ${sample}\n` });

    expect(lines).toEqual(['local/a.yaml:4: recognizers.iban.examples.hold: expected a list (got text)']);
  });

  it('reports every problem in every file at once, in file order then line order', async () => {
    const lines = await problems({
      'local/b.yaml': 'policy:\n  mode: audit\n  mode: enforce\n',
      'local/a.yaml': 'polcy: {}\n',
      'local/c.yaml': '- x\n',
    });

    expect(lines).toEqual([
      '3 problems in the rule files:',
      'local/a.yaml:1: polcy: unknown setting (allowed here: recognizers, policy, limits)',
      'local/b.yaml:3: YAML syntax: Map keys must be unique',
      'local/c.yaml:1: a rule file must be a mapping of sections (recognizers, policy, limits)',
    ]);
  });

  it('reports every problem of the merged set at once, in file order then line order', async () => {
    const lines = await problems({
      'local/a.yaml': 'policy:\n  minScore: 2\n  mode: enforced\n',
      'z.yaml': 'limits:\n  maxParts: 0\n',
    });

    expect(lines).toEqual([
      '3 problems in the rule files:',
      'z.yaml:2: limits.maxParts: must be more than 0 (got 0)',
      'local/a.yaml:2: policy.minScore: must be at most 1 (got 2)',
      "local/a.yaml:3: policy.mode: expected one of enforce, audit (got 'enforced')",
    ]);
  });

  it('keeps the file and line of a single problem on the error', async () => {
    const dir = await ruleDir({ ...BASE_FILES, 'local/policy.yaml': 'policy:\n\n  mode: enforced\n' });

    const error = await loadRuleSet(dir).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'RuleError', file: `${dir}/local/policy.yaml`, line: 3 });
  });
});
