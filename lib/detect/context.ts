// Finds context words near a match. One alternation of escaped literals per word list, run on a
// bounded window around each match, so the cost per match is constant and total cost is linear.
import { groupedAlternation } from './alternation.ts';
import { matchesIn, type Region } from './regions.ts';
import { WordStartRegex } from './word-start.ts';

/** Escapes a literal for use inside a regular expression. */
export function escapeRegex(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matched phrase as the list writes it: lower case, one space between words. */
function spoken(match: string): string {
  return match.toLowerCase().replace(/[\s_]+/g, ' ');
}

/** Matches any of a list of words or phrases as whole words, case-insensitively. */
export class WordList {
  private readonly regex: WordStartRegex | undefined;

  constructor(words: readonly string[]) {
    const cleaned = words.map((w) => w.trim()).filter((w) => w.length > 0);
    // Longest first so "date of birth" wins over "date".
    cleaned.sort((a, b) => b.length - a.length);
    // The words of a phrase may also be joined by underscores, as in file names ("NI_number_…").
    this.regex = cleaned.length
      ? new WordStartRegex(new RegExp(`${groupedAlternation(cleaned.map((w) => escapeRegex(w).replace(/ /g, '[\\s_]+')), true)}(?![\\p{L}\\p{N}])`, 'giu'))
      : undefined;
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
    return m ? spoken(m[0]) : undefined;
  }

  /** Every occurrence in the text (or in the given regions of it): [start, end) offsets. */
  allIn(text: string, regions?: readonly Region[]): Array<{ start: number; end: number; word: string }> {
    if (!this.regex) return [];
    const out: Array<{ start: number; end: number; word: string }> = [];
    for (const m of matchesIn(text, this.regex, regions ?? [{ start: 0, end: text.length }])) {
      const start = m.absoluteIndex + m.index;
      out.push({ start, end: start + m[0].length, word: spoken(m[0]) });
    }
    return out;
  }

  /** A context word within `window` characters either side of [start, end). */
  near(text: string, start: number, end: number, window: number): string | undefined {
    return this.findIn(text, start - window, end + window);
  }
}
