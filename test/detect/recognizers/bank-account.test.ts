import { describe, expect, it } from 'vitest';
import { createBankAccount } from '../../../lib/detect/recognizers/bank-account.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createBankAccount(shippedSettings('bank-account'));

describe('bank-account', () => {
  it.each<[string, string[]]>([
    // Valid: sort code and account number near each other with a banking word; two findings.
    ['Sort code 20-45-77, account number 13794682', ['20-45-77', '13794682']],
    ['Sort code: 20 45 77\nAccount no: 13794682', ['20 45 77', '13794682']],
    ['Account 13794682, sort code 204577', ['13794682', '204577']],
    ['Bank details: 20-45-77 13794682', ['20-45-77', '13794682']],
    ['Pay into a/c 13794682 (20-45-77) please', ['13794682', '20-45-77']],
    // Invalid: one half only.
    ['Sort code 20-45-77', []],
    ['Account number 13794682', []],
    // Invalid: no banking word.
    ['20-45-77 13794682', []],
    // Invalid: too far apart for the shipped maxGap (60 characters).
    [`Sort code 20-45-77 ${'and so on '.repeat(8)}account 13794682`, []],
    // Any separators between the groups, mixed or not: a reader still reads them.
    ['Sort code 20-45 77, account 13794682', ['20-45 77', '13794682']],
    ['Sort code 20.45.77, account 1379 4682', ['20.45.77', '1379 4682']],
    // Invalid shapes: seven or nine digits, part of a longer number.
    ['Sort code 20-45-77, account 1379468', []],
    ['Sort code 20-45-77, account 137946821', []],
    ['Sort code 20-45-771, account 13794682', []],
    // Near-misses from council mail.
    ['Invoice total £13,794.68 for account 13794682', []],
    ['The meeting on 20-05-2025 is about the bank holiday', []],
    ['Planning ref 24/00873/FUL, account of the meeting', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('explains each half by its role and the banking word', () => {
    const text = 'Sort code 20-45-77, account number 13794682';
    expect(recognizer.find(text).map((m) => m.explanation)).toEqual([
      { pattern: 'sort-code-before-account', baseScore: 0.6, contextWord: 'sort code' },
      { pattern: 'account-after-sort-code', baseScore: 0.6, contextWord: 'sort code' },
    ]);
  });

  it('reads the distance allowed between the halves from options.maxGap', () => {
    const text = `Sort code 20-45-77 ${'and so on '.repeat(8)}account 13794682`;
    const wide = createBankAccount(shippedSettings('bank-account', { options: { maxGap: 120 } }));
    expect(matchedText(wide, text)).toEqual(['20-45-77', '13794682']);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown option', { maxgap: 10 }],
    ['a gap of the wrong type', { maxGap: 'sixty' }],
    ['a gap out of range', { maxGap: 0 }],
  ])('rejects %s', (_name, options) => {
    expect(() => createBankAccount(shippedSettings('bank-account', { options }))).toThrow(RuleError);
  });

  it.each(adversarialInputs('sort code account'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
