// The common shape of most recognizers: regular expressions with base scores, an optional
// validator, and context words that raise (or, when required, allow) a match.
import { WordList } from './context.ts';
import { anchorsOf, matchesIn, regionsAround, type Region } from './regions.ts';
import type { Category, Match, Recognizer, RecognizerSettings } from './types.ts';

export interface Anchor {
  /** Global; something cheap every match of the pattern contains ('@', six digits, a postcode). */
  regex: RegExp;
  /** How far a match can reach from its anchor, either side. */
  reach: number;
}

export interface PatternSpec {
  name: string;
  /** Must carry the g flag. A named group `value` (with the d flag) narrows the span. */
  regex: RegExp;
  score: number;
  /** This pattern runs only around its anchors (overrides the recognizer's anchor). */
  anchor?: Anchor;
}

export interface PatternRecognizerSpec {
  name: string;
  type: string;
  category: Category;
  why: string;
  patterns: PatternSpec[];
  /** Checksum or plausibility: true → score 1.0, false → dropped, undefined → score unchanged. */
  validate?: (value: string) => boolean | undefined;
  /** When true, a match with no context word nearby is dropped (e.g. NHS, passport, date of birth). */
  contextRequired?: boolean;
  /** Added to the score when a context word is near. */
  contextBoost?: number;
  /**
   * Something cheap every match contains ('@', six digits), with how far a match can reach from it:
   * the patterns then run only around anchors. Recognizers with required context are anchored on
   * their context words automatically.
   */
  anchor?: Anchor;
  /** Longest match the patterns can make; bounds the regions around context words. */
  maxMatchLength?: number;
}

const DEFAULT_CONTEXT_BOOST = 0.35;
const DEFAULT_MAX_MATCH_LENGTH = 120;

/** Keeps the best of overlapping matches so one value is one finding. */
export function dropOverlaps(matches: Match[]): Match[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.score - a.score || b.end - a.end);
  const out: Match[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      if (m.score > last.score) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

export function patternRecognizer(spec: PatternRecognizerSpec, settings: RecognizerSettings): Recognizer {
  for (const p of spec.patterns) {
    if (!p.regex.global) throw new Error(`pattern ${spec.name}/${p.name} needs the g flag`);
  }
  const context = new WordList(settings.context);
  const negative = new WordList(settings.negativeContext);
  const boost = spec.contextBoost ?? DEFAULT_CONTEXT_BOOST;
  const maxMatch = spec.maxMatchLength ?? DEFAULT_MAX_MATCH_LENGTH;

  /**
   * A pattern that can only count with a context word near it: context is required, or its score
   * is below the threshold and no validator can lift it to 1.0 (a lone postcode, a street line).
   */
  const needsContext = (p: PatternSpec): boolean => spec.contextRequired === true || (!spec.validate && p.score + 1e-9 < settings.minScore);

  /** The stretches worth scanning for one pattern: around its anchors or context words, else all. */
  function regionsFor(text: string, pattern: PatternSpec, contextRegions: () => Region[]): Region[] {
    const anchor = pattern.anchor ?? spec.anchor;
    if (anchor) return regionsAround(anchorsOf(text, anchor.regex), anchor.reach, text.length);
    if (needsContext(pattern)) return contextRegions();
    return [{ start: 0, end: text.length }];
  }

  return {
    name: spec.name,
    type: spec.type,
    category: spec.category,
    why: spec.why,
    find(text: string): Match[] {
      let around: Region[] | undefined;
      // Context words are found once per text, and only if some pattern needs them.
      const contextRegions = (): Region[] =>
        (around ??= context.isEmpty ? [] : regionsAround(context.allIn(text), settings.contextWindow + maxMatch, text.length));
      const found: Match[] = [];
      for (const pattern of spec.patterns) {
        const regions = regionsFor(text, pattern, contextRegions);
        for (const m of matchesIn(text, pattern.regex, regions)) {
          const offset = m.absoluteIndex;
          const span = m.indices?.groups?.['value'];
          const start = offset + (span ? span[0] : m.index);
          const end = offset + (span ? span[1] : m.index + m[0].length);
          const value = text.slice(start, end);
          const validated = spec.validate?.(value);
          if (validated === false) continue;
          if (negative.near(text, start, end, settings.contextWindow)) continue;
          const word = context.near(text, start, end, settings.contextWindow);
          if (spec.contextRequired && !word) continue;
          let score = validated === true ? 1 : pattern.score;
          if (word && validated !== true) score = Math.min(1, score + boost);
          if (score < settings.minScore) continue;
          found.push({
            start,
            end,
            score,
            explanation: {
              pattern: pattern.name,
              baseScore: pattern.score,
              ...(word ? { contextWord: word } : {}),
              ...(validated !== undefined ? { validated } : {}),
            },
          });
        }
      }
      return dropOverlaps(found);
    },
  };
}
