// Government security classifications used as a marking: OFFICIAL-SENSITIVE (with or without a
// descriptor such as PERSONAL or COMMERCIAL), SECRET, TOP SECRET, and the pre-2014 RESTRICTED,
// PROTECT and CONFIDENTIAL. Plain OFFICIAL covers almost all council business and is never counted.
//
// OFFICIAL-SENSITIVE has no everyday meaning, so it is found anywhere when written with a dash or
// underscore or with capitals ("Official Sensitive"); only "official sensitive" in lower case
// could be prose ("an official sensitive to residents' concerns"). The other words are ordinary
// English and are found only where a marking goes (see marking/scores.ts). Guidance explains these
// names all the time, so a name in running text, in quotation marks, in a list of names, or
// starting a sentence or heading in the middle of a text is a mention (see marking/usage.ts).
import * as z from 'zod';
import { everyWordCapitalised, isMarkingPlace, type Place } from '../marking/place.ts';
import { MARKING_OPTION_FIELDS } from '../marking/options.ts';
import { markingRecognizer } from '../marking/recognizer.ts';
import { SCORES, positionalScore } from '../marking/scores.ts';
import { DASH_GAP, WORD_END, phraseAlternation, phraseSources } from '../phrases.ts';
import { readOptions } from '../recognizer-options.ts';
import type { Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';
import { WordStartRegex } from '../word-start.ts';

const TYPE = 'security-classification';

const OptionsSchema = z.strictObject({
  /** Classifications with no everyday meaning; spaces, dashes and underscores between words are interchangeable. */
  distinctive: z.array(z.string().min(1)).default([]),
  /** Classifications that are ordinary words too: counted only as a heading, banner or tag. */
  ordinaryWords: z.array(z.string().min(1)).default([]),
  /** Words that may follow a classification as part of it: "OFFICIAL-SENSITIVE: PERSONAL". */
  descriptors: z.array(z.string().min(1)).default([]),
  /** Everyday phrases that begin with a classification word: "secret santa", "confidential waste". */
  notMarkings: z.array(z.string().min(1)).default([]),
  /** Classification names that are never a marking alone but, beside the others, make a list of names ("- Official"). */
  otherNames: z.array(z.string().min(1)).default([]),
  ...MARKING_OPTION_FIELDS,
});

const DASH = /[_\-\u2010-\u2015\u2212]/u;
const DESCRIPTOR_GAP = '[ \\t]{0,3}[:\\-\\u2010-\\u2015\\u2212|/]?[ \\t]{0,3}';

function distinctiveScore(term: string, described: boolean, place: Place): number | undefined {
  if (DASH.test(term) || everyWordCapitalised(term) || described) {
    return isMarkingPlace(place) ? SCORES.banner : SCORES.prose;
  }
  // Lower case with a space: only a line of its own or a tag.
  return (place.leading && place.trailing) || place.bracketed ? SCORES.banner : undefined;
}

export function createSecurityClassification(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  const classification = new RegExp(
    `(?:(?<distinctive>${phraseAlternation(options.distinctive, DASH_GAP)})|(?<ordinary>${phraseAlternation(options.ordinaryWords, DASH_GAP)}))` +
      `(?:${DESCRIPTOR_GAP}(?<descriptor>${phraseAlternation(options.descriptors)}))?${WORD_END}`,
    'giu',
  );
  const regex = new WordStartRegex(classification);
  return markingRecognizer(
    {
      name: TYPE,
      type: TYPE,
      why: 'A security classification means the document’s owner has limited who may see it, so it must not leave the council without their agreement.',
      patterns: [
        {
          name: 'classification',
          regex,
          // Every match opens with a classification word.
          alternatives: [...phraseSources(options.distinctive, DASH_GAP), ...phraseSources(options.ordinaryWords, DASH_GAP)],
          usage: { levelName: true },
          judge: (m, place) => {
            const { distinctive, ordinary, descriptor } = m.groups ?? {};
            if (distinctive !== undefined) return distinctiveScore(distinctive, descriptor !== undefined, place);
            return ordinary !== undefined ? positionalScore(ordinary, place) : undefined;
          },
        },
      ],
      notMarkings: options.notMarkings,
      disclaimerCues: options.disclaimerCues,
      usage: options,
      listNames: [...options.distinctive, ...options.ordinaryWords, ...options.otherNames],
    },
    settings,
    context?.wordStarts,
  );
}
