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
import * as z from 'zod';
import { contextScorer } from '../context-score.ts';
import { dropOverlaps } from '../pattern-recognizer.ts';
import { PhraseLists } from '../phrases.ts';
import { readOptions, repeatedNames } from '../recognizer-options.ts';
import { fileStem, forEachReferenceToken, tokenAfter, type Token } from '../reference-tokens.ts';
import { unsafeRegexReason } from '../safe-regex.ts';
import { sharedExplanation } from '../shared-explanation.ts';
import { ANY_SEPARATORS, replaceSeparators, spreadChains } from '../spread-references.ts';
import type { Match, Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';

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
  /**
   * For a reference spread over groups: with any separator run, or none, where the format has a
   * separator ("CW 2024 00123", "CW202400123"); a format that counts only after its phrases is
   * compared on letters and digits alone ("council tax account 1234 5678").
   */
  spread: RegExp;
  /** Whether `spread` is compared on letters and digits alone. */
  compact: boolean;
  /** Phrases that must come right before the token, when the format has them. */
  after?: readonly string[];
}

/** Scores: an administrator's exact format is near-certain; any word after "our ref" a little less. */
const FORMAT_SCORE = 0.9;
const INTRODUCED_SCORE = 0.8;
/** A format's reference written with other separators, or none: as good as certain, just below the exact form. */
const SPREAD_SCORE = 0.85;
const CONTEXT_BOOST = 0.05;
const DIGIT = /\p{N}/u;

/** The options schema has already refused unsafe patterns, so compiling cannot fail. */
function compileFormat(format: FormatOptions): Format {
  const flags = format.ignoreCase ? 'iu' : 'u';
  return {
    name: format.name,
    whole: new RegExp(`^(?:${format.pattern})$`, flags),
    spread: new RegExp(`^(?:${spreadPattern(format)})$`, flags),
    compact: format.after !== undefined,
    ...(format.after ? { after: format.after } : {}),
  };
}

/**
 * The format with any separator run where it has a separator, or, for a format that counts only
 * after its phrases, without its separators. Where that would no longer pass the safety check the
 * format is matched only as written.
 */
function spreadPattern(format: FormatOptions): string {
  const spread = format.after ? replaceSeparators(format.pattern, '') : replaceSeparators(format.pattern, ANY_SEPARATORS);
  return spread !== undefined && unsafeRegexReason(spread) === undefined ? spread : format.pattern;
}

/** Where the format's spread form stands as a whole word anywhere in a text (global). */
function spreadSearch(format: Format): RegExp {
  const source = format.spread.source.slice(1, -1);
  return new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, `${format.spread.flags}g`);
}

const hasAfter = (f: Format): f is Format & { after: readonly string[] } => f.after !== undefined;

/** Each token an introducing phrase points at, with the phrase. */
function* introduced(text: string, phrases: readonly RegExpExecArray[]): Generator<{ token: Token; phrase: string }> {
  for (const m of phrases) {
    const token = tokenAfter(text, m.index + m[0].length);
    if (token) yield { token, phrase: m[0].toLowerCase().replace(/\s+/g, ' ') };
  }
}

export function createCaseReference(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options, repeatedFormatNames);
  const formats = options.formats.map(compileFormat);
  const publicFormats = options.notCasework.map(compileFormat);
  const publicAfter = publicFormats.filter(hasAfter);
  const formatsAfter = formats.filter(hasAfter);
  // Every phrase list is searched in one pass: the public formats' phrases, the formats' phrases,
  // then the introducers, in that order.
  const phrases = new PhraseLists([...publicAfter.map((f) => f.after), ...formatsAfter.map((f) => f.after), options.introducers], context?.wordStarts);
  const scoreContext = contextScorer(settings, { boost: CONTEXT_BOOST });
  const standalone = formats.filter((f) => !f.after);
  const spreadSearches = standalone.map((format) => ({ format, search: spreadSearch(format) }));

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
      // A word in one of the council's own formats is casework even after "invoice" or "report
      // no": those words make public only what the formats would not claim.
      const isPublicWord = (t: Token, inFormat: boolean): boolean =>
        (!inFormat && publicStarts.has(t.start)) || publicFormats.some((f) => !f.after && f.whole.test(t.text));
      // "Our ref: 24/00873/FUL.pdf" names a public document: the reference is public with or without the extension.
      const isPublic = (t: Token, inFormat: boolean): boolean => {
        if (isPublicWord(t, inFormat)) return true;
        const stem = fileStem(text, t);
        return stem !== undefined && isPublicWord(stem, inFormat);
      };

      const found: Match[] = [];
      const consider = (token: Token, baseScore: number, pattern: string, phrase?: string, inFormat = false): void => {
        if (!DIGIT.test(token.text) || isPublic(token, inFormat)) return;
        const scored = scoreContext(text, token.start, token.end, baseScore);
        if (!scored) return;
        const contextWord = scored.contextWord ?? phrase;
        found.push({
          start: token.start,
          end: token.end,
          score: scored.score,
          explanation: sharedExplanation(pattern, baseScore, contextWord || undefined),
        });
      };

      /** A reference spread over groups or written solid ("CW 2024 00123", "CW202400123"). */
      function considerSpread(token: Token, candidates: readonly Format[], phrase: string | undefined): void {
        const solid = candidates.find((f) => f.spread.test(token.text));
        if (solid) return consider(token, SPREAD_SCORE, solid.name, phrase, true);
        for (const chain of spreadChains(text, token)) {
          const written = text.slice(chain.start, chain.end);
          const format = candidates.find((f) => f.spread.test(f.compact ? chain.compact : written));
          if (!format) continue;
          return consider({ start: chain.start, end: chain.end, text: written }, SPREAD_SCORE, format.name, phrase, true);
        }
      }

      if (standalone.length) {
        forEachReferenceToken(text, (token) => {
          // A loop, not find(): a closure for each of the tens of thousands of tokens in a megabyte.
          for (const format of standalone) {
            if (!format.whole.test(token.text)) continue;
            consider(token, FORMAT_SCORE, format.name, undefined, true);
            return;
          }
        });
        // Spread references ("CW 2024 00123", "CW/2024/\n00123", "CW202400123") are searched for
        // with one pass per format over the text, not by building chains at every word with a
        // digit: most such words are dates, times and amounts, and a chain per word cost more than
        // every other recognizer together. The exact form found above outscores the spread one.
        for (const { format, search } of spreadSearches) {
          search.lastIndex = 0;
          for (let m = search.exec(text); m !== null; m = search.exec(text)) {
            consider({ start: m.index, end: m.index + m[0].length, text: m[0] }, SPREAD_SCORE, format.name, undefined, true);
          }
        }
      }
      formatsAfter.forEach((f, i) => {
        for (const { token, phrase } of introduced(text, formatHits[i]!)) {
          if (f.whole.test(token.text)) consider(token, FORMAT_SCORE, f.name, phrase);
          else considerSpread(token, [f], phrase);
        }
      });
      for (const { token, phrase } of introduced(text, introducerHits)) consider(token, INTRODUCED_SCORE, 'introduced-reference', phrase);
      return dropOverlaps(found);
    },
  };
}
