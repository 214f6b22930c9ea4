import { describe, expect, it } from 'vitest';
import { createDateOfBirth, plausibleBirthDate, readDate } from '../../../lib/detect/recognizers/date-of-birth.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

// Every case is judged on a fixed day, 1 June 2025, so no case changes with the real date.
const NOW = new Date(2025, 5, 1);
const recognizer = createDateOfBirth(shippedSettings('date-of-birth'), () => NOW);

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
    // In attachment and document names.
    ['DOB_12-03-1956.pdf', ['12-03-1956']],
    ['date_of_birth_12.03.1956.jpg', ['12.03.1956']],
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
    ['DOB 01/01/2026', []],
    ['DOB 12/03/1856', []],
    // A date of birth gives an age from 0 to 120 on the day of the check (1 June 2025).
    ['She was born on 1 June 2025.', ['1 June 2025']],
    ['She was born on 2 June 2025.', []],
    ['Her son (DOB 12/05/25) is in hospital.', ['12/05/25']],
    ['DOB 12/06/25', []],
    ['DOB 02/06/1904', ['02/06/1904']],
    ['DOB 01/06/1904', []],
    ['born on 12 March 1848', []],
    // Dates to come near a birth word: a birthday party next year, in every format.
    ['Birthday party on 12/06/2026 at the community centre', []],
    ['Birthday party on 12/06/26 at the community centre', []],
    ['Her birthday party is on June 12th, 2026', []],
    ['Her birthday party is on the 12th of June 2026', []],
    ['Birthday party 12-Jun-26', []],
    ['Birthday party booked for 2026-06-12', []],
    ['Her 80th birthday party is on 12 June 2025', []],
    // Numeric dates are read day first; month first only when day first is no date at all.
    ['Birthday party on 04/12/2025', []],
    ['DOB 12/04/2025', ['12/04/2025']],
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
    // Two-digit years: this century up to next year, else the last.
    ['12/06/26', [[2026, 6, 12], [2026, 12, 6]]],
    ['12/06/27', [[1927, 6, 12], [1927, 12, 6]]],
  ])('readDate(%j) → %j', (value, readings) => {
    expect(readDate(value, 2025).map((d) => [d.year, d.month, d.day])).toEqual(readings);
  });

  it.each<[[number, number, number], boolean]>([
    [[1956, 3, 12], true],
    [[2025, 6, 1], true],
    [[2025, 6, 2], false],
    [[1904, 6, 2], true],
    [[1904, 6, 1], false],
    [[1899, 12, 31], false],
    [[1957, 2, 29], false],
  ])('plausibleBirthDate(%j) on 1 June 2025, at most 120 → %s', ([year, month, day], plausible) => {
    expect(plausibleBirthDate({ year, month, day }, NOW, 120)).toBe(plausible);
  });

  it('reads the oldest age from options.maxAge', () => {
    const historic = createDateOfBirth(shippedSettings('date-of-birth', { options: { maxAge: 150 } }), () => NOW);
    expect(matchedText(historic, 'born on 12/03/1880')).toEqual(['12/03/1880']);
    const young = createDateOfBirth(shippedSettings('date-of-birth', { options: { maxAge: 18 } }), () => NOW);
    expect(matchedText(young, 'DOB 12/03/2000 and DOB 12/03/2010')).toEqual(['12/03/2010']);
    expect(() => createDateOfBirth(shippedSettings('date-of-birth', { options: { earliestYear: 1800 } }))).toThrow(RuleError);
  });

  it('asks the clock for the date on every check', () => {
    let today = new Date(2025, 5, 11);
    const ticking = createDateOfBirth(shippedSettings('date-of-birth'), () => today);
    expect(matchedText(ticking, 'born on 12 June 2025')).toEqual([]);
    today = new Date(2025, 5, 12);
    expect(matchedText(ticking, 'born on 12 June 2025')).toEqual(['12 June 2025']);
  });

  it('uses the real date when given no clock', () => {
    const real = createDateOfBirth(shippedSettings('date-of-birth'));
    const tomorrow = new Date(Date.now() + 86_400_000);
    const two = (n: number): string => String(n).padStart(2, '0');
    const written = `${tomorrow.getFullYear()}-${two(tomorrow.getMonth() + 1)}-${two(tomorrow.getDate())}`;
    expect(matchedText(real, `DOB ${written}`)).toEqual([]);
    expect(matchedText(real, 'DOB 12/03/1956')).toEqual(['12/03/1956']);
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
