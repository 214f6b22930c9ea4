// UK National Insurance number: two prefix letters, six digits, a suffix letter A–D
// ("JG 10 37 85 A", "JG-103785-A", "jg103785a"). Separators are optional between any of the
// groups, because people type it every way: a space or dash in the usual forms, and in capitals
// any short run of separators (see separators.ts). Lower case is accepted for the same reason
// (WhatsApp messages are often typed without capitals).
//
// The suffix: some forms and systems leave it off, so a suffix-less value is matched too, but it
// only counts with a National Insurance word near it: "AB123456" alone is as likely an order or
// reference number.
import { letterPairsBefore } from '../digit-clusters.ts';
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer, type PatternSpec } from '../pattern-recognizer.ts';
import { GROUP_GAP, NOT_BEFORE_GROUPS, spreadDigits } from '../separators.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'uk-nino';

// First letter never D F I Q U V; second never D F I Q U V O (HMRC allocation rules).
const PREFIX = '[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]';
const DIGITS = '[ -]?\\d{2}[ -]?\\d{2}[ -]?\\d{2}';
const PREFIX_ONLY = new RegExp(`^${PREFIX}$`);
/**
 * Written any other way a reader still reads as one number: its letters and digits apart by runs
 * of spaces, line breaks, dots, slashes, dashes or underscores ("JG.10.37.85.A", "JG 10 37\n> 85 A",
 * "J G 1 0 3 7 8 5 A"), or glued to the word before it ("ninoJG103785A").
 */
const FIRST = '[A-CEGHJ-PR-TW-Z]';
const SPREAD_REST = `${GROUP_GAP}[A-CEGHJ-NPR-TW-Z]${GROUP_GAP}${spreadDigits(6)}`;
/** A word start, or a change from lower to upper case ("ninoJG103785A"). */
const CAPITALS_START = '(?:(?<![\\p{L}\\p{N}])|(?<=\\p{Ll}))';
const WORD_START = '(?<![\\p{L}\\p{N}])';
/**
 * The first letter, then where it may start, checked behind it: the engine then skips ahead to
 * the next possible letter instead of testing the start condition at every position of the text
 * first (several times faster over ordinary prose, the same matches). Only where the letter is
 * matched in capitals: case-insensitive, it matches most letters.
 */
const firstLetterAfter = (start: string): string => `${FIRST}(?<=${start}${FIRST})`;

/**
 * Where an NI number can start: every form is two letters, each a separator run at most before
 * the next, then its six digits, which open a cluster of digits (a letter ends any cluster before
 * them). So each cluster of six digits or more has one place a number could start: its letter
 * pair (digit-clusters.ts).
 */
export function ninoStarts(text: string): number[] {
  return letterPairsBefore(text, 6);
}

/** Prefix pairs HMRC has never allocated (or reserves for temporary and administrative use). */
const UNALLOCATED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** HMRC's prefix rules: the letters each position may hold, less the pairs never allocated. */
export function ninoPrefixAllowed(value: string): boolean {
  const prefix = value.replace(/[^A-Za-z0-9]/g, '').slice(0, 2).toUpperCase();
  return PREFIX_ONLY.test(prefix) && !UNALLOCATED_PREFIXES.has(prefix);
}

/** The forms, each matched by its own pattern (exported for the tests of ninoStarts). */
export const NINO_PATTERNS: readonly PatternSpec[] = [
  {
    // Letters, six digits and a suffix A–D in this order are rarely anything else: high
    // enough to hold without a context word.
    name: 'nino',
    regex: new RegExp(`(?<![\\p{L}\\p{N}])${PREFIX}${DIGITS}[ -]?[A-D](?![\\p{L}\\p{N}])`, 'giu'),
    score: 0.85,
  },
  {
    // Without the suffix the shape is common (order and account references): below the
    // usual minimum score unless a National Insurance word is near.
    name: 'nino-without-suffix',
    regex: new RegExp(`(?<![\\p{L}\\p{N}])${PREFIX}${DIGITS}(?![\\p{L}\\p{N}])(?![ -]\\p{N})`, 'giu'),
    score: 0.3,
  },
  {
    // In capitals the spread-out number is as distinctive as the usual one; the case is
    // matched exactly, so "on 12/03/19 a" in a sentence is not taken for one.
    name: 'nino-spread',
    regex: new RegExp(`${firstLetterAfter(CAPITALS_START)}${SPREAD_REST}${GROUP_GAP}[A-D](?![\\p{Lu}\\p{N}])`, 'gu'),
    score: 0.85,
  },
  {
    // In lower case, or without the suffix, it counts only with a National Insurance word near.
    name: 'nino-spread-with-context',
    // Case-insensitive, the first letter matches most letters, so here the word start goes first.
    regex: new RegExp(`${WORD_START}${FIRST}${SPREAD_REST}(?:${GROUP_GAP}[A-D])?${NOT_BEFORE_GROUPS}`, 'giu'),
    score: 0.3,
  },
];

export function createUkNino(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  return patternRecognizer(
    {
      name: 'uk-nino',
      type: TYPE,
      category: 'personal',
      why: 'A National Insurance number identifies a resident to HMRC and DWP and is used in identity fraud.',
      patterns: NINO_PATTERNS,
      // Tried only where a number can start (ninoStarts): no pattern searches the whole text.
      anchor: { starts: ninoStarts, reach: 0 },
      // Prefix rules only narrow the shape; they are not a checksum, so a pass leaves the score alone.
      validate: (value) => (ninoPrefixAllowed(value) ? undefined : false),
    },
    settings,
  );
}
