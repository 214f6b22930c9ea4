// Applies a recognizer's context settings to one candidate, for recognizers that find candidates
// their own way rather than with patternRecognizer: a negative word near drops it, a context word
// near raises its score (or, where context is required, allows it at all), and whatever is left
// below the recognizer's minScore is dropped.
import { WordList } from './context.ts';
import type { RecognizerSettings } from './types.ts';

export interface ContextScore {
  score: number;
  /** The context word that raised or allowed the match, lower-cased. */
  contextWord?: string;
}

export interface ContextRules {
  /** Added to the base score when a context word is near; the result is capped at 1. */
  boost: number;
  /** When true, a candidate with no context word near is dropped. */
  required?: boolean;
}

export type ContextScorer = (text: string, start: number, end: number, baseScore: number) => ContextScore | undefined;

export function contextScorer(settings: RecognizerSettings, rules: ContextRules): ContextScorer {
  const context = new WordList(settings.context);
  const negative = new WordList(settings.negativeContext);
  return (text, start, end, baseScore) => {
    if (negative.near(text, start, end, settings.contextWindow)) return undefined;
    const word = context.near(text, start, end, settings.contextWindow);
    if (rules.required && !word) return undefined;
    const score = word ? Math.min(1, baseScore + rules.boost) : baseScore;
    if (score < settings.minScore) return undefined;
    return word ? { score, contextWord: word } : { score };
  };
}
