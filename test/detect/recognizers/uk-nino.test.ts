import { describe, expect, it } from 'vitest';
import { createUkNino, ninoPrefixAllowed } from '../../../lib/detect/recognizers/uk-nino.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createUkNino(shippedSettings('uk-nino'));

describe('uk-nino', () => {
  it.each<[string, string[]]>([
    // Valid: with suffix, any separators, either case.
    ['His NI number is JG 10 37 85 A.', ['JG 10 37 85 A']],
    ['JG-103785-A', ['JG-103785-A']],
    // In attachment and document names: a dot or underscore ends the number.
    ['JG103785A.pdf', ['JG103785A']],
    ['payslip_JG103785A_2025.pdf', ['JG103785A']],
    ['NI_number_JG103785.jpg', ['JG103785']],
    ['jg103785a', ['jg103785a']],
    ['Ref: JG 103785 A, thanks', ['JG 103785 A']],
    ['ab 12 34 56 c and ZY 99 88 77 D', ['ab 12 34 56 c', 'ZY 99 88 77 D']],
    // Valid without suffix only when a National Insurance word is near.
    ['National Insurance number JG103785', ['JG103785']],
    ['her NINO is JG 10 37 85.', ['JG 10 37 85']],
    // Invalid: no context for the suffix-less shape.
    ['Order JG103785 was shipped', []],
    // Invalid prefixes: first letter D F I Q U V, second letter D F I Q U V O, unallocated pairs.
    ['DA 12 34 56 A', []],
    ['QQ 12 34 56 C', []],
    ['AO 12 34 56 A', []],
    ['AV 12 34 56 A', []],
    ['BG 12 34 56 A', []],
    ['GB 12 34 56 A', []],
    ['NK 12 34 56 A', []],
    ['KN 12 34 56 A', []],
    ['NT 12 34 56 A', []],
    ['TN 12 34 56 A', []],
    ['ZZ 12 34 56 A', []],
    // Invalid suffix, length, or part of a longer token.
    ['JG 10 37 85 E', []],
    ['JG 10 37 8 A', []],
    ['JG1037855A', []],
    ['XJG103785A', []],
    ['JG103785AB', []],
    ['NI number JG 10 37 85 12', []],
    // Near-misses from council mail.
    ['Planning ref 24/00873/FUL', []],
    ['Call 0115 981 9911', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it.each<[string, number]>([
    ['JG 10 37 85 A', 0.85],
    ['National Insurance: JG 10 37 85 A', 1],
    ['NI no JG103785', 0.65],
  ])('scores %j at %d', (text, score) => {
    const [match] = recognizer.find(text);
    expect(match?.score).toBeCloseTo(score, 5);
  });

  it('names the context word in its explanation', () => {
    const [match] = recognizer.find('NINO: JG103785A');
    expect(match?.explanation).toMatchObject({ pattern: 'nino', contextWord: 'nino' });
  });

  it.each<[string, boolean]>([
    ['JG', true],
    ['jg', true],
    ['DG', false],
    ['JO', false],
    ['ZZ', false],
    ['TN', false],
  ])('prefix %s allowed → %s', (prefix, allowed) => {
    expect(ninoPrefixAllowed(`${prefix}103785A`)).toBe(allowed);
  });

  it('honours a raised minimum score from the rules', () => {
    const strict = createUkNino(shippedSettings('uk-nino', { minScore: 0.9 }));
    expect(matchedText(strict, 'JG 10 37 85 A')).toEqual([]);
    expect(matchedText(strict, 'National Insurance JG 10 37 85 A')).toEqual(['JG 10 37 85 A']);
  });

  it('rejects options it does not know', () => {
    expect(() => createUkNino(shippedSettings('uk-nino', { options: { suffix: false } }))).toThrow(RuleError);
  });

  it.each(adversarialInputs('National Insurance number'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
