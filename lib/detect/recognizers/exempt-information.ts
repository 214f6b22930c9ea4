// Exempt committee information (Local Government Act 1972, section 100A and Schedule 12A): "not for
// publication", "exempt information", citations of Schedule 12A ("exempt by virtue of paragraph
// 3"), the agenda headings that introduce the private part of a meeting ("Part 2 – Exempt", "PART
// B ITEMS") and a bracketed tag at the start of a subject or line ("[PART B] Community centre
// bid"), and the words of the procedure that excludes the press and public. "Part 2" elsewhere
// ("Part 2 of the report") is not a heading.
//
// Councils publish a great deal about exempt information: constitutions list the Schedule 12A
// categories, agendas carry an "Exclusion of the press and public" item, minutes record the
// resolution. What holds a message is a restriction notice applied to a document: a banner or
// heading ("NOT FOR PUBLICATION by virtue of paragraph 3 …", "Exempt information – Paragraph 3"),
// or a sentence about this document ("This report is not for publication because …", "Appendix 2
// is exempt by virtue of paragraph 3"). The procedure's words are a use only in such a sentence
// (see marking/usage.ts).
import * as z from 'zod';
import { MARKING_OPTION_FIELDS } from '../marking/options.ts';
import { isUpperCase, type Place } from '../marking/place.ts';
import { markingRecognizer } from '../marking/recognizer.ts';
import { SCORES, anywhereScore } from '../marking/scores.ts';
import { DASH_GAP, WORD_END, phraseAlternation, phrasePattern } from '../phrases.ts';
import { readOptions } from '../recognizer-options.ts';
import type { Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';
import { WordStartRegex } from '../word-start.ts';

const TYPE = 'exempt-information';

const OptionsSchema = z.strictObject({
  /** Restriction notices, found wherever they appear; applied or talked about is judged from their place. */
  phrases: z.array(z.string().min(1)).default([]),
  /** Words of the procedure excluding the press and public: applied only in a sentence about this document. */
  procedurePhrases: z.array(z.string().min(1)).default([]),
  /** Words that, after "Part 2" or "Part B" at the start of a line, make it an agenda heading. */
  agendaHeadingWords: z.array(z.string().min(1)).default([]),
  ...MARKING_OPTION_FIELDS,
});

/** A paragraph number: "paragraph 3", "para. 1", "paragraphs 1 and 3", and "paragraph 3of" as typed in a hurry. */
const PARAGRAPH = '(?:paragraphs?|paras?\\.?)\\s{0,3}\\d{1,2}';

/**
 * "Schedule 12A", "Sch. 12A", optionally with the paragraph before it ("para 1, Schedule 12A",
 * "Paragraph 3 of Part 1 of Schedule 12A") and the Act after it. Every repetition is bounded and
 * no repeated group contains another, so each attempt is short.
 */
const SCHEDULE_12A = new WordStartRegex(new RegExp(
  `(?:${PARAGRAPH}[ \\t,]{0,3}(?:of\\s{1,3}part\\s{1,3}(?:1|i|one)[ \\t,]{0,3})?(?:of|to|in)?\\s{0,3})?` +
    `(?:schedule|sched|sch)\\.?\\s{0,3}12\\s{0,2}a${WORD_END}` +
    `(?:[ \\t,]{0,3}(?:to|of)\\s{1,3}the\\s{1,3}local\\s{1,3}government\\s{1,3}act(?:\\s{1,3}1972)?)?`,
  'giu',
));

/** The words every SCHEDULE_12A match opens with: a paragraph's or the schedule's (see word-start-pool.ts). */
const SCHEDULE_12A_OPENINGS = ['para', 'sch'];

/** "exempt by virtue of paragraph 3", "exempt from publication under paragraph 1": a citation without the schedule. */
const EXEMPT_BY_PARAGRAPH = new WordStartRegex(new RegExp(
  `exempt\\s{1,3}(?:from\\s{1,3}(?:general\\s{1,3})?publication\\s{1,3})?(?:by\\s{1,3}virtue\\s{1,3}of|under)\\s{1,3}${PARAGRAPH}${WORD_END}`,
  'giu',
));

/** The word every EXEMPT_BY_PARAGRAPH match opens with. */
const EXEMPT_BY_PARAGRAPH_OPENINGS = ['exempt'];

const PART_TWO = `part\\s{1,3}(?:2|ii|two|b)${WORD_END}`;
/** The word every agenda heading opens with (PART_TWO's). */
const PART_TWO_OPENINGS = ['part'];
const HEADING_GAP = '[ \\t]{0,3}[:\\-\\u2010-\\u2015\\u2212|(.]?[ \\t]{0,3}';

function agendaHeadingScore(m: RegExpExecArray, place: Place): number | undefined {
  if (!place.leading) return undefined;
  // "[PART B] Community centre bid": a tag at the start of a subject or line marks what follows.
  if (m.groups?.['heading'] !== undefined || place.bracketed) return SCORES.banner;
  // "PART 2" alone on its line, in capitals, is the heading itself.
  return place.trailing && isUpperCase(m[0]) ? SCORES.heading : undefined;
}

export function createExemptInformation(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  const agendaHeading = new WordStartRegex(
    new RegExp(`${PART_TWO}(?:${HEADING_GAP}(?<heading>${phraseAlternation(options.agendaHeadingWords)})${WORD_END})?`, 'giu'),
  );
  return markingRecognizer(
    {
      name: TYPE,
      type: TYPE,
      why: 'Exempt committee information is withheld from the public by law (Schedule 12A to the Local Government Act 1972), so sharing it outside the council can breach the Act and the councillors’ code of conduct.',
      patterns: [
        { name: 'exempt-phrase', ...phrasePattern(options.phrases, DASH_GAP), judge: (_m, place) => anywhereScore(place) },
        { name: 'schedule-12a', regex: SCHEDULE_12A, alternatives: SCHEDULE_12A_OPENINGS, judge: (_m, place) => anywhereScore(place) },
        { name: 'exempt-paragraph', regex: EXEMPT_BY_PARAGRAPH, alternatives: EXEMPT_BY_PARAGRAPH_OPENINGS, judge: (_m, place) => anywhereScore(place) },
        {
          name: 'exclusion-procedure',
          ...phrasePattern(options.procedurePhrases, DASH_GAP),
          judge: (_m, place) => anywhereScore(place),
          usage: { procedure: true },
        },
        { name: 'part-2-heading', regex: agendaHeading, alternatives: PART_TWO_OPENINGS, judge: agendaHeadingScore, usage: { agendaHeading: true } },
      ],
      notMarkings: [],
      disclaimerCues: options.disclaimerCues,
      usage: options,
    },
    settings,
    context?.wordStarts,
  );
}
