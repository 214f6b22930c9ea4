import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, assertSafeRegex, unsafeRegexReason } from '../../lib/detect/safe-regex.ts';
import { RuleError } from '../../lib/errors.ts';

describe('safe-regex', () => {
  it.each<[string]>([
    ['CW-\\d{4}-\\d{5}'],
    ['\\d{8,10}'],
    ['[A-Z0-9]{6,12}'],
    ['\\d{2}/\\d{5}/[A-Z]{2,6}'],
    ['[A-Z]{1,3}\\d{4,8}'],
    ['[A-Z]{1,3}\\d{1,5}(?:-\\d{1,3})?'],
    ['(?:\\d{4}-){2}\\d{4}'],
    ['(?:AB|CD)\\d{6}'],
    ['CW-\\d{4}-\\d{5}|HB\\d{7}'],
    ['(?<year>\\d{4})/\\d{3}'],
    ['INV-?\\d{4,10}'],
    ['[^\\s/]{2,5}/\\d{1,4}'],
    ['\\p{Lu}{2}\\d{6}'],
    ['\\u0041\\x42\\d{3}'],
    ['[\\]\\-]{1,3}\\d'],
    ['\\d{1,64}\\d{1,64}'],
    ['^\\bCW\\d{5}$'],
    ['\\d{3}?'],
  ])('accepts %s', (pattern) => {
    expect(unsafeRegexReason(pattern)).toBeUndefined();
  });

  it.each<[string, RegExp]>([
    // Nested quantifiers and repeated alternation: the classic catastrophic shapes.
    ['(a+)+', /open-ended/],
    ['(a{1,5}){1,5}', /repeated group contains a repetition/],
    ['(?:\\d{1,3}-){2}', /repeated group contains a repetition/],
    ['(?:\\d?){3}', /repeated group contains a repetition/],
    ['((?:a{1,2})?){2}', /repeated group contains a repetition/],
    ['(a|a){1,9}', /alternatives/],
    ['(?:AB|A){2}', /alternatives/],
    // Unbounded or very long repetition.
    ['\\d+', /open-ended/],
    ['[A-Z]*', /open-ended/],
    ['\\d{3,}', /open-ended/],
    ['\\d{1,65}', /more than 64 times/],
    // Too many ways to split one word.
    ['\\d{1,64}\\d{1,64}\\d{1,64}', /too many ways/],
    ['(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)', /too many ways/],
    // Backreferences and lookarounds.
    ['(\\d)\\1', /backreference/],
    ['(?<d>\\d)\\k<d>', /backreference/],
    ['(?=CW)CW\\d{5}', /lookahead or lookbehind/],
    ['CW(?!X)\\d{5}', /lookahead or lookbehind/],
    ['(?<=CW)\\d{5}', /lookahead or lookbehind/],
    ['(?<!X)\\d{5}', /lookahead or lookbehind/],
    // Invalid, empty or too long.
    ['CW-(\\d{4}', /not a valid regular expression/],
    ['\\d{5', /not a valid regular expression/],
    ['', /empty/],
    ['A'.repeat(MAX_PATTERN_LENGTH + 1), /longer than 200/],
  ])('refuses %s', (pattern, reason) => {
    expect(unsafeRegexReason(pattern)).toMatch(reason);
  });

  it('names the owner and the problem in a RuleError', () => {
    expect(() => assertSafeRegex('(a+)+', 'case-reference format "legacy"')).toThrow(RuleError);
    expect(() => assertSafeRegex('(a+)+', 'case-reference format "legacy"')).toThrow(/^case-reference format "legacy": pattern refused: /);
    expect(() => assertSafeRegex('CW-\\d{4}', 'case-reference format "cw"')).not.toThrow();
  });

  it('reads any string without failing: each is either accepted or refused with a reason', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'()[]{}|?*+\\-:!=<>^$.,adkpuxDw0123456789'.split('')), maxLength: 40 }), (pattern) => {
        const reason = unsafeRegexReason(pattern);
        expect(reason === undefined || reason.length > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only patterns that stay quick on adversarial words', () => {
    // Every accepted pattern is tried, anchored as casework uses it, on words built to backtrack.
    const words = ['1'.repeat(48), 'a'.repeat(48), `${'1'.repeat(47)}!`, `${'ab'.repeat(23)}!`];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'()[]{}|?*+\\-:ad1,23'.split('')), maxLength: 24 }), (pattern) => {
        if (unsafeRegexReason(pattern) !== undefined) return;
        const whole = new RegExp(`^(?:${pattern})$`, 'u');
        for (const word of words) whole.test(word);
      }),
      { numRuns: 2000 },
    );
  });
});
