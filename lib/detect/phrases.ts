// Administrators' phrase lists as regular expressions: each phrase matched literally, in any case,
// as whole words, with a short bounded run of spacing between its words (bounded so no run of
// spaces can make a match attempt expensive).
import { groupedAlternation } from './alternation.ts';
import { WORD_END, escapeRegex } from './context.ts';
import { SEPARATOR } from './separators.ts';
import { WordStartPool, type PoolPattern, type PoolSearch } from './word-start-pool.ts';
import { WordStartRegex } from './word-start.ts';

export { WORD_END };

/** Spacing between the words of a phrase. */
export const SPACE_GAP = '\\s{1,3}';
/**
 * Spacing, dashes, underscores, dots or slashes between words: "OFFICIAL-SENSITIVE",
 * "OFFICIAL_SENSITIVE", "OFFICIAL – SENSITIVE", "NOT-FOR-PUBLICATION", and a line wrapped in a
 * quoted reply ("NOT FOR\n> PUBLICATION"): any separator run between an identifier's groups.
 */
export const DASH_GAP = `${SEPARATOR}{1,8}`;
const DASH_OR_SPACE = new RegExp(`${SEPARATOR}+`, 'u');

/** Each phrase's source, longest first: literal words with the gap between them. */
export function phraseSources(phrases: readonly string[], gap: string): string[] {
  const split = gap === DASH_GAP ? DASH_OR_SPACE : /\s+/u;
  return phrases
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(split).map(escapeRegex).join(gap));
}

/** The alternation of phrase sources, grouped; a pattern that never matches when there are none. */
const alternationOf = (sources: readonly string[]): string => (sources.length ? groupedAlternation(sources, true) : '(?!)');

/** Source of an alternation of the phrases, longest first; a pattern that never matches when empty. */
export function phraseAlternation(phrases: readonly string[], gap: string = SPACE_GAP): string {
  return alternationOf(phraseSources(phrases, gap));
}

/**
 * The phrases' regex, finding every whole-word occurrence of any of them (global, case-insensitive),
 * with each phrase's own source, to be searched in a pool (word-start-pool.ts).
 */
export function phrasePattern(phrases: readonly string[], gap: string = SPACE_GAP): PoolPattern {
  const sources = phraseSources(phrases, gap);
  return { regex: new WordStartRegex(new RegExp(`${alternationOf(sources)}${WORD_END}`, 'giu')), alternatives: sources };
}

/** Finds every whole-word occurrence of any phrase (global, case-insensitive). */
export function phraseRegex(phrases: readonly string[], gap: string = SPACE_GAP): WordStartRegex {
  return phrasePattern(phrases, gap).regex;
}

/** Tells whether one of the phrases begins exactly at an offset. */
export class PhraseAt {
  private readonly regex: RegExp;

  constructor(phrases: readonly string[]) {
    this.regex = new RegExp(`${phraseAlternation(phrases)}${WORD_END}`, 'iuy');
  }

  test(text: string, at: number): boolean {
    this.regex.lastIndex = at;
    return this.regex.test(text);
  }
}

/**
 * Several phrase lists searched in one pass over the text: the detector's pool, shared with other
 * recognizers, or one of their own. Each list's matches are exactly those its own phraseRegex
 * finds.
 */
export class PhraseLists {
  private readonly search: PoolSearch;

  constructor(lists: ReadonlyArray<readonly string[]>, pool: WordStartPool = new WordStartPool()) {
    this.search = pool.join(lists.map((phrases) => phrasePattern(phrases)));
  }

  /** Each list's matches in the text, in order, list by list as given to the constructor. */
  find(text: string): readonly (readonly RegExpExecArray[])[] {
    return this.search(text);
  }
}
