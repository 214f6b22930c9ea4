// GB driving licence numbers (DVLA), 16 characters: the first five letters of the surname padded
// with 9s ("MORGA", "FO999"), six digits encoding the date of birth (decade, month with 50 added
// for women, day, year), two initials (the second may be 9), an arbitrary digit (usually 9) and
// two check characters: "MORGA657054SM9IJ".
// The shape and a plausible encoded date are specific enough to hold without a context word;
// there is no published check digit, so the score stays below 1.
import { isCalendarDate } from '../checksums.ts';
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'driving-licence';

// Surname: a letter, then letters until padding starts, then only 9s.
const SURNAME = '[A-Z](?:[A-Z]{4}|[A-Z]{3}9|[A-Z]{2}99|[A-Z]999|9999)';

/** Whether the six date digits (positions 6–11) encode a day that exists, in either century. */
export function licenceDateValid(value: string): boolean {
  const digits = value.slice(5, 11);
  if (!/^\d{6}$/.test(digits)) return false;
  const yearInCentury = Number(digits[0]) * 10 + Number(digits[5]);
  let month = Number(digits.slice(1, 3));
  if (month > 50) month -= 50;
  const day = Number(digits.slice(3, 5));
  // The century is not encoded: accept the date if it exists in the 1900s or the 2000s
  // (29 February differs between 1900 and 2000).
  return isCalendarDate(1900 + yearInCentury, month, day) || isCalendarDate(2000 + yearInCentury, month, day);
}

export function createDrivingLicence(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  return patternRecognizer(
    {
      name: 'driving-licence',
      type: TYPE,
      category: 'personal',
      why: "A driving licence number encodes the holder's name and date of birth and is used to prove identity.",
      patterns: [
        {
          name: 'dvla',
          regex: new RegExp(`(?<![\\p{L}\\p{N}])${SURNAME}\\d{6}[A-Z][A-Z9]\\d[A-Z0-9]{2}(?![\\p{L}\\p{N}])`, 'giu'),
          score: 0.75,
        },
      ],
      // Every licence number has its six date digits between the five surname characters (letters
      // or 9s after a letter) and a letter; "ſ" and "K" match S and K under the i flag. Six digits
      // alone are common in prose (order numbers, phone numbers), a surname and a letter around
      // them are not. The letter after is tested first: it fails at once inside a run of digits.
      anchor: { regex: /\d{6}(?=[A-Za-z\u017F\u212A])(?<=[A-Za-z\u017F\u212A][A-Za-z\u017F\u212A9]{4}\d{6})/g, reach: 16 },
      // A plausible date narrows the shape but proves nothing: pass leaves the score, fail drops.
      validate: (value) => (licenceDateValid(value) ? undefined : false),
    },
    settings,
  );
}
