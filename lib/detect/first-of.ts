// A pattern with an optional opening ("Flat 3, " before "14 High Street") is slow to search: the
// engine must try the opening at every position before it can look for what follows. Written as
// separate regexes, one per opening, each starts with something the engine can skip ahead to (a
// digit, a flat word), and together they cost less than the one did.
import type { Scanner } from './word-start.ts';

/**
 * Searches several global regexes as their alternation `(?:r1|r2|…)` would be searched, for
 * regexes that can never match at the same position (each starts with a different kind of
 * character): the next match is the leftmost of each regex's next match. Each regex's next match
 * is kept until a search passes it, so the text is searched about once per regex.
 */
export class FirstOf implements Scanner {
  readonly global = true;
  lastIndex = 0;
  /** Each regex's next match at or after `searchedFrom` in `text`, when known. */
  private readonly next: Array<RegExpExecArray | null | undefined>;
  private text: string | undefined;
  private searchedFrom = 0;

  constructor(private readonly regexes: readonly RegExp[]) {
    if (regexes.some((r) => !r.global)) throw new Error('FirstOf needs global regexes');
    this.next = regexes.map(() => undefined);
  }

  exec(text: string): RegExpExecArray | null {
    const from = this.lastIndex;
    // A new text, or a search going back, makes every remembered match stale.
    if (text !== this.text || from < this.searchedFrom) this.forget();
    this.text = text;
    this.searchedFrom = from;
    let found: RegExpExecArray | null = null;
    for (let i = 0; i < this.regexes.length; i += 1) {
      let m = this.next[i];
      if (m === undefined || (m !== null && m.index < from)) {
        const regex = this.regexes[i]!;
        regex.lastIndex = from;
        this.next[i] = m = regex.exec(text);
      }
      if (m && (!found || m.index < found.index)) found = m;
    }
    this.lastIndex = found ? found.index + found[0].length : 0;
    // At the end of a search, let go of the text.
    if (!found) this.forget();
    return found;
  }

  private forget(): void {
    this.next.fill(undefined);
    this.text = undefined;
    this.searchedFrom = 0;
  }
}
