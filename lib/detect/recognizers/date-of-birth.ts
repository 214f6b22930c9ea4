// Dates of birth: a full date (day, month and year) counts only with a birth phrase near it
// (DOB, date of birth, born on, aged … listed in the rule file). Dates alone are everywhere in
// council mail (meetings, deadlines, letters), so the phrase is required.
//
// Formats: 12/03/1956, 12.03.56, 12-3-1956, 1956-03-12 (also as the date of an ISO timestamp),
// 12 March 1956, 12th of Mar. 1956, 12-Mar-56, March 12th 1956, March 12, 1956. Numeric dates are
// read day first (UK); a date that only makes sense month first (5/20/1956) is read that way.
// A date without a year ("born on 12 March") is not matched: on its own it does not single
// anyone out.
import { z } from 'zod';
import { isCalendarDate } from '../checksums.ts';
import { readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'date-of-birth';

const OptionsSchema = z.strictObject({
  /** Dates before this year are not taken as anyone's date of birth (historic dates). */
  earliestYear: z.number().int().min(1800).max(2100).default(1900),
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

/** Two-digit years: the most recent year ending in those digits that is not in the future. */
function fullYear(text: string, thisYear: number): number {
  if (text.length === 4) return Number(text);
  const year = 2000 + Number(text);
  return year <= thisYear ? year : year - 100;
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

/** A day that exists, not after today and not before the earliest plausible year of birth. */
export function plausibleBirthDate(date: CalendarDay, today: Date, earliestYear: number): boolean {
  if (date.year < earliestYear || !isCalendarDate(date.year, date.month, date.day)) return false;
  const asNumber = (y: number, m: number, d: number): number => y * 10000 + m * 100 + d;
  return asNumber(date.year, date.month, date.day) <= asNumber(today.getFullYear(), today.getMonth() + 1, today.getDate());
}

export function createDateOfBirth(settings: RecognizerSettings): Recognizer {
  const { earliestYear } = readOptions(TYPE, OptionsSchema, settings.options);
  // Today is read on every check, so a long-running process never works from a stale date.
  const validate = (value: string): boolean | undefined => {
    const today = new Date();
    const plausible = readDate(value, today.getFullYear()).some((d) => plausibleBirthDate(d, today, earliestYear));
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
  );
}
