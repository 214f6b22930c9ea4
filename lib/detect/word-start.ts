// Phrases and words are matched only where a word starts: no letter or digit just before. Written
// as a look-behind at the front of a pattern ("(?<![\p{L}\p{N}])(?:case ref|our ref|…)"), the
// check runs at every position of the text, and then the phrases are tried at every position
// that passes. Searching instead for the character before the word followed by the pattern
// ("[^\p{L}\p{N}](?:case ref|our ref|…)") finds the same places in half to two thirds of the
// time: most positions are inside words, and a letter fails the first test at once.

/** A global search resumed from lastIndex: what a RegExp offers, and all a scan needs. */
export interface Scanner {
  readonly global: boolean;
  lastIndex: number;
  exec(text: string): RegExpExecArray | null;
}

/** Length in UTF-16 units of the character at `at`. */
function characterLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
}

/**
 * A global regex whose matches count only where a word starts: it finds exactly what the regex
 * with `(?<![\p{L}\p{N}])` in front would, match for match, including lastIndex after each.
 */
export class WordStartRegex implements Scanner {
  readonly global = true;
  lastIndex = 0;
  /** The pattern, without the word start, and its flags: what a search for several patterns needs. */
  readonly source: string;
  readonly flags: string;
  /** The pattern, tried at one position. */
  private readonly sticky: RegExp;
  /**
   * The next place a word starts where the pattern matches: the character before it, then the
   * pattern. Made on first use: a pattern searched in a pool (word-start-pool.ts) is only ever
   * tried at places, and parsing a long list's pattern twice cost every start-up time.
   */
  private finder: RegExp | undefined;

  constructor(regex: RegExp) {
    if (!regex.global || !regex.unicode) throw new Error('a word-start regex needs the g and u flags');
    this.source = regex.source;
    this.flags = regex.flags;
    this.sticky = new RegExp(regex.source, `${regex.flags.replace('g', '')}y`);
  }

  exec(text: string): RegExpExecArray | null {
    // The start of the text starts a word without a character before it.
    let m = this.lastIndex === 0 ? this.matchAt(text, 0) : null;
    if (!m && this.lastIndex <= text.length) {
      this.finder ??= new RegExp(`[^\\p{L}\\p{N}](?:${this.source})`, this.flags);
      // The character before a match may be the last one of the previous match.
      this.finder.lastIndex = Math.max(0, this.lastIndex - 1);
      const found = this.finder.exec(text);
      if (found) m = this.matchAt(text, found.index + characterLength(text, found.index));
    }
    this.lastIndex = m ? m.index + m[0].length : 0;
    return m;
  }

  /** The match starting exactly at `at`, whether or not a word starts there. */
  matchAt(text: string, at: number): RegExpExecArray | null {
    this.sticky.lastIndex = at;
    return this.sticky.exec(text);
  }
}

/** Every match of a global scanner in the text, in order, as String.prototype.matchAll gives them. */
export function* scan(scanner: Scanner, text: string): Generator<RegExpExecArray> {
  scanner.lastIndex = 0;
  for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
    yield m;
    if (m[0].length === 0) scanner.lastIndex = m.index + characterLength(text, m.index);
  }
}
