// NHS number (England, Wales and the Isle of Man): ten digits, usually written 3-3-4
// ("401 023 2137", "401-023-2137", "4010232137", and any other grouping and separators a reader
// still reads as one number), the last a modulus 11 check digit.
// One random ten-digit number in eleven passes the check, so phone numbers, account numbers and
// references would often qualify: a match counts only with a health word near it (NHS, patient,
// GP, hospital …, listed in the rule file).
import { allSameCharacter, nhsCheckDigitValid } from '../checksums.ts';
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import { NOT_AFTER_GROUPS, NOT_BEFORE_GROUPS, spreadDigits } from '../separators.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'nhs-number';

const NHS_NUMBER = /(?<![\p{L}\p{N}])(?<!\p{N}[ -])\d{3}([ -]?)\d{3}\1\d{4}(?![\p{L}\p{N}])(?![ -]\p{N})/gu;

/**
 * Ten digits in groups of any shape, apart by any separators ("401.023.2137", "4010 232 137",
 * "401 023\n> 2137"), standing alone: not part of a longer run of digit groups.
 */
const SPREAD_NHS_NUMBER = new RegExp(`${NOT_AFTER_GROUPS}${spreadDigits(10)}${NOT_BEFORE_GROUPS}`, 'gu');
/** A date and the hour after it ("12/03/2024 10:30") are ten digits too: never an NHS number. */
const DATE = /\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}(?!\d)/;

export function nhsNumberValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return !allSameCharacter(digits) && !DATE.test(value) && nhsCheckDigitValid(digits);
}

export function createNhsNumber(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  return patternRecognizer(
    {
      name: 'nhs-number',
      type: TYPE,
      category: 'personal',
      why: "An NHS number identifies a patient's health records and links details of their care to them.",
      patterns: [
        {
          // Either no separators or the same one (space or dash) between all three groups, and not
          // part of a longer run of digit groups (a phone number, a table row). The score hardly
          // matters: the check digit decides (valid → 1.0) and a context word is required.
          name: 'nhs-number',
          regex: NHS_NUMBER,
          score: 0.5,
        },
        { name: 'nhs-number-spread', regex: SPREAD_NHS_NUMBER, score: 0.5 },
      ],
      validate: nhsNumberValid,
      contextRequired: true,
      // Health words are everywhere in council mail ("ward", "surgery"); numbers of this shape are
      // not. Finding the numbers first, the health words are looked for only around them.
      // Every match holds ten digits with separator runs between (digit-clusters.ts).
      anchor: { digits: 10, reach: 0 },
    },
    settings,
  );
}
