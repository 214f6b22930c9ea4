// International Bank Account Numbers: country code, two check digits, then the national account
// number (BBAN), written solid or in groups of four separated by spaces or dashes
// ("GB82 WEST 1234 5698 7654 32"). The mod-97 check decides: a valid number scores 1.0 and holds
// without a context word, since one random string in 97 passes and the length must also fit.
//
// Each country's IBAN has a fixed length, so the patterns are built per country: a grouped IBAN
// followed by other text ("… 8901 X") then ends exactly where that country's IBAN ends.
import { ibanChecksumValid } from '../checksums.ts';
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import type { PatternSpec } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'iban';

/** IBAN length by country, from the SWIFT IBAN registry (territories use their parent's code). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

const CHAR = '[A-Z0-9]';
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

/** The account part of a country's IBAN after the check digits, in groups of four joined by sep. */
function bban(length: number, sep: string): string {
  const n = length - 4;
  const full = Math.floor(n / 4);
  const rest = n % 4;
  return `(?:${sep}${CHAR}{4}){${full}}${rest ? `${sep}${CHAR}{${rest}}` : ''}`;
}

/** One alternative per country; each starts with its own two letters, so at most one can proceed. */
function perCountry(sep: string): RegExp {
  const branches = Object.entries(IBAN_LENGTHS).map(([country, length]) => `${country}\\d{2}${bban(length, sep)}`);
  return new RegExp(`${START}(?:${branches.join('|')})${END}`, 'giu');
}

export function ibanValid(value: string): boolean {
  const compact = value.replace(/[ -]/g, '').toUpperCase();
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  return ibanChecksumValid(compact);
}

export function createIban(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  // Base scores are replaced by the check: valid → 1.0, invalid → dropped.
  const patterns: PatternSpec[] = [
    { name: 'solid', regex: perCountry(''), score: 0.5 },
    { name: 'spaced', regex: perCountry(' '), score: 0.5 },
    { name: 'dashed', regex: perCountry('-'), score: 0.5 },
    // A country that joins the registry after this list was written: solid form, mod-97 only.
    { name: 'other-country', regex: new RegExp(`${START}[A-Z]{2}\\d{2}${CHAR}{11,30}${END}`, 'giu'), score: 0.5 },
  ];
  return patternRecognizer(
    {
      name: 'iban',
      type: TYPE,
      category: 'personal',
      why: "An IBAN identifies a person's bank account and can be used to take or redirect payments.",
      patterns,
      validate: ibanValid,
      // Every IBAN opens with two letters and two digits, which the engine finds quickly (by the
      // digits), where the full patterns try every word. Under the i flag "ſ" and "K" (the Kelvin
      // sign) match S and K, so they count as letters here. The longest IBAN, written in groups,
      // is 42 characters, all after the anchor's start.
      anchor: { regex: /[A-Za-z\u017F\u212A]{2}\d{2}/g, before: 0, reach: 48 },
    },
    settings,
  );
}
