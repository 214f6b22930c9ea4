// Finds context words near a match. One alternation of escaped literals per word list, run on a
// bounded window around each match, so the cost per match is constant and total cost is linear.
import { groupedAlternation } from './alternation.ts';
import { matchesIn, type Region } from './regions.ts';
import type { PoolSearch, WordStartPool } from './word-start-pool.ts';
import { WordStartRegex } from './word-start.ts';

/** No letter or digit just after a word or phrase (the start of a word is WordStartRegex's part). */
export const WORD_END = '(?![\\p{L}\\p{N}])';

/** Escapes a literal for use inside a regular expression. */
export function escapeRegex(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * In a phrase, "<number>" stands for a short number such as a hospital ward's or bay's: up to three
 * digits with a letter either side at most ("Ward 7", "Ward C23", "ward 31a"); a year or a phone
 * number is longer and never fits. Captured, so a finding names the phrase, not the number.
 */
export const NUMBER_PLACEHOLDER = '<number>';
const DESIGNATOR = '(\\p{L}?\\p{N}{1,3}\\p{L}?)';

/** One phrase as a regex source: literal words joined by spacing or underscores (as in file names, "NI_number_…"). */
function phraseSource(phrase: string): string {
  return phrase
    .split(NUMBER_PLACEHOLDER)
    .map((literal) => escapeRegex(literal).replace(/ /g, '[\\s_]+'))
    .join(DESIGNATOR);
}

/** A matched phrase as the list writes it: lower case, one space between words, "<number>" for the number. */
function spoken(m: RegExpExecArray): string {
  let match = m[0];
  for (let group = 1; group < m.length; group += 1) {
    const number = m[group];
    if (number === undefined) continue;
    const at = match.lastIndexOf(number);
    match = `${match.slice(0, at)}${NUMBER_PLACEHOLDER}${match.slice(at + number.length)}`;
    break;
  }
  return match.toLowerCase().replace(/[\s_]+/g, ' ');
}

/** Matches any of a list of words or phrases as whole words, case-insensitively. */
export class WordList {
  private readonly regex: WordStartRegex | undefined;
  /** The whole-text search, in the detector's pool when the list joined one. */
  private readonly pooled: PoolSearch | undefined;

  /**
   * A list searched through whole texts (everywhere) joins the detector's pool, when given, to be
   * searched in the same pass as the other recognizers' words.
   */
  constructor(words: readonly string[], pool?: WordStartPool) {
    const cleaned = words.map((w) => w.trim()).filter((w) => w.length > 0);
    // Longest first so "date of birth" wins over "date".
    cleaned.sort((a, b) => b.length - a.length);
    const sources = cleaned.map(phraseSource);
    this.regex = cleaned.length ? new WordStartRegex(new RegExp(`${groupedAlternation(sources, true)}${WORD_END}`, 'giu')) : undefined;
    this.pooled = this.regex && pool?.join([{ regex: this.regex, alternatives: sources }]);
  }

  get isEmpty(): boolean {
    return this.regex === undefined;
  }

  /** The first word of the list found in text[from, to), lower-cased, or undefined. */
  findIn(text: string, from = 0, to = text.length): string | undefined {
    if (!this.regex) return undefined;
    const slice = text.slice(Math.max(0, from), Math.min(text.length, to));
    this.regex.lastIndex = 0;
    const m = this.regex.exec(slice);
    return m ? spoken(m) : undefined;
  }

  /** Every occurrence in the whole text: what allIn finds, from the pool's pass when the list joined one. */
  everywhere(text: string): Array<{ start: number; end: number; word: string }> {
    if (!this.pooled) return this.allIn(text);
    return this.pooled(text)[0]!.map((m) => ({ start: m.index, end: m.index + m[0].length, word: spoken(m) }));
  }

  /** Every occurrence in the text (or in the given regions of it): [start, end) offsets. */
  allIn(text: string, regions?: readonly Region[]): Array<{ start: number; end: number; word: string }> {
    if (!this.regex) return [];
    const out: Array<{ start: number; end: number; word: string }> = [];
    for (const m of matchesIn(text, this.regex, regions ?? [{ start: 0, end: text.length }])) {
      const start = m.absoluteIndex + m.index;
      out.push({ start, end: start + m[0].length, word: spoken(m) });
    }
    return out;
  }

  /** A context word within `window` characters either side of [start, end). */
  near(text: string, start: number, end: number, window: number): string | undefined {
    return this.findIn(text, start - window, end + window);
  }
}
