import { afterEach, describe, expect, it } from 'vitest';
import { checkRecognizerTypes, loadRuleSet, parseRuleSetFromText } from '../../lib/rules/load.ts';
import { BASE_FILES, dedent, problemLines, removeRuleDirs, ruleDir } from '../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

const KNOWN = ['uk-nino', 'iban', 'postal-address', 'phone-number', 'email-address'];

async function check(local: string, known: string[] = KNOWN): Promise<string[]> {
  const dir = await ruleDir({ ...BASE_FILES, 'local/types.yaml': local });
  const rules = await loadRuleSet(dir);
  try {
    checkRecognizerTypes(rules, known);
    return [];
  } catch (error) {
    return problemLines(error, dir);
  }
}

const KNOWN_LIST = `(known types: ${KNOWN.join(', ')})`;

describe('checkRecognizerTypes', () => {
  it.each<[string, string, string[]]>([
    ['known recognizers only', '# nothing added\n', []],
    ['an unknown recognizer', 'recognizers:\n  uk-nin0:\n    enabled: false\n', [`local/types.yaml:2: recognizers.uk-nin0: no recognizer has the type 'uk-nin0' ${KNOWN_LIST}`]],
    [
      'an unknown type in a rule',
      'policy:\n  rules:\n    - id: strong-identifier\n      when:\n        types:\n          - uk-nino\n          - ibna\n',
      [`local/types.yaml:7: policy.rules[strong-identifier].when.types[2]: no recognizer has the type 'ibna' ${KNOWN_LIST}`],
    ],
    [
      'an unknown contact kind',
      dedent(`
        policy:
          rules:
            - id: contact-profile
              description: Contact profile
              when:
                contactProfile:
                  kinds: [postal-address, phone, email-address]
              explanation: Contact details need consent.
      `),
      [`local/types.yaml:7: policy.rules[contact-profile].when.contactProfile.kinds[2]: no recognizer has the type 'phone' ${KNOWN_LIST}`],
    ],
    ['known contact kinds', 'policy:\n  rules:\n    - id: cp\n      description: d\n      when:\n        contactProfile:\n          kinds: [phone-number]\n      explanation: e\n', []],
  ])('%s', async (_label, local, expected) => {
    expect(await check(local)).toEqual(expected);
  });

  it('lists every unknown type in one error', async () => {
    const lines = await check('# nothing added\n', ['uk-nino']);

    expect(lines).toEqual([
      '2 problems in the rule files:',
      "identifiers.yaml:5: recognizers.iban: no recognizer has the type 'iban' (known types: uk-nino)",
      "policy.yaml:13: policy.rules[strong-identifier].when.types[2]: no recognizer has the type 'iban' (known types: uk-nino)",
    ]);
  });

  it('names the setting, without a line, for a copy of a rule set (its locations stay with the original)', () => {
    const rules = parseRuleSetFromText([{ name: 'inline.yaml', text: 'recognizers: {x: {}}\npolicy: {}\n' }]);

    expect(() => checkRecognizerTypes({ ...rules }, [])).toThrow(/^recognizers\.x: no recognizer has the type 'x'/);
  });
});
