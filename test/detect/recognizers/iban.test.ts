import { describe, expect, it } from 'vitest';
import { createIban, ibanValid } from '../../../lib/detect/recognizers/iban.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createIban(shippedSettings('iban'));

describe('iban', () => {
  it.each<[string, string[]]>([
    // Valid: solid, spaced or dashed; mod-97 and the country's length both right.
    ['GB82WEST12345698765432', ['GB82WEST12345698765432']],
    ['IBAN: GB82 WEST 1234 5698 7654 32.', ['GB82 WEST 1234 5698 7654 32']],
    ['GB29-NWBK-6016-1331-9268-19', ['GB29-NWBK-6016-1331-9268-19']],
    ['Rent from IE29 AIBK 9311 5212 3456 78 monthly', ['IE29 AIBK 9311 5212 3456 78']],
    ['DE89 3704 0044 0532 0130 00', ['DE89 3704 0044 0532 0130 00']],
    ['FR14 2004 1010 0505 0001 3M02 606', ['FR14 2004 1010 0505 0001 3M02 606']],
    ['Norway NO93 8601 1117 947', ['NO93 8601 1117 947']],
    ['gb82 west 1234 5698 7654 32', ['gb82 west 1234 5698 7654 32']],
    // The country's length ends a grouped IBAN even when more text follows.
    ['DE89 3704 0044 0532 0130 00 12', ['DE89 3704 0044 0532 0130 00']],
    ['GB82 WEST 1234 5698 7654 32 2024', ['GB82 WEST 1234 5698 7654 32']],
    // A country code missing from the length table: solid form, mod-97 alone decides.
    ['ZZ92ABCD1234567890', ['ZZ92ABCD1234567890']],
    ['ZZ93ABCD1234567890', []],
    // Invalid: check digits wrong.
    ['GB82 WEST 1234 5698 7654 31', []],
    ['GB82WEST12345698765431', []],
    // Invalid: length wrong for the country, even where a shorter prefix would pass.
    ['GB82WEST123456987654321', []],
    ['GB82WEST1234569876543', []],
    // Invalid: mixed or unsupported separators, or inside a longer token.
    ['GB82 WEST-1234 5698 7654 32', []],
    ['GB82/WEST/1234/5698/7654/32', []],
    ['XGB82WEST12345698765432', []],
    // Near-misses from council mail.
    ['Grant scheme GB2024 closes on Friday', []],
    ['Planning ref 24/00873/FUL', []],
    ['Invoice total £1,234.56', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores a valid IBAN 1.0 without a context word', () => {
    expect(recognizer.find('GB82WEST12345698765432')[0]).toMatchObject({
      score: 1,
      explanation: { pattern: 'solid', validated: true },
    });
  });

  it.each<[string, boolean]>([
    ['GB82 WEST 1234 5698 7654 32', true],
    ['GB82-WEST-1234-5698-7654-32', true],
    ['GB82WEST1234569876543', false],
    // A country missing from the length table: mod-97 alone decides.
    ['ZZ92ABCD1234567890', true],
    ['ZZ93ABCD1234567890', false],
  ])('ibanValid(%j) → %s', (value, valid) => {
    expect(ibanValid(value)).toBe(valid);
  });

  it.each(adversarialInputs('IBAN'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
