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
import { z } from 'zod';
import { WordList } from '../context.ts';
import { contextScorer } from '../context-score.ts';
import { readOptions } from '../recognizer-options.ts';
import { dropOverlaps } from '../pattern-recognizer.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'special-category';

export const SPECIAL_CATEGORY_CLASSES = ['health', 'ethnicity', 'religion', 'sexual-life', 'trade-union', 'criminal'] as const;

const Terms = z.array(z.string().min(1)).default([]);

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
});

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

export function createSpecialCategory(settings: RecognizerSettings): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  // One pass over the text for all classes: the matched term, lower-cased, names its class.
  const classOf = new Map<string, string>();
  for (const name of SPECIAL_CATEGORY_CLASSES) {
    for (const term of options.terms[name]) classOf.set(term.trim().toLowerCase().replace(/\s+/g, ' '), name);
  }
  const terms = new WordList([...classOf.keys()]);
  const organisationWords = new Set(options.organisationWords.map((w) => w.trim().toLowerCase()));
  const score = contextScorer(settings, { boost: PERSON_BOOST, required: true });

  const namesOrganisation = (text: string, end: number): boolean => {
    const next = NEXT_WORD.exec(text.slice(end, end + LOOK_AHEAD));
    return next !== null && organisationWords.has(next[1]!.toLowerCase());
  };

  return {
    name: 'special-category',
    type: TYPE,
    category: 'personal',
    why: "Facts about a person's health, ethnicity, religion, sex life, trade-union membership or alleged crimes need the strongest protection: disclosing them can cause serious harm.",
    find(text: string): Match[] {
      const found: Match[] = [];
      {
        for (const term of terms.allIn(text)) {
          const name = classOf.get(term.word);
          if (!name || namesOrganisation(text, term.end)) continue;
          const scored = score(text, term.start, term.end, BASE_SCORE);
          if (!scored) continue;
          found.push({
            start: term.start,
            end: term.end,
            score: scored.score,
            explanation: {
              pattern: 'special-category-term',
              baseScore: BASE_SCORE,
              ...(scored.contextWord ? { contextWord: scored.contextWord } : {}),
              note: name,
            },
          });
        }
      }
      return dropOverlaps(found);
    },
  };
}
