// Payment card numbers: 13–19 digits, written solid or in groups (4-4-4-4, 4-6-5 for American
// Express, 4-4-4-4-3 for 19-digit cards) with spaces or dashes, or in any grouping with any short
// separator runs (dots, slashes, a line break; see separators.ts). A number counts only when its
// prefix and length belong to a card scheme and its Luhn check digit is right; together those are
// specific enough to hold without a context word.
import { luhnValid } from '../checksums.ts';
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import { GROUP_GAP, NOT_AFTER_GROUPS, NOT_BEFORE_GROUPS } from '../separators.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'payment-card';

interface Scheme {
  name: string;
  /** Inclusive ranges of leading digits, compared on as many digits as the bounds have. */
  prefixes: Array<[number, number]>;
  lengths: number[];
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Issuer identification ranges of the schemes a UK resident is likely to hold. UATP (airline
 * accounts, prefix 1) is left out on purpose: UK residents rarely hold one, and 15-digit numbers
 * starting with 1 are common references.
 */
const SCHEMES: Scheme[] = [
  { name: 'visa', prefixes: [[4, 4]], lengths: [13, 16, 19] },
  { name: 'mastercard', prefixes: [[51, 55], [2221, 2720]], lengths: [16] },
  { name: 'amex', prefixes: [[34, 34], [37, 37]], lengths: [15] },
  { name: 'diners', prefixes: [[300, 305], [36, 36], [38, 39]], lengths: range(14, 19) },
  { name: 'discover', prefixes: [[6011, 6011], [644, 649], [65, 65], [622126, 622925]], lengths: range(16, 19) },
  { name: 'jcb', prefixes: [[3528, 3589]], lengths: range(16, 19) },
  { name: 'unionpay', prefixes: [[62, 62], [81, 81]], lengths: range(16, 19) },
  // Maestro and national debit schemes (Dankort 5019 among them) share the 50 and 56–69 ranges.
  { name: 'maestro', prefixes: [[50, 50], [56, 69]], lengths: range(13, 19) },
];

/** The scheme a card number belongs to by prefix and length, if any. */
export function cardScheme(digits: string): string | undefined {
  for (const scheme of SCHEMES) {
    if (!scheme.lengths.includes(digits.length)) continue;
    const known = scheme.prefixes.some(([from, to]) => {
      const lead = Number(digits.slice(0, String(from).length));
      return lead >= from && lead <= to;
    });
    if (known) return scheme.name;
  }
  return undefined;
}

/**
 * A row of single digits with different separators between them is a table or a list of small
 * numbers, not a card written out: single-digit groups count only when spaced evenly
 * ("4 1 1 1 …") or when there is one of them (a 4-4-4-1 Visa).
 */
function plausibleGrouping(value: string): boolean {
  const groups = value.split(/\D+/);
  if (groups.filter((g) => g.length === 1).length <= 1) return true;
  return new Set(value.match(/\D+/g)).size <= 1;
}

export function paymentCardValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return cardScheme(digits) !== undefined && luhnValid(digits) && plausibleGrouping(value);
}

// Not inside a longer word or number. Other digits may follow or precede after a space (an expiry
// date, a security code, a list of cards), so only a directly adjacent letter or digit rules it out.
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';


export function createPaymentCard(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  // Scores are replaced by the check: a valid number scores 1.0, any other is dropped.
  return patternRecognizer(
    {
      name: 'payment-card',
      type: TYPE,
      category: 'personal',
      why: 'A payment card number can be used to take money from the cardholder; card details must never be sent by email or message.',
      patterns: [
        { name: 'solid', regex: new RegExp(`${START}\\d{13,19}${END}`, 'gu'), score: 0.5 },
        // 4-4-4-1 to 4-4-4-4: the same separator throughout.
        { name: 'groups-of-four', regex: new RegExp(`${START}\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,4}${END}`, 'gu'), score: 0.5 },
        // 17 to 19 digits: 4-4-4-4 and a short last group.
        { name: 'long-groups', regex: new RegExp(`${START}\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}\\1\\d{1,3}${END}`, 'gu'), score: 0.5 },
        // American Express 4-6-5 and Diners 4-6-4.
        { name: 'four-six-five', regex: new RegExp(`${START}\\d{4}([ -])\\d{6}\\1\\d{4,5}${END}`, 'gu'), score: 0.5 },
        // Any other grouping and separators ("4111.1111.1111.1111", "4111 1111\n> 1111 1111"),
        // standing alone: not part of a longer run of digit groups.
        { name: 'spread', regex: new RegExp(`${NOT_AFTER_GROUPS}\\d(?:${GROUP_GAP}\\d){12,18}${NOT_BEFORE_GROUPS}`, 'gu'), score: 0.5 },
      ],
      validate: paymentCardValid,
      // Every pattern's match is thirteen to nineteen digits with separators between (a subset of
      // the separator runs of digit-clusters.ts), from its first digit to its last: the patterns
      // search only the few clusters of digits that long.
      anchor: { digits: 13, reach: 0 },
    },
    settings,
  );
}
