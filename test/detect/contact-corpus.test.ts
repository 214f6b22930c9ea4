// Runs Presidio's email, phone and UK postcode test cases (extracted to JSON under
// ../shared/fixtures/identifiers/) through this project's contact recognizers. Where the project
// deliberately decides otherwise, the case is listed in DIFFERENCES with the reason, and the
// project's behaviour is what is asserted. Spans only: Presidio's scores are its own (a postcode
// scores 0.1 there and 0.3 here, see postal-address.ts).
import { describe, expect, it } from 'vitest';
import { createEmailAddress } from '../../lib/detect/recognizers/email-address.ts';
import { createPhoneNumber } from '../../lib/detect/recognizers/phone-number.ts';
import { createPostalAddress } from '../../lib/detect/recognizers/postal-address.ts';
import type { RecognizerFactory } from '../../lib/detect/types.ts';
import { identifiersPresent, loadPresidioCases, type Span } from '../helpers/presidio-cases.ts';
import { shippedSettings } from '../helpers/recognizer-settings.ts';

interface Corpus {
  file: string;
  type: string;
  create: RecognizerFactory;
}

const CORPORA: Corpus[] = [
  { file: 'test_email_recognizer', type: 'email-address', create: createEmailAddress },
  // Presidio's Japanese case (090-1234-5678) agrees only because it is also a possible UK 09 number.
  { file: 'test_phone_recognizer', type: 'phone-number', create: createPhoneNumber },
  { file: 'test_uk_postcode_recognizer', type: 'postal-address', create: createPostalAddress },
];

const US_NATIONAL =
  "the default country is GB: a number written in another country's national format, like the US (415) 555-0132, is not found; written with +1 it is";
const OTHER_NATIONAL = 'only UK numbers are read in national format; other countries need their + or 00 prefix';
const NO_PLUS = "'91-415-555-0132' has no + or 00, so it is not read as an Indian number";
const ANY_GROUPING = 'any grouping of a number counts (Presidio drops this one at its strictest grouping leniency)';

interface Difference {
  type: string;
  text: string;
  /** The phone cases' leniency, where the case sets one: the same text appears with several. */
  leniency?: number;
  /** What this project finds. */
  ours: Span[];
  reason: string;
}

const INTRO = 'My US number is (415) 555-0132, and my international one is';

const DIFFERENCES: Difference[] = [
  { type: 'phone-number', text: `${INTRO} +1 415 555 0132`, ours: [[60, 75]], reason: US_NATIONAL },
  { type: 'phone-number', text: 'My Israeli number is 09-7625400', ours: [], reason: OTHER_NATIONAL },
  { type: 'phone-number', text: '_: (415)555-0132', ours: [], reason: US_NATIONAL },
  { type: 'phone-number', text: 'United States: (415)555-0132', ours: [], reason: US_NATIONAL },
  { type: 'phone-number', text: 'US: 415-555-0132', ours: [], reason: US_NATIONAL },
  { type: 'phone-number', text: 'My CN number is 13812345678', ours: [], reason: OTHER_NATIONAL },
  { type: 'phone-number', text: `${INTRO}415-555-0132`, leniency: 1, ours: [], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO}415-555-0132`, leniency: 0, ours: [], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} 91-415-555-0132`, leniency: 2, ours: [], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} 91-415-555-0132`, leniency: 1, ours: [], reason: `${US_NATIONAL}; ${NO_PLUS}` },
  { type: 'phone-number', text: `${INTRO} +91 4155 550132`, leniency: 3, ours: [[60, 75]], reason: `${US_NATIONAL}; ${ANY_GROUPING}` },
  { type: 'phone-number', text: `${INTRO} +91 4155 550132`, leniency: 2, ours: [[60, 75]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +91 4155550132`, leniency: 3, ours: [[60, 74]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +44 (20) 7123 4567`, ours: [[60, 78]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +91 4155550132`, ours: [[60, 74]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +55 11 98456 5666`, ours: [[60, 77]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +49 30 1234567`, ours: [[60, 74]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +39 06 678 4343`, ours: [[60, 75]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +30 21 0 1234567`, ours: [[60, 76]], reason: US_NATIONAL },
  { type: 'phone-number', text: `${INTRO} +33 1 42 68 53 00`, ours: [[60, 77]], reason: US_NATIONAL },
];

function differenceFor(type: string, text: string, leniency: number | undefined): Difference | undefined {
  return DIFFERENCES.find((d) => d.type === type && d.text === text && d.leniency === leniency);
}

const title = identifiersPresent
  ? 'contact corpus (Presidio email, phone and UK postcode cases)'
  : 'contact corpus: skipped, ../shared/fixtures/identifiers/ is not beside this checkout';

describe.skipIf(!identifiersPresent)(title, () => {
  const loaded = CORPORA.map((corpus) => ({ ...corpus, cases: loadPresidioCases(corpus.file) }));

  describe.each(loaded)('$type ($file)', ({ type, create, cases }) => {
    const recognizer = create(shippedSettings(type));

    it('has cases', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    it.each(cases)('%j', ({ text, expected, leniency }) => {
      const wanted = differenceFor(type, text, leniency)?.ours ?? expected;
      expect(recognizer.find(text).map((m): Span => [m.start, m.end])).toEqual(wanted);
    });
  });

  // Keeps the table honest: each listed difference is a real case on which the two really differ.
  it.each(DIFFERENCES)('$type differs on $text (leniency $leniency): $reason', ({ type, text, leniency, ours }) => {
    const corpusCase = loaded.find((c) => c.type === type)?.cases.find((c) => c.text === text && c.leniency === leniency);
    expect(corpusCase, 'case not in the corpus').toBeDefined();
    expect(ours).not.toEqual(corpusCase?.expected);
  });
});
