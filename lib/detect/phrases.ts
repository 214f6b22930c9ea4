// Administrators' phrase lists as regular expressions: each phrase matched literally, in any case,
// as whole words, with a short bounded run of spacing between its words (bounded so no run of
// spaces can make a match attempt expensive).
import { groupedAlternation } from './alternation.ts';
import { escapeRegex } from './context.ts';
import { SEPARATOR } from './separators.ts';
import { WordStartSearch } from './word-start-search.ts';
import { WordStartRegex } from './word-start.ts';

/** No letter or digit just after a phrase (the start of a word is WordStartRegex's part). */
export const WORD_END = '(?![\\p{L}\\p{N}])';

/** Spacing between the words of a phrase. */
export const SPACE_GAP = '\\s{1,3}';
/**
 * Spacing, dashes, underscores, dots or slashes between words: "OFFICIAL-SENSITIVE",
 * "OFFICIAL_SENSITIVE", "OFFICIAL – SENSITIVE", "NOT-FOR-PUBLICATION", and a line wrapped in a
 * quoted reply ("NOT FOR\n> PUBLICATION"): any separator run between an identifier's groups.
 */
export const DASH_GAP = `${SEPARATOR}{1,8}`;
const DASH_OR_SPACE = new RegExp(`${SEPARATOR}+`, 'u');

/** Source of an alternation of the phrases, longest first; a pattern that never matches when empty. */
export function phraseAlternation(phrases: readonly string[], gap: string = SPACE_GAP): string {
  const split = gap === DASH_GAP ? DASH_OR_SPACE : /\s+/u;
  const sources = phrases
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((p) => p.split(split).map(escapeRegex).join(gap));
  return sources.length ? groupedAlternation(sources, true) : '(?!)';
}

/** Finds every whole-word occurrence of any phrase (global, case-insensitive). */
export function phraseRegex(phrases: readonly string[], gap: string = SPACE_GAP): WordStartRegex {
  return new WordStartRegex(new RegExp(`${phraseAlternation(phrases, gap)}${WORD_END}`, 'giu'));
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
 * Several phrase lists searched in one pass over the text (see word-start-search.ts), the search
 * for any phrase written as one grouped alternation of all of them. Each list's matches are
 * exactly those its own phraseRegex finds.
 */
export class PhraseLists {
  private readonly search: WordStartSearch;

  constructor(lists: ReadonlyArray<readonly string[]>) {
    const anyPhrase = lists.some((phrases) => phrases.some((p) => p.trim() !== ''));
    this.search = new WordStartSearch(
      lists.map((phrases) => phraseRegex(phrases)),
      anyPhrase ? `${phraseAlternation(lists.flat())}${WORD_END}` : '',
    );
  }

  /** Each list's matches in the text, in order, list by list as given to the constructor. */
  find(text: string): RegExpExecArray[][] {
    return this.search.find(text);
  }
}
