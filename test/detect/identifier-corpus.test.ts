// Runs Presidio's identifier test cases (extracted to JSON under ../shared/fixtures/identifiers/)
// through this project's recognizers. Where the project deliberately decides otherwise, the case
// is listed in DIFFERENCES with the reason, and the project's behaviour is what is asserted.
// Recognizers that require a context word are also run with one put in front of each case, which
// tests their checks against the corpus too.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDateOfBirth } from '../../lib/detect/recognizers/date-of-birth.ts';
import { createDrivingLicence } from '../../lib/detect/recognizers/driving-licence.ts';
import { createIban } from '../../lib/detect/recognizers/iban.ts';
import { createNhsNumber } from '../../lib/detect/recognizers/nhs-number.ts';
import { createPassportNumber } from '../../lib/detect/recognizers/passport-number.ts';
import { createPaymentCard } from '../../lib/detect/recognizers/payment-card.ts';
import { createUkNino } from '../../lib/detect/recognizers/uk-nino.ts';
import type { RecognizerFactory } from '../../lib/detect/types.ts';
import { shippedSettings } from '../helpers/recognizer-settings.ts';

type Span = [number, number];

const IDENTIFIERS = new URL('identifiers/', new URL('../../../shared/fixtures/', import.meta.url));
const present = existsSync(IDENTIFIERS);

interface Corpus {
  file: string;
  type: string;
  create: RecognizerFactory;
  /** Put in front of each case for a second run, for recognizers that require a context word. */
  contextPrefix?: string;
}

const CORPORA: Corpus[] = [
  { file: 'test_uk_nino_recognizer', type: 'uk-nino', create: createUkNino },
  { file: 'test_uk_nhs_recognizer', type: 'nhs-number', create: createNhsNumber, contextPrefix: 'NHS number: ' },
  { file: 'test_uk_passport_recognizer', type: 'passport-number', create: createPassportNumber, contextPrefix: 'Passport number: ' },
  { file: 'test_uk_driving_licence_recognizer', type: 'driving-licence', create: createDrivingLicence },
  { file: 'test_iban_recognizer', type: 'iban', create: createIban },
  { file: 'test_credit_card_recognizer', type: 'payment-card', create: createPaymentCard },
  { file: 'test_date_recognizer', type: 'date-of-birth', create: (settings) => createDateOfBirth(settings), contextPrefix: 'Date of birth: ' },
];

const NINO_SPAN = "the finding starts at the number's first letter, not at the space before it";
const NHS_CONTEXT = 'an NHS number counts only with a health word near it: one random ten-digit number in eleven passes the check';
const PASSPORT_CONTEXT = 'a passport number counts only with a passport word near it';
const PASSPORT_SHAPES = 'nine digits (UK) and a letter with eight digits are passport numbers here, as well as two letters and seven digits';
const UATP = 'UATP airline accounts (prefix 1) are not matched: residents rarely hold one, and 15-digit numbers starting with 1 are often references';
const IBAN_CASE = 'an IBAN typed partly in lower case is still the account, and its check digits confirm it';
const DOB_CONTEXT = 'a date counts only as a date of birth, with a birth phrase near it';
const DOB_PARTIAL = 'a month and year, or a day and month, does not single anyone out: only full dates are matched';
const DOB_TIMESTAMP = 'the finding is the date of birth, not the time of day that follows it in a timestamp';

interface Difference {
  type: string;
  text: string;
  /** Whether this is the run with the context prefix in front. */
  withContext: boolean;
  /** What this project finds, as offsets into the case text (without any prefix). */
  ours: Span[];
  reason: string;
}

const DIFFERENCES: Difference[] = [
  { type: 'uk-nino', text: 'Here is my National Insurance Number YZ 61 48 68 B', withContext: false, ours: [[37, 50]], reason: NINO_SPAN },

  { type: 'nhs-number', text: '401-023-2137', withContext: false, ours: [], reason: NHS_CONTEXT },
  { type: 'nhs-number', text: '221 395 1837', withContext: false, ours: [], reason: NHS_CONTEXT },
  { type: 'nhs-number', text: '0032698674', withContext: false, ours: [], reason: NHS_CONTEXT },

  { type: 'passport-number', text: 'AB1234567', withContext: false, ours: [], reason: PASSPORT_CONTEXT },
  { type: 'passport-number', text: 'XY9876543', withContext: false, ours: [], reason: PASSPORT_CONTEXT },
  { type: 'passport-number', text: 'ab1234567', withContext: false, ours: [], reason: PASSPORT_CONTEXT },
  { type: 'passport-number', text: 'A12345678', withContext: true, ours: [[0, 9]], reason: PASSPORT_SHAPES },
  { type: 'passport-number', text: '123456789', withContext: true, ours: [[0, 9]], reason: PASSPORT_SHAPES },

  { type: 'payment-card', text: '122000000000003', withContext: false, ours: [], reason: UATP },
  { type: 'payment-card', text: 'my credit card: 122000000000003', withContext: false, ours: [], reason: UATP },

  { type: 'iban', text: 'LV80 bANK 0000 4351 9500 1', withContext: false, ours: [[0, 26]], reason: IBAN_CASE },

  { type: 'date-of-birth', text: 'Today is 5-20-2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 5/20/2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 2021-05-21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 21.5.2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 21.5.21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 5-MAY-2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 5-May-2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 05/21/21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 5/21/21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 21/05/21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 21/5/21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is May-21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 21-May', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 05-May', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is May-2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 05/21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 5/21', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 5/2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 05/2021', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 2024-06-05T09:15:30.500-07:00 or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is,2024-03-15T14:30:00.123456Z or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is\r2024-12-31T23:59:59+00:00 or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is\n2024-03-15T14:30:00+02:00 or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30:00-05:00 or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30:00.123Z, or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30:00Z\r or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30Z\n or not?', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: '2024-03-15T14:30Z', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: "Today is,5/21,and it's sunny", withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: '5-20-2021 is today.', withContext: false, ours: [], reason: DOB_CONTEXT },
  { type: 'date-of-birth', text: '5-20-2021', withContext: false, ours: [], reason: DOB_CONTEXT },

  { type: 'date-of-birth', text: 'Today is May-21', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 21-May', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 05-May', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is May-2021', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 05/21', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 5/21', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 5/2021', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 05/2021', withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: "Today is,5/21,and it's sunny", withContext: true, ours: [], reason: DOB_PARTIAL },
  { type: 'date-of-birth', text: 'Today is 2024-06-05T09:15:30.500-07:00 or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is,2024-03-15T14:30:00.123456Z or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is\r2024-12-31T23:59:59+00:00 or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is\n2024-03-15T14:30:00+02:00 or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30:00-05:00 or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30:00.123Z, or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30:00Z\r or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: 'Today is 2024-03-15T14:30Z\n or not?', withContext: true, ours: [[9, 19]], reason: DOB_TIMESTAMP },
  { type: 'date-of-birth', text: '2024-03-15T14:30Z', withContext: true, ours: [[0, 10]], reason: DOB_TIMESTAMP },
];

interface CorpusCase {
  text: string;
  /** Presidio's expected spans. */
  expected: Span[];
}

/** Spans as the extracted cases write them: "((0, 16), (17, 36))"; absent means none expected. */
function parseSpans(written: unknown): Span[] {
  return [...String(written ?? '()').matchAll(/\((\d+), (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function loadCases(file: string): CorpusCase[] {
  if (!present) return [];
  const raw = JSON.parse(readFileSync(new URL(`${file}.cases.json`, IDENTIFIERS), 'utf8')) as Array<Record<string, unknown>>;
  return raw.map((c) => ({
    // IBAN cases name their text `iban`; the others `text`.
    text: String(c['text'] ?? c['iban']),
    expected: parseSpans(c['expected_positions'] ?? c['expected_res']),
  }));
}

function differenceFor(type: string, text: string, withContext: boolean): Difference | undefined {
  return DIFFERENCES.find((d) => d.type === type && d.text === text && d.withContext === withContext);
}

const title = present
  ? 'identifier corpus (Presidio cases)'
  : 'identifier corpus: skipped, ../shared/fixtures/identifiers/ is not beside this checkout';

describe.skipIf(!present)(title, () => {
  const loaded = CORPORA.map((corpus) => ({ ...corpus, cases: loadCases(corpus.file) }));

  describe.each(loaded)('$type ($file)', ({ type, create, cases, contextPrefix }) => {
    const recognizer = create(shippedSettings(type));
    const runs = contextPrefix === undefined ? [''] : ['', contextPrefix];

    it('has cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    for (const prefix of runs) {
      const withContext = prefix !== '';
      it.each(cases)(`${withContext ? `after ${JSON.stringify(prefix)}: ` : ''}%j`, ({ text, expected }) => {
        const wanted = differenceFor(type, text, withContext)?.ours ?? expected;
        const input = prefix + text;
        const found = recognizer.find(input).map((m): Span => [m.start - prefix.length, m.end - prefix.length]);
        expect(found).toEqual(wanted);
      });
    }
  });

  // Keeps the table honest: each listed difference is a real case on which the two really differ.
  it.each(DIFFERENCES)('$type differs on $text (with context: $withContext): $reason', ({ type, text, withContext, ours }) => {
    const corpus = loaded.find((c) => c.type === type);
    const corpusCase = corpus?.cases.find((c) => c.text === text);
    expect(corpusCase, 'case not in the corpus').toBeDefined();
    if (withContext) expect(corpus?.contextPrefix).toBeDefined();
    expect(ours).not.toEqual(corpusCase?.expected);
  });
});
