import { describe, expect, it } from 'vitest';
import { createDateOfBirth, plausibleBirthDate, readDate } from '../../../lib/detect/recognizers/date-of-birth.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createDateOfBirth(shippedSettings('date-of-birth'));
const nextYear = new Date().getFullYear() + 1;

describe('date-of-birth', () => {
  it.each<[string, string[]]>([
    // Valid: a full date with a birth phrase near it, in the formats people write.
    ['DOB 12/03/1956', ['12/03/1956']],
    ['D.O.B.: 12.03.56', ['12.03.56']],
    ['Date of birth 12-3-1956', ['12-3-1956']],
    ['date of birth: 1956-03-12', ['1956-03-12']],
    ['dob 1956-03-12T00:00:00Z', ['1956-03-12']],
    ['She was born on 12 March 1956.', ['12 March 1956']],
    ['born on the 12th of March 1956', ['12th of March 1956']],
    ['DOB 12-Mar-56', ['12-Mar-56']],
    ['DOB: 12 Sept. 1956', ['12 Sept. 1956']],
    ['Date of birth: March 12th 1956', ['March 12th 1956']],
    ['Birthday March 12, 1956', ['March 12, 1956']],
    ['Mrs Clarke (aged 69, 12/03/1956) called', ['12/03/1956']],
    ['12/03/1956 (DOB)', ['12/03/1956']],
    // Month-first only when day-first is impossible.
    ['DOB 5/20/1990', ['5/20/1990']],
    // Invalid: no birth phrase near the date.
    ['The meeting on 12/03/2025 will consider the budget.', []],
    ['Opened on 12 March 1957 by the mayor', []],
    [`DOB ${'and so on '.repeat(6)}12/03/1956`, []],
    // Invalid: not a day that exists, in the future, before 1900, or no year.
    ['DOB 31/02/1956', []],
    ['DOB 29/02/1957', []],
    ['DOB 13/13/1956', []],
    ['DOB 30 February 1956', []],
    [`DOB 01/01/${nextYear}`, []],
    ['DOB 12/03/1856', []],
    ['born on 12 March', []],
    ['DOB March 1956', []],
    // Invalid shapes: mixed separators, part of a longer number, inside a word.
    ['DOB 12/03-1956', []],
    ['DOB 1.12.03.1956', []],
    ['DOB 12/03/19567', []],
    ['DOB 12 Marching 1956', []],
    // Near-misses from council mail.
    ['Born and bred here: planning ref 24/00873/FUL', []],
    ['Aged care invoice total £1,234.56', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores a date with its birth phrase at 0.85 and names the phrase', () => {
    const [match] = recognizer.find('Date of birth: 12/03/1956');
    expect(match?.score).toBeCloseTo(0.85, 5);
    expect(match?.explanation).toEqual({ pattern: 'day-month-year', baseScore: 0.5, contextWord: 'date of birth' });
  });

  it.each<[string, Array<[number, number, number]>]>([
    ['12/03/1956', [[1956, 3, 12], [1956, 12, 3]]],
    ['12.03.56', [[1956, 3, 12], [1956, 12, 3]]],
    ['01.02.15', [[2015, 2, 1], [2015, 1, 2]]],
    ['1956-03-12', [[1956, 3, 12]]],
    ['12th of March 1956', [[1956, 3, 12]]],
    ['Sept 3rd, 1956', [[1956, 9, 3]]],
    ['March 1956', []],
  ])('readDate(%j) → %j', (value, readings) => {
    expect(readDate(value, 2025).map((d) => [d.year, d.month, d.day])).toEqual(readings);
  });

  it.each<[[number, number, number], boolean]>([
    [[1956, 3, 12], true],
    [[2025, 6, 1], true],
    [[2025, 6, 2], false],
    [[1899, 12, 31], false],
    [[1957, 2, 29], false],
  ])('plausibleBirthDate(%j) on 1 June 2025 → %s', ([year, month, day], plausible) => {
    expect(plausibleBirthDate({ year, month, day }, new Date(2025, 5, 1), 1900)).toBe(plausible);
  });

  it('reads the earliest plausible year from options.earliestYear', () => {
    const historic = createDateOfBirth(shippedSettings('date-of-birth', { options: { earliestYear: 1800 } }));
    expect(matchedText(historic, 'born on 12/03/1856')).toEqual(['12/03/1856']);
    expect(() => createDateOfBirth(shippedSettings('date-of-birth', { options: { earliest: 1800 } }))).toThrow(RuleError);
  });

  it.each(adversarialInputs('date of birth'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  it.each<[string, string]>([
    ['date-like runs', `DOB ${'12/03/'.repeat(20_000)}`],
    ['month names', `born ${'12 March '.repeat(12_000)}`],
    ['ordinals', `born ${'12th of '.repeat(12_000)}`],
  ])('returns on adversarial date input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
