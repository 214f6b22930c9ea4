// Passport numbers: nine digits (UK), a letter and eight digits (several European passports), or
// two letters and seven digits (Irish passports among others, which many residents hold). On their
// own these are just short codes, so a match counts only with a passport word near it (listed in
// the rule file).
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';

const TYPE = 'passport-number';

export function createPassportNumber(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  return patternRecognizer(
    {
      name: 'passport-number',
      type: TYPE,
      category: 'personal',
      why: 'A passport number is a key identity detail: it is used to prove who someone is, and to pretend to be them.',
      patterns: [
        {
          // No check digit to confirm it: a middling score that a passport word raises above the
          // hold threshold, and without which the match is dropped anyway.
          name: 'passport-number',
          regex: /(?<![\p{L}\p{N}])(?:\d{9}|[A-Z]\d{8}|[A-Z]{2}\d{7})(?![\p{L}\p{N}])/giu,
          score: 0.4,
        },
      ],
      contextRequired: true,
    },
    settings,
    context?.wordStarts,
  );
}
