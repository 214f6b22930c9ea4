// Confidentiality and privilege notices: PRIVATE AND CONFIDENTIAL, LEGALLY PRIVILEGED, "subject to
// legal professional privilege", COMMERCIAL IN CONFIDENCE. Found wherever they appear except in an
// email disclaimer footer, which uses the same words on every message; they count when applied (a
// banner, heading or tag, or a sentence about this message: "the attached advice is legally
// privileged") and are a mention in running text or quotation marks ("the letter was marked
// ‘Strictly Private and Confidential’"). Plain "in confidence" is everyday English ("she told me
// in confidence"), so it is found only as a banner, heading or tag.
import * as z from 'zod';
import { MARKING_OPTION_FIELDS } from '../marking/options.ts';
import { markingRecognizer } from '../marking/recognizer.ts';
import { DASH_GAP, phrasePattern } from '../phrases.ts';
import { anywhereScore, positionalScore } from '../marking/scores.ts';
import { readOptions } from '../recognizer-options.ts';
import type { Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';

const TYPE = 'confidentiality-notice';

const OptionsSchema = z.strictObject({
  /** Notices found wherever they appear (outside disclaimer footers); applied or talked about is judged from their place. */
  phrases: z.array(z.string().min(1)).default([]),
  /** Notices that are everyday English too: counted only as a banner, heading or tag. */
  bannerOnly: z.array(z.string().min(1)).default([]),
  /** Everyday phrases that begin with a notice's words. */
  notMarkings: z.array(z.string().min(1)).default([]),
  ...MARKING_OPTION_FIELDS,
});

export function createConfidentialityNotice(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  return markingRecognizer(
    {
      name: TYPE,
      type: TYPE,
      why: 'Text marked confidential, in confidence or legally privileged was shared on the understanding it would go no further; sending it outside the council breaks that trust and can lose the council its legal privilege.',
      patterns: [
        { name: 'notice', ...phrasePattern(options.phrases, DASH_GAP), judge: (_m, place) => anywhereScore(place) },
        { name: 'banner', ...phrasePattern(options.bannerOnly, DASH_GAP), judge: (m, place) => positionalScore(m[0], place) },
      ],
      notMarkings: options.notMarkings,
      disclaimerCues: options.disclaimerCues,
      usage: options,
    },
    settings,
    context?.wordStarts,
  );
}
