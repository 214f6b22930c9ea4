// Most recognizers search the whole text for words and phrases of their own: special-category
// terms, casework introducers, markings, the context words of the recognizers that need one. Each
// search reads every position of the text, a millisecond or two per megabyte apiece. The detector
// keeps one pool for all of them: the first recognizer to ask about a text has every pool member
// searched in one pass (word-start-search.ts), and the others read their matches from that pass.
import { GROUPABLE_FIRST, groupedAlternation } from './alternation.ts';
import { WordStartSearch } from './word-start-search.ts';
import type { WordStartRegex } from './word-start.ts';

/** A pattern and, where it is a list of phrases, each phrase's own source. */
export interface PoolPattern {
  regex: WordStartRegex;
  /**
   * Sources, one phrase each (escaped literals and spacing, no top-level `|`), such that every match
   * of the pattern begins with a match of one of them: a list's phrases, or the words a pattern
   * opens with. They are merged with every other member's into one grouped alternation, so the
   * pass tests each word's first letter once for all of them. Without them the pattern's own
   * source is one more branch of the search.
   *
   * Nothing need follow a phrase: irregexp compiles each `(?![\p{L}\p{N}])` under the i and u
   * flags into a large class of its own, and a few hundred of them took a sixth of a second to
   * compile at every start. A phrase that turns out to be the start of a longer word is one
   * more place tried, where the pattern itself fails.
   */
  alternatives?: readonly string[];
}

/** Each pattern's matches in a text, in order, as its own search finds them. Not to be modified. */
export type PoolSearch = (text: string) => readonly (readonly RegExpExecArray[])[];

/** A named group's opening, "(?<name>"; not a look-behind's "(?<=" or "(?<!". */
const GROUP_NAME = /\(\?<(?![=!])[^>]*>/g;

/**
 * Until a pool has searched this much text, a text shorter than SHORT_TEXT is searched for the
 * phrases' opening words alone. The search for whole phrases, a few hundred of them under the i
 * and u flags, took 25 ms to compile, which a command run on one message, or a Lambda's first
 * event, pays in full; the opening words' search compiles in a tenth of that. It stops at seven
 * times as many places (every "our", "not", "my"), each then tried for the lists that start with
 * its letter: nothing that matters on a message's few kilobytes, but more than the compiling
 * saves once a process has searched a megabyte, or on one long text.
 */
const SHORT_TEXT = 16_384;
const SHORT_WHILE_SEARCHED = 1_048_576;

/** An atom a phrase's opening is made of: a letter or digit, or an escaped punctuation mark. */
const LITERAL_ATOM = /[A-Za-z0-9]|\\[^A-Za-z0-9]/y;
/** A quantifier after an atom makes it optional or repeated: the opening ends before that atom. */
const QUANTIFIER = /[?*+{]/y;

/**
 * The literal characters a phrase's source opens with, up to its first spacing, class, group or
 * anything else that is not a literal character ("our" of "our\s{1,3}ref"). Every match of the
 * source begins with a match of this. The whole source when it does not open with one.
 */
function opening(source: string): string {
  let end = 0;
  for (;;) {
    LITERAL_ATOM.lastIndex = end;
    const atom = LITERAL_ATOM.exec(source);
    if (!atom) break;
    QUANTIFIER.lastIndex = end + atom[0].length;
    if (QUANTIFIER.test(source)) break;
    end += atom[0].length;
  }
  return end > 0 ? source.slice(0, end) : source;
}

/** The patterns of one set of flags: searched together, since one regex has one set of flags. */
class Members {
  readonly patterns: WordStartRegex[] = [];
  /** For each pattern, the ASCII characters its matches can start with; undefined for any character. */
  readonly firsts: Array<Uint8Array | undefined> = [];
  private readonly grouped: string[] = [];
  private readonly branches: string[] = [];
  /** The search for whole phrases, and for their opening words (for short texts): each made when first needed. */
  private search: WordStartSearch | undefined;
  private shortSearch: WordStartSearch | undefined;
  /** How much text this pool has searched, in UTF-16 code units. */
  private searched = 0;
  private text: string | undefined;
  private found: RegExpExecArray[][] = [];

  constructor(private readonly ignoreCase: boolean) {}

  add(members: readonly PoolPattern[]): number {
    const offset = this.patterns.length;
    for (const { regex, alternatives } of members) {
      this.patterns.push(regex);
      this.firsts.push(alternatives ? this.firstCharacters(alternatives) : undefined);
      if (!alternatives) this.branches.push(`(?:${regex.source.replace(GROUP_NAME, '(?:')})`);
      else for (const source of alternatives) (GROUPABLE_FIRST.test(source) ? this.grouped : this.branches).push(source);
    }
    // A member joining after a search: the next text is searched with it too.
    this.search = undefined;
    this.shortSearch = undefined;
    this.text = undefined;
    return offset;
  }

  /**
   * Only whether some pattern matches at a place matters here, not which alternative does:
   * the phrases starting with an ASCII letter or digit are grouped (whole, or their openings
   * alone), and the rest stand beside them.
   */
  private anySource(openings: boolean): string {
    const grouped = openings ? [...new Set(this.grouped.map(opening))] : this.grouped;
    const branches = [...(grouped.length ? [groupedAlternation(grouped, this.ignoreCase)] : []), ...this.branches];
    return branches.length ? branches.join('|') : '';
  }

  /**
   * The ASCII characters the sources can start with, both cases under the i flag; undefined when
   * one can start otherwise. A character outside ASCII is always tried (under the i flag the
   * Kelvin sign matches k, and the long s matches s).
   */
  private firstCharacters(sources: readonly string[]): Uint8Array | undefined {
    const firsts = new Uint8Array(128);
    for (const source of sources) {
      if (!GROUPABLE_FIRST.test(source)) return undefined;
      const first = source[0]!;
      firsts[first.charCodeAt(0)] = 1;
      if (this.ignoreCase) {
        firsts[first.toLowerCase().charCodeAt(0)] = 1;
        firsts[first.toUpperCase().charCodeAt(0)] = 1;
      }
    }
    return firsts;
  }

  find(text: string): RegExpExecArray[][] {
    if (text !== this.text) {
      const search =
        text.length < SHORT_TEXT && this.searched < SHORT_WHILE_SEARCHED
          ? (this.shortSearch ??= new WordStartSearch(this.patterns, this.anySource(true), this.firsts))
          : (this.search ??= new WordStartSearch(this.patterns, this.anySource(false), this.firsts));
      this.found = search.find(text);
      this.text = text;
      this.searched += text.length;
    }
    return this.found;
  }
}

/**
 * Patterns that match only where a word starts, from every recognizer of a detector, searched
 * together once per text. Each member sees exactly the matches its own search would find. The
 * last text and its matches are kept until the next text comes.
 */
export class WordStartPool {
  private readonly byFlags = new Map<string, Members>();

  /** Adds the patterns; the search returned gives their matches, pattern by pattern as given. */
  join(patterns: readonly PoolPattern[]): PoolSearch {
    const flags = patterns[0]?.regex.flags ?? 'gu';
    if (patterns.some((p) => p.regex.flags !== flags)) throw new Error('patterns joining a pool together need the same flags');
    let members = this.byFlags.get(flags);
    if (!members) this.byFlags.set(flags, (members = new Members(flags.includes('i'))));
    const offset = members.add(patterns);
    const pool = members;
    return (text) => pool.find(text).slice(offset, offset + patterns.length);
  }

  /** Searches the text for every member, as the first member to ask about it would. */
  search(text: string): void {
    for (const members of this.byFlags.values()) members.find(text);
  }
}
