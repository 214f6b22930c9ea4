// Words for the special categories of personal data (UK GDPR article 9) and criminal allegations
// (article 10): health, ethnicity, religion, sexual life, trade-union membership, crime.
//
// A word alone says nothing about anyone: "the mental health service", "Trade Union Congress".
// It counts only with a reference to a person near it (he, she, her son, the resident, Mr …, the
// rule file's context list), and not when the word after it makes it the name of a service or
// organisation ("mental health service", "Muslim Council", the rule file's organisationWords).
//
// The finding's explanation names the class (health, religion …), never the word: the class is
// what an information-governance officer needs, and the offsets locate the word.
import * as z from 'zod';
import { WordList } from '../context.ts';
import { contextScorer } from '../context-score.ts';
import { readOptions } from '../recognizer-options.ts';
import { dropOverlaps } from '../pattern-recognizer.ts';
import { sharedExplanation } from '../shared-explanation.ts';
import type { Match, Recognizer, RecognizerContext, RecognizerSettings } from '../types.ts';

const TYPE = 'special-category';

export const SPECIAL_CATEGORY_CLASSES = ['health', 'ethnicity', 'religion', 'sexual-life', 'trade-union', 'criminal'] as const;

/**
 * A term is a word or phrase, matched in any case; or, for a short abbreviation that is also an
 * everyday word in another case ("has MS" but not "has Ms", "ME" but not "me"), an object with
 * `matchCase: true`, matched only as written.
 */
const Term = z.union([z.string().min(1), z.strictObject({ term: z.string().min(1), matchCase: z.boolean().default(false) })]);
const Terms = z.array(Term).default([]);

const OptionsSchema = z.strictObject({
  /** Words and phrases for each class, matched as whole words, case-insensitively. */
  terms: z.strictObject({
    health: Terms,
    ethnicity: Terms,
    religion: Terms,
    'sexual-life': Terms,
    'trade-union': Terms,
    criminal: Terms,
  }),
  /** Words that, straight after a term, make it part of the name of a service or body. */
  organisationWords: z.array(z.string().min(1)).default([]),
  /**
   * Phrases in which a term means something else ("at a stroke", "a depression in the road",
   * "deaf ears"): a term inside one of these is not counted.
   */
  notTerms: z.array(z.string().min(1)).default([]),
  /**
   * Names of the categories themselves (the Equality Act's protected characteristics, UK GDPR's
   * special categories): a term among several of them is part of a list of categories.
   */
  categoryNames: z.array(z.string().min(1)).default([]),
});

/**
 * A list of categories (an equality impact assessment, a privacy notice) names four or more of
 * them within a few lines: "age, disability, gender, race, faith or sexual orientation". A fact
 * about a person names one or two ("given her age and health"); four different category names
 * within this reach of a term mean the term is listed, not said of anyone. The finding is kept as
 * a mention, recorded but never counted.
 */
const LIST_REACH = 150;
const LISTED_NAMES = 4;

/** A term as the word list reports it: lower case, single spaces. */
const spoken = (term: string): string => term.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A word alone is below every threshold (0.4); with a person near it is about that person (0.7).
 * Context is required, so the lower score is never reported: it only records how much the person
 * reference adds.
 */
const BASE_SCORE = 0.4;
const PERSON_BOOST = 0.3;

/**
 * The word straight after a term. Only one: "Trade Union Congress" and "mental health service"
 * are names, but two words would also catch "arrested last week". Bounded, so constant-time.
 */
const NEXT_WORD = /^[ \t'’-]{1,3}(\p{L}{1,30})/u;
const LOOK_AHEAD = 40;

export function createSpecialCategory(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  // One pass over the text for all classes: the matched term, lower-cased, names its class. Terms
  // that match only as written are found in any case with the rest, then checked: a second pass
  // over the text just for them would cost more than the check.
  const classOf = new Map<string, string>();
  const writtenAs = new Map<string, string>();
  for (const name of SPECIAL_CATEGORY_CLASSES) {
    for (const entry of options.terms[name]) {
      const term = typeof entry === 'string' ? entry : entry.term;
      classOf.set(spoken(term), name);
      if (typeof entry !== 'string' && entry.matchCase) writtenAs.set(spoken(term), term.trim().replace(/\s+/g, ' '));
    }
  }
  const terms = new WordList([...classOf.keys()], context?.wordStarts);
  const notTerms = new WordList(options.notTerms);
  const longestNotTerm = Math.max(0, ...options.notTerms.map((p) => p.length));
  // Only terms found inside some notTerms phrase ("stroke" in "at a stroke") need the check. Found
  // on first use: the search compiles the terms' pattern, a tenth of a second that the rule loader,
  // which builds this recognizer only to check its options, should not pay.
  let inNotTerms: ReadonlySet<string> | undefined;
  const mayBeInNotTerm = (word: string): boolean =>
    (inNotTerms ??= new Set(options.notTerms.flatMap((phrase) => terms.allIn(phrase).map((t) => t.word)))).has(word);
  const categoryNames = new WordList(options.categoryNames);
  const organisationWords = new Set(options.organisationWords.map((w) => w.trim().toLowerCase()));
  const score = contextScorer(settings, { boost: PERSON_BOOST, required: true });

  const namesOrganisation = (text: string, end: number): boolean => {
    const next = NEXT_WORD.exec(text.slice(end, end + LOOK_AHEAD));
    return next !== null && organisationWords.has(next[1]!.toLowerCase());
  };

  /** A matchCase term written in another case. */
  const wrongCase = (text: string, term: { start: number; end: number; word: string }): boolean => {
    const written = writtenAs.get(term.word);
    return written !== undefined && text.slice(term.start, term.end).replace(/[\s_]+/g, ' ') !== written;
  };

  /**
   * Whether a notTerms phrase covers the term. Such a phrase starts at most its length before the
   * term's end and ends at most its length after the term's start: a bounded search per term.
   */
  const insideNotTerm = (text: string, term: { start: number; end: number; word: string }): boolean => {
    if (!mayBeInNotTerm(term.word)) return false;
    const around = [{ start: Math.max(0, term.end - longestNotTerm), end: Math.min(text.length, term.start + longestNotTerm) }];
    return notTerms.allIn(text, around).some((p) => p.start <= term.start && p.end >= term.end);
  };

  /** Whether the term stands among LISTED_NAMES or more different category names: a bounded search per term. */
  const listed = (text: string, start: number, end: number): boolean => {
    if (categoryNames.isEmpty) return false;
    const around = [{ start: Math.max(0, start - LIST_REACH), end: Math.min(text.length, end + LIST_REACH) }];
    return new Set(categoryNames.allIn(text, around).map((n) => n.word)).size >= LISTED_NAMES;
  };

  return {
    name: 'special-category',
    type: TYPE,
    category: 'personal',
    why: "Facts about a person's health, ethnicity, religion, sex life, trade-union membership or alleged crimes need the strongest protection: disclosing them can cause serious harm.",
    find(text: string): Match[] {
      const found: Match[] = [];
      {
        for (const term of terms.everywhere(text)) {
          const name = classOf.get(term.word);
          if (!name || wrongCase(text, term) || namesOrganisation(text, term.end) || insideNotTerm(text, term)) continue;
          const scored = score(text, term.start, term.end, BASE_SCORE);
          if (!scored) continue;
          found.push({
            start: term.start,
            end: term.end,
            score: scored.score,
            explanation: sharedExplanation('special-category-term', BASE_SCORE, scored.contextWord || undefined, undefined, name),
            // Checked only for terms that would count: most never get this far.
            ...(listed(text, term.start, term.end) ? { mention: true as const } : {}),
          });
        }
      }
      return dropOverlaps(found);
    },
  };
}
