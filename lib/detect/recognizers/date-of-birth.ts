// Dates of birth: a full date (day, month and year) counts only with a birth phrase near it
// (DOB, date of birth, born on, aged … listed in the rule file). Dates alone are everywhere in
// council mail (meetings, deadlines, letters), so the phrase is required.
//
// Formats: 12/03/1956, 12.03.56, 12-3-1956, 1956-03-12 (also as the date of an ISO timestamp),
// 12 March 1956, 12th of Mar. 1956, 12-Mar-56, March 12th 1956, March 12, 1956. Numeric dates are
// read day first (UK); a date that only makes sense month first (5/20/1956) is read that way.
// A date without a year ("born on 12 March") is not matched: on its own it does not single
// anyone out. A date counts only if it could be a living person's date of birth: not in the
// future ("birthday party on 12/06/2027"), and at most maxAge (120) years ago.
import * as z from 'zod';
import { isCalendarDate } from '../checksums.ts';
import { readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';

const TYPE = 'date-of-birth';

const OptionsSchema = z.strictObject({
  /**
   * Oldest age, in whole years, that a date can give someone. The oldest person ever recorded
   * lived to 122 and the oldest living in the UK are about 115, so 120 loses almost no one, and
   * still leaves out the founding dates, anniversaries and historic dates that come with "born".
   */
  maxAge: z.number().int().min(1).max(150).default(120),
});

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?(?!\\p{L})';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const YEAR = '\\d{2}(?:\\d{2})?';
const SEP = '[\\s./-]{1,3}';
const START = '(?<![\\p{L}\\p{N}])(?<!\\p{N}[./-])';
const END = '(?![\\p{L}\\p{N}])(?![./-]\\p{N})';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * Two-digit years: this century's year up to next year, else last century's ("56" is 1956, "27"
 * written in 2026 is 2027). A two-digit year a year ahead is far more often a date to come
 * ("birthday party on 12/06/27") than the date of birth of someone aged 98 to 100, whose forms
 * write four digits anyway; such a date then fails as a date in the future.
 */
function fullYear(text: string, thisYear: number): number {
  if (text.length === 4) return Number(text);
  const year = 2000 + Number(text);
  return year <= thisYear + 1 ? year : year - 100;
}

/** Reads a matched date into its possible readings (day first, then month first), in that order. */
export function readDate(value: string, thisYear: number): CalendarDay[] {
  const tokens = value.toLowerCase().match(/\d+|\p{L}+/gu) ?? [];
  const numbers = tokens.filter((t) => /^\d/.test(t));
  const monthIndex = tokens.map((t) => MONTH_NAMES.indexOf(t.slice(0, 3))).find((i) => i >= 0);
  const [first, second, third] = numbers;
  if (monthIndex !== undefined) {
    if (first === undefined || second === undefined) return [];
    return [{ year: fullYear(second, thisYear), month: monthIndex + 1, day: Number(first) }];
  }
  if (first === undefined || second === undefined || third === undefined) return [];
  if (first.length === 4) return [{ year: Number(first), month: Number(second), day: Number(third) }];
  const year = fullYear(third, thisYear);
  return [
    { year, month: Number(second), day: Number(first) },
    { year, month: Number(first), day: Number(second) },
  ];
}

const dayNumber = (year: number, month: number, day: number): number => year * 10000 + month * 100 + day;

/**
 * A day that exists and could be someone's birthday today: not after today, and giving an age of
 * at most maxAge whole years (someone born on this day maxAge + 1 years ago is too old).
 */
export function plausibleBirthDate(date: CalendarDay, today: Date, maxAge: number): boolean {
  if (!isCalendarDate(date.year, date.month, date.day)) return false;
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  const day = today.getDate();
  const born = dayNumber(date.year, date.month, date.day);
  return born <= dayNumber(year, month, day) && born > dayNumber(year - maxAge - 1, month, day);
}

/**
 * `now` tells the date (the real one unless a test fixes it). It is called on every check, so a
 * long-running process never works from a stale date.
 */
export function createDateOfBirth(settings: RecognizerSettings, now: () => Date = () => new Date(), context?: RecognizerContext): Recognizer {
  const { maxAge } = readOptions(TYPE, OptionsSchema, settings.options);
  const validate = (value: string): boolean | undefined => {
    const today = now();
    // The first reading that is a date at all: day first, month first only when day first is no
    // date ("5/20/1956"). "04/12/2025" is 4 December, never also 12 April.
    const reading = readDate(value, today.getFullYear()).find((d) => isCalendarDate(d.year, d.month, d.day));
    const plausible = reading !== undefined && plausibleBirthDate(reading, today, maxAge);
    // Plausibility is not proof: a plausible date keeps its score, an impossible one is dropped.
    return plausible ? undefined : false;
  };
  // A full date is a common sight; the required birth phrase is what makes it a date of birth, and
  // lifts the score to 0.85.
  const score = 0.5;
  return patternRecognizer(
    {
      name: 'date-of-birth',
      type: TYPE,
      category: 'personal',
      why: 'A date of birth together with a name is enough to identify a resident and to open accounts in their name.',
      patterns: [
        { name: 'day-month-year', regex: new RegExp(`${START}\\d{1,2}([./-])\\d{1,2}\\1${YEAR}${END}`, 'gu'), score },
        // ISO dates may carry a time ("1956-03-12T00:00:00Z" in exported records); the span is the date.
        {
          name: 'year-month-day',
          regex: new RegExp(`${START}\\d{4}([./-])\\d{1,2}\\1\\d{1,2}(?:(?=T\\d)|${END})`, 'gu'),
          score,
        },
        {
          name: 'day-month-name-year',
          regex: new RegExp(`${START}${DAY}(?:\\s{1,3}of)?${SEP}${MONTH},?${SEP}${YEAR}${END}`, 'giu'),
          score,
        },
        {
          name: 'month-name-day-year',
          regex: new RegExp(`${START}${MONTH}${SEP}${DAY},?${SEP}${YEAR}${END}`, 'giu'),
          score,
        },
      ],
      validate,
      contextRequired: true,
    },
    settings,
    context?.wordStarts,
  );
}
