// Mistakes an administrator makes in the casework formats (and other recognizer options), written
// into real rule files and loaded by the real loader: each is reported at the file and line to
// edit, counted from 1, all in one error together with the rest of the rule set's problems.
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../lib/errors.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { BASE_FILES, dedent, problemLines, removeRuleDirs, ruleDir } from '../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

/** Loads BASE_FILES plus `extra` through loadEngine; the error lines, or [] when it loads. */
async function problems(extra: Record<string, string>): Promise<string[]> {
  const dir = await ruleDir({ ...BASE_FILES, ...extra });
  try {
    await loadEngine(dir);
    return [];
  } catch (error) {
    return problemLines(error, dir);
  }
}

/** A local casework file whose formats list is `formats` (YAML lines, indented as list items). */
const casework = (formats: string): Record<string, string> => ({
  'local/casework.yaml': `recognizers:\n  case-reference:\n    options:\n      formats:\n${dedent(formats)
    .split('\n')
    .map((line) => (line ? `        ${line}` : line))
    .join('\n')}`,
});

const AT = 'recognizers.case-reference.options';

describe('mistakes in casework formats name the file, the 1-based line and the field', () => {
  it.each<[string, string, string[]]>([
    ['a valid format', "- name: our-casework\n  pattern: 'CW-\\d{4}-\\d{5}'\n", []],
    [
      'a regular expression that does not compile',
      "- name: our-casework\n  pattern: 'CW-(\\d{4}'\n",
      [`local/casework.yaml:6: ${AT}.formats[our-casework].pattern: pattern refused: it is not a valid regular expression (Invalid regular expression: /CW-(\\d{4}/u: Unterminated group)`],
    ],
    [
      'a catastrophic regular expression',
      "- name: legacy\n  pattern: '(\\d{1,3}-?)+'\n",
      [`local/casework.yaml:6: ${AT}.formats[legacy].pattern: pattern refused: it has an open-ended repetition (+, * or {n,}); give a maximum, for example \\d{1,10} instead of \\d+`],
    ],
    [
      'a repeated group with a repetition inside',
      "- name: legacy\n  pattern: '(?:\\d{1,3}-){1,4}'\n",
      [`local/casework.yaml:6: ${AT}.formats[legacy].pattern: pattern refused: a repeated group contains a repetition of varying length, like (a+)+; repeat a fixed shape or merge the repetitions`],
    ],
    [
      'a lookahead',
      "- name: legacy\n  pattern: '(?=CW)CW\\d{5}'\n",
      [`local/casework.yaml:6: ${AT}.formats[legacy].pattern: pattern refused: it uses a lookahead or lookbehind ((?= (?! (?<= (?<!); describe the reference itself instead`],
    ],
    [
      'a space in a pattern',
      "- name: legacy\n  pattern: '\\d{4} \\d{4}'\n",
      [`local/casework.yaml:6: ${AT}.formats[legacy].pattern: pattern refused: a format matches one word, so its pattern cannot contain spaces`],
    ],
    ['an empty pattern', "- name: legacy\n  pattern: ''\n", [`local/casework.yaml:6: ${AT}.formats[legacy].pattern: must not be empty`]],
    ['a missing pattern', '- name: legacy\n  description: Old references\n', [`local/casework.yaml:5: ${AT}.formats[legacy].pattern: required`]],
    ['a missing name (the item is counted from 1)', "- name: first\n  pattern: 'A\\d{3}'\n- pattern: 'B\\d{3}'\n", [`local/casework.yaml:7: ${AT}.formats[2].name: required`]],
    [
      'a badly written name',
      "- name: Our Casework\n  pattern: 'A\\d{3}'\n",
      [`local/casework.yaml:5: ${AT}.formats[Our Casework].name: format names are lower-case words joined by dashes`],
    ],
    ['a pattern written as a number', '- name: legacy\n  pattern: 12345\n', [`local/casework.yaml:6: ${AT}.formats[legacy].pattern: expected text (got 12345)`]],
    ['yes for true', "- name: legacy\n  pattern: 'A\\d{3}'\n  ignoreCase: yes\n", [`local/casework.yaml:7: ${AT}.formats[legacy].ignoreCase: expected true or false (got 'yes')`]],
    ['after given as text, not a list', "- name: legacy\n  pattern: 'A\\d{3}'\n  after: our ref\n", [`local/casework.yaml:7: ${AT}.formats[legacy].after: expected a list (got 'our ref')`]],
    [
      'a misspelt field',
      "- name: legacy\n  patern: 'A\\d{3}'\n",
      [
        '2 problems in the rule files:',
        `local/casework.yaml:5: ${AT}.formats[legacy].pattern: required`,
        `local/casework.yaml:6: ${AT}.formats[legacy].patern: unknown setting (allowed here: name, pattern, after, ignoreCase, description)`,
      ],
    ],
    [
      'one name used twice',
      "- name: legacy\n  pattern: 'A\\d{3}'\n- name: legacy\n  pattern: 'B\\d{3}'\n",
      [`local/casework.yaml:7: ${AT}.formats[legacy].name: the name 'legacy' is already used by item 1 of this list`],
    ],
    ['formats given as one format, not a list', "name: legacy\npattern: 'A\\d{3}'\n", [`local/casework.yaml:4: ${AT}.formats: expected a list (got a mapping)`]],
  ])('%s', async (_what, formats, expected) => {
    expect(await problems(casework(formats))).toEqual(expected);
  });

  it('reports every mistake at once, in file and line order, with the rest of the rule set’s problems', async () => {
    const lines = await problems({
      ...casework(`
        - name: legacy
          pattern: '(a+)+'
        - name: broken
          pattern: 'CW-(\\d{4}'
        - name: legacy
          pattern: 'X\\d{3}'
        - pattern: 'Y\\d{3}'
      `),
      'local/policy.yaml': 'policy:\n  mode: enforced\n',
    });
    expect(lines).toEqual([
      '5 problems in the rule files:',
      `local/casework.yaml:6: ${AT}.formats[legacy].pattern: pattern refused: it has an open-ended repetition (+, * or {n,}); give a maximum, for example \\d{1,10} instead of \\d+`,
      `local/casework.yaml:8: ${AT}.formats[broken].pattern: pattern refused: it is not a valid regular expression (Invalid regular expression: /CW-(\\d{4}/u: Unterminated group)`,
      `local/casework.yaml:9: ${AT}.formats[legacy].name: the name 'legacy' is already used by item 1 of this list`,
      `local/casework.yaml:11: ${AT}.formats[4].name: required`,
      `local/policy.yaml:2: policy.mode: expected one of enforce, audit (got 'enforced')`,
    ]);
  });

  it('reports public-reference formats (notCasework) and other recognizers’ options the same way', async () => {
    const lines = await problems({
      'local/casework.yaml': "recognizers:\n  case-reference:\n    options:\n      notCasework:\n        - name: planning\n          pattern: '\\d{2}/\\d+/[A-Z]{2,6}'\n",
      'local/identifiers.yaml': 'recognizers:\n  uk-nino:\n    options:\n      strict: true\n',
    });
    expect(lines).toEqual([
      '2 problems in the rule files:',
      `local/casework.yaml:6: ${AT}.notCasework[planning].pattern: pattern refused: it has an open-ended repetition (+, * or {n,}); give a maximum, for example \\d{1,10} instead of \\d+`,
      'local/identifiers.yaml:4: recognizers.uk-nino.options.strict: unknown setting (no settings are allowed here)',
    ]);
  });

  it('keeps the line on the error when there is one problem, for tools that read it', async () => {
    const dir = await ruleDir({ ...BASE_FILES, ...casework("- name: legacy\n  pattern: '\\d+'\n") });
    const error = await loadEngine(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ file: `${dir}/local/casework.yaml`, line: 6 });
  });
});
