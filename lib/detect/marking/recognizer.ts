// The common shape of the marking recognizers (security classifications, exempt information,
// confidentiality notices): phrases found anywhere in the text, each judged by where it sits on
// its line, then dropped when it starts an everyday phrase ("secret santa") or sits in an email
// disclaimer footer. Matches are judged in text order so line lookups stay one pass.
import { contextScorer } from '../context-score.ts';
import { dropOverlaps } from '../pattern-recognizer.ts';
import { PhraseAt } from '../phrases.ts';
import { WordStartSearch } from '../word-start-search.ts';
import type { WordStartRegex } from '../word-start.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';
import { DisclaimerCues } from './disclaimer.ts';
import { LineLocator } from './lines.ts';
import { describePlace, placeOf, type Place } from './place.ts';

export interface MarkingPattern {
  /** Named in the finding's explanation. */
  name: string;
  /** A marking starts a word; a recognizer's patterns are all searched in one pass. */
  regex: WordStartRegex;
  /** The score for this match in this place, or undefined when it is not a marking there. */
  judge: (match: RegExpExecArray, place: Place) => number | undefined;
}

export interface MarkingSpec {
  name: string;
  type: string;
  why: string;
  patterns: MarkingPattern[];
  /** Everyday phrases that start with a marking word ("secret santa"): never a marking. */
  notMarkings: readonly string[];
  /** Stock phrases of email disclaimers; a match in the same paragraph as one is boilerplate. */
  disclaimerCues: readonly string[];
}

/** Context words can raise a marking's score a little; its place already decided whether it counts. */
const CONTEXT_BOOST = 0.05;

export function markingRecognizer(spec: MarkingSpec, settings: RecognizerSettings): Recognizer {
  const search = new WordStartSearch(spec.patterns.map((p) => p.regex));
  const everyday = new PhraseAt(spec.notMarkings);
  const disclaimer = new DisclaimerCues(spec.disclaimerCues);
  const scoreContext = contextScorer(settings, { boost: CONTEXT_BOOST });

  return {
    name: spec.name,
    type: spec.type,
    category: 'marking',
    why: spec.why,
    find(text: string): Match[] {
      const matches = search.find(text);
      const candidates = spec.patterns.flatMap((pattern, i) => matches[i]!.map((m) => ({ pattern, m })));
      candidates.sort((a, b) => a.m.index - b.m.index);
      const lines = new LineLocator(text);
      const found: Match[] = [];
      for (const { pattern, m } of candidates) {
        const start = m.index;
        const end = start + m[0].length;
        const place = placeOf(text, lines.at(start), start, end);
        const baseScore = pattern.judge(m, place);
        if (baseScore === undefined || everyday.test(text, start) || disclaimer.surrounds(text, start, end)) continue;
        const scored = scoreContext(text, start, end, baseScore);
        if (!scored) continue;
        found.push({
          start,
          end,
          score: scored.score,
          explanation: {
            pattern: pattern.name,
            baseScore,
            ...(scored.contextWord ? { contextWord: scored.contextWord } : {}),
            note: describePlace(place),
          },
        });
      }
      return dropOverlaps(found);
    },
  };
}
