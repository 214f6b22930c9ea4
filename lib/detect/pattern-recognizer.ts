// The common shape of most recognizers: regular expressions with base scores, an optional
// validator, and context words that raise (or, when required, allow) a match.
import { WordList } from './context.ts';
import { clustersOf } from './digit-clusters.ts';
import { REGION_MARGIN, anchorsOf, matchAt, matchesIn, regionsAround, type Region } from './regions.ts';
import { sharedExplanation } from './shared-explanation.ts';
import type { Category, Match, Recognizer, RecognizerSettings } from './types.ts';
import type { WordStartPool } from './word-start-pool.ts';
import type { Scanner } from './word-start.ts';

export interface Anchor {
  /** Global; something cheap every match of the pattern contains ('@', a postcode). */
  regex?: RegExp;
  /**
   * Instead of a regex: every match holds at least this many digits in one cluster of digits a
   * separator run apart (digit-clusters.ts), found once per text for every recognizer. Patterns
   * are tried on those clusters even when they need a context word (see regionsFor).
   */
  digits?: number;
  /**
   * Instead of either: the only places a match can start, found some cheaper way (the NI number's
   * letters just before a cluster of digits). The patterns are tried at those places alone, each
   * as a search reaching that place would try it, and need not be searched for anywhere else.
   */
  starts?: (text: string) => readonly number[];
  /**
   * Instead of any of those: the anchors themselves, found some cheaper way (a postcode's inward
   * code just after a cluster of digits). The patterns run around them as around a regex's.
   */
  find?: (text: string) => Region[];
  /** How far a match can reach from its anchor, either side. */
  reach: number;
  /** How far before its anchor a match can start, where that differs from `reach` ('@': 64). */
  before?: number;
  /**
   * An anchor that is itself costly to find (a postcode) can be searched for only around a
   * cheaper one that every occurrence contains (the digit and two letters ending a postcode).
   */
  within?: Anchor;
}

export interface PatternSpec {
  name: string;
  /** Must be global. A named group `value` (with the d flag) narrows the span. */
  regex: Scanner;
  score: number;
  /** This pattern runs only around its anchors (overrides the recognizer's anchor). */
  anchor?: Anchor;
}

export interface PatternRecognizerSpec {
  name: string;
  type: string;
  category: Category;
  why: string;
  patterns: readonly PatternSpec[];
  /** Checksum or plausibility: true → score 1.0, false → dropped, undefined → score unchanged. */
  validate?: (value: string) => boolean | undefined;
  /** When true, a match with no context word nearby is dropped (e.g. NHS, passport, date of birth). */
  contextRequired?: boolean;
  /** Added to the score when a context word is near. */
  contextBoost?: number;
  /**
   * Something cheap every match contains ('@', six digits), with how far a match can reach from it:
   * the patterns then run only around anchors. Patterns that need a context word run around
   * context words instead; given an anchor too, they look for context words only near anchors.
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

/**
 * `pool` is the detector's pool of word-start patterns: context words searched for through whole
 * texts join it (word-start-pool.ts).
 */
export function patternRecognizer(spec: PatternRecognizerSpec, settings: RecognizerSettings, pool?: WordStartPool): Recognizer {
  for (const p of spec.patterns) {
    if (!p.regex.global) throw new Error(`pattern ${spec.name}/${p.name} needs the g flag`);
  }
  for (const anchor of [spec.anchor, ...spec.patterns.map((p) => p.anchor)]) {
    const kinds = anchor ? [anchor.regex, anchor.digits, anchor.starts, anchor.find].filter((kind) => kind !== undefined).length : 1;
    if (kinds !== 1) throw new Error(`an anchor of ${spec.name} needs one of a regex, a number of digits, the places matches start or a way to find the anchors`);
  }
  for (const p of spec.patterns) {
    if ((p.anchor ?? spec.anchor)?.starts && !(p.regex instanceof RegExp)) throw new Error(`pattern ${spec.name}/${p.name} is tried at places, so must be a RegExp`);
  }
  // Patterns tried only at the places their matches can start go through those places once, each
  // pattern in turn at each place: in a long text the place is then read from memory once, not
  // once per pattern. The others are searched for, each on its own.
  const atPlaces = new Map<(text: string) => readonly number[], PatternSpec[]>();
  const searched: PatternSpec[] = [];
  for (const pattern of spec.patterns) {
    const starts = (pattern.anchor ?? spec.anchor)?.starts;
    if (starts) atPlaces.set(starts, [...(atPlaces.get(starts) ?? []), pattern]);
    else searched.push(pattern);
  }
  const boost = spec.contextBoost ?? DEFAULT_CONTEXT_BOOST;
  const maxMatch = spec.maxMatchLength ?? DEFAULT_MAX_MATCH_LENGTH;

  /**
   * A pattern that can only count with a context word near it: context is required, or its score
   * is below the threshold and no validator can lift it to 1.0 (a lone postcode, a street line).
   */
  const needsContext = (p: PatternSpec): boolean => spec.contextRequired === true || (!spec.validate && p.score + 1e-9 < settings.minScore);
  // Context words are looked for through the whole text only for a pattern with no anchor that
  // needs one (a date of birth, a passport number): only then is the list worth the pool's pass.
  const searchedEverywhere = searched.some((p) => needsContext(p) && !(p.anchor ?? spec.anchor));
  const context = new WordList(settings.context, searchedEverywhere ? pool : undefined);
  const negative = new WordList(settings.negativeContext);

  /** How far a context word can be from a match it counts for, and so how far its region reaches. */
  const contextReach = settings.contextWindow + maxMatch;

  /**
   * Where to look for context words for patterns with this anchor (everywhere without one): near
   * the anchors, since a match lies within reach of its anchor. Whether a match falls in a context
   * region depends only on the words within contextReach of it, and on regions merged across a
   * gap of up to two margins; a word further out (maxMatch more allows for the word's own length)
   * could only add a region that holds no match.
   */
  function contextSearchArea(text: string, anchor: Anchor | undefined, anchorsFor: (anchor: Anchor) => Region[]): Region[] | undefined {
    if (!anchor) return undefined;
    const slack = contextReach + 2 * REGION_MARGIN + maxMatch;
    return regionsAround(anchorsFor(anchor), anchor.reach + slack, text.length, (anchor.before ?? anchor.reach) + slack);
  }

  /** The stretches worth scanning for one pattern: around its context words or anchors, else all. */
  function regionsFor(text: string, pattern: PatternSpec, anchorsFor: (anchor: Anchor) => Region[], contextRegions: (anchor?: Anchor) => Region[]): Region[] {
    const anchor = pattern.anchor ?? spec.anchor;
    // A cluster of digits is shorter than the stretch around it where a context word could stand,
    // so patterns anchored on one are tried on the cluster, context word or not: whether a word is
    // near is checked for each match below in any case.
    if (needsContext(pattern) && anchor?.digits === undefined) return contextRegions(anchor);
    if (anchor) return regionsAround(anchorsFor(anchor), anchor.reach, text.length, anchor.before);
    return [{ start: 0, end: text.length }];
  }

  return {
    name: spec.name,
    type: spec.type,
    category: spec.category,
    why: spec.why,
    find(text: string): Match[] {
      // Context words are found once per text (and anchor), and only if some pattern needs them.
      const around = new Map<Anchor | undefined, Region[]>();
      const contextRegions = (anchor?: Anchor): Region[] => {
        let regions = around.get(anchor);
        if (!regions) {
          const area = contextSearchArea(text, anchor, anchorsFor);
          const words = context.isEmpty ? [] : area ? context.allIn(text, area) : context.everywhere(text);
          around.set(anchor, (regions = regionsAround(words, contextReach, text.length)));
        }
        return regions;
      };
      // Each anchor is found once per text, however many patterns share it.
      const anchors = new Map<Anchor, Region[]>();
      const anchorsFor = (anchor: Anchor): Region[] => {
        let found = anchors.get(anchor);
        if (!found) {
          const { within, digits, regex, find } = anchor;
          if (digits !== undefined) found = clustersOf(text, digits);
          else if (find) found = find(text);
          else {
            const where = within ? regionsAround(anchorsFor(within), within.reach, text.length, within.before) : undefined;
            found = regex ? anchorsOf(text, regex, where) : [];
          }
          anchors.set(anchor, found);
        }
        return found;
      };
      const found: Match[] = [];
      const consider = (pattern: PatternSpec, m: RegExpExecArray & { absoluteIndex: number }): void => {
        const offset = m.absoluteIndex;
        const span = m.indices?.groups?.['value'];
        const start = offset + (span ? span[0] : m.index);
        const end = offset + (span ? span[1] : m.index + m[0].length);
        const value = text.slice(start, end);
        const validated = spec.validate?.(value);
        if (validated === false) return;
        if (negative.near(text, start, end, settings.contextWindow)) return;
        const word = context.near(text, start, end, settings.contextWindow);
        if (spec.contextRequired && !word) return;
        let score = validated === true ? 1 : pattern.score;
        if (word && validated !== true) score = Math.min(1, score + boost);
        if (score < settings.minScore) return;
        found.push({
          start,
          end,
          score,
          explanation: sharedExplanation(pattern.name, pattern.score, word || undefined, validated),
        });
      };
      for (const pattern of searched) {
        for (const m of matchesIn(text, pattern.regex, regionsFor(text, pattern, anchorsFor, contextRegions))) consider(pattern, m);
      }
      for (const [starts, patterns] of atPlaces) {
        for (const at of starts(text)) {
          for (const pattern of patterns) {
            const m = matchAt(text, pattern.regex as RegExp, at);
            if (m) consider(pattern, m);
          }
        }
      }
      return dropOverlaps(found);
    },
  };
}
