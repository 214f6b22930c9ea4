// Casework references in the council's own formats, defined by the administrator in the rules:
//
//   options:
//     formats:         # casework references
//       - name: councillor-casework        # lower-case words joined by dashes; named in findings
//         pattern: 'CW-\d{4}-\d{5}'         # one whole word; checked by safe-regex.ts
//         description: …                    # optional, for administrators
//         ignoreCase: false                 # optional; true also matches "cw-2024-00123"
//       - name: council-tax-account
//         after: ['council tax account']    # optional: counts only right after one of these
//         pattern: '\d{8,10}'
//     introducers: ['our ref', …]          # the reference-shaped word after these is casework
//     notCasework:     # public references, same shape as formats; never casework, even after "our ref"
//       - name: planning-application
//         pattern: '\d{2}/\d{5}/[A-Z]{2,6}'
//
// A pattern describes one whole word: it is tested against each word of the text from its first
// character to its last, so part of a longer word never matches. Every candidate must contain a
// digit: a word with none is never a reference ("HB claim PENDING", "our ref is attached").
import { z } from 'zod';
import { contextScorer } from '../context-score.ts';
import { dropOverlaps } from '../pattern-recognizer.ts';
import { PhraseLists } from '../phrases.ts';
import { readOptions, repeatedNames } from '../recognizer-options.ts';
import { fileStem, referenceTokens, tokenAfter, type Token } from '../reference-tokens.ts';
import { unsafeRegexReason } from '../safe-regex.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'case-reference';
/** A pattern is tested against one word, so spacing in it could never match. */
const SPACING = /\s|\\s/u;

/** A pattern describes one word, and must not be able to stall scanning (safe-regex.ts). */
const PatternSchema = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    if (pattern === '') return; // min(1) says so
    const reason = SPACING.test(pattern) ? 'a format matches one word, so its pattern cannot contain spaces' : unsafeRegexReason(pattern);
    if (reason !== undefined) ctx.addIssue({ code: 'custom', message: `pattern refused: ${reason}` });
  });

const FormatSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'format names are lower-case words joined by dashes'),
  pattern: PatternSchema,
  after: z.array(z.string().min(1)).min(1).optional(),
  ignoreCase: z.boolean().default(false),
  description: z.string().optional(),
});

const OptionsSchema = z.strictObject({
  formats: z.array(FormatSchema).default([]),
  introducers: z.array(z.string().min(1)).default([]),
  notCasework: z.array(FormatSchema).default([]),
});

/** A name used twice in one list would make findings ambiguous about which format matched. */
const repeatedFormatNames = (raw: Record<string, unknown>) => [
  ...repeatedNames(raw.formats, ['formats']),
  ...repeatedNames(raw.notCasework, ['notCasework']),
];

type FormatOptions = z.infer<typeof FormatSchema>;

interface Format {
  name: string;
  /** Anchored at both ends: the whole token must match. */
  whole: RegExp;
  /** Phrases that must come right before the token, when the format has them. */
  after?: readonly string[];
}

/** Scores: an administrator's exact format is near-certain; any word after "our ref" a little less. */
const FORMAT_SCORE = 0.9;
const INTRODUCED_SCORE = 0.8;
const CONTEXT_BOOST = 0.05;
const DIGIT = /\p{N}/u;

/** The options schema has already refused unsafe patterns, so compiling cannot fail. */
function compileFormat(format: FormatOptions): Format {
  return {
    name: format.name,
    whole: new RegExp(`^(?:${format.pattern})$`, format.ignoreCase ? 'iu' : 'u'),
    ...(format.after ? { after: format.after } : {}),
  };
}

const hasAfter = (f: Format): f is Format & { after: readonly string[] } => f.after !== undefined;

/** Each token an introducing phrase points at, with the phrase. */
function* introduced(text: string, phrases: readonly RegExpExecArray[]): Generator<{ token: Token; phrase: string }> {
  for (const m of phrases) {
    const token = tokenAfter(text, m.index + m[0].length);
    if (token) yield { token, phrase: m[0].toLowerCase().replace(/\s+/g, ' ') };
  }
}

export function createCaseReference(settings: RecognizerSettings): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options, repeatedFormatNames);
  const formats = options.formats.map(compileFormat);
  const publicFormats = options.notCasework.map(compileFormat);
  const publicAfter = publicFormats.filter(hasAfter);
  const formatsAfter = formats.filter(hasAfter);
  // Every phrase list is searched in one pass: the public formats' phrases, the formats' phrases,
  // then the introducers, in that order.
  const phrases = new PhraseLists([...publicAfter.map((f) => f.after), ...formatsAfter.map((f) => f.after), options.introducers]);
  const scoreContext = contextScorer(settings, { boost: CONTEXT_BOOST });

  return {
    name: TYPE,
    type: TYPE,
    category: 'casework',
    why: 'A casework reference ties the message to a resident’s case file, so anyone who receives it can link what you wrote to that person.',
    find(text: string): Match[] {
      const hits = phrases.find(text);
      const publicHits = hits.slice(0, publicAfter.length);
      const formatHits = hits.slice(publicAfter.length, -1);
      const introducerHits = hits[hits.length - 1]!;
      // Public references introduced by their own words ("invoice no 4471"), by where they start.
      const publicStarts = new Set<number>();
      publicAfter.forEach((f, i) => {
        for (const { token } of introduced(text, publicHits[i]!)) if (f.whole.test(token.text)) publicStarts.add(token.start);
      });
      const isPublicWord = (t: Token): boolean => publicStarts.has(t.start) || publicFormats.some((f) => !f.after && f.whole.test(t.text));
      // "Our ref: 24/00873/FUL.pdf" names a public document: the reference is public with or without the extension.
      const isPublic = (t: Token): boolean => {
        if (isPublicWord(t)) return true;
        const stem = fileStem(text, t);
        return stem !== undefined && isPublicWord(stem);
      };

      const found: Match[] = [];
      const consider = (token: Token, baseScore: number, pattern: string, phrase?: string): void => {
        if (!DIGIT.test(token.text) || isPublic(token)) return;
        const scored = scoreContext(text, token.start, token.end, baseScore);
        if (!scored) return;
        const contextWord = scored.contextWord ?? phrase;
        found.push({
          start: token.start,
          end: token.end,
          score: scored.score,
          explanation: { pattern, baseScore, ...(contextWord ? { contextWord } : {}) },
        });
      };

      const standalone = formats.filter((f) => !f.after);
      if (standalone.length) {
        for (const token of referenceTokens(text)) {
          const format = standalone.find((f) => f.whole.test(token.text));
          if (format) consider(token, FORMAT_SCORE, format.name);
        }
      }
      formatsAfter.forEach((f, i) => {
        for (const { token, phrase } of introduced(text, formatHits[i]!)) {
          if (f.whole.test(token.text)) consider(token, FORMAT_SCORE, f.name, phrase);
        }
      });
      for (const { token, phrase } of introduced(text, introducerHits)) consider(token, INTRODUCED_SCORE, 'introduced-reference', phrase);
      return dropOverlaps(found);
    },
  };
}
