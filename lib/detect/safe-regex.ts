// Checks a regular expression an administrator wrote (a casework format) before the gateway uses
// it. Scanning must stay linear in the size of a message, and one careless pattern such as (a+)+
// could stall every message, so a pattern whose matching cost is not clearly bounded is refused
// with a RuleError that says what to change.
//
// The check reads the pattern's structure (it is first compiled, so only valid syntax is read):
// - no backreferences or lookarounds: they defeat the bounds below;
// - every repetition has a maximum, at most MAX_REPEAT;
// - a group repeated more than once may not itself contain a variable repetition or alternatives
//   ((a+)+, (a|a)*): that is what makes backtracking explode. A fixed inner shape, (?:\d{4}-){2},
//   and an optional group, (?:-\d{1,3})?, are fine;
// - the number of ways the pattern can split one piece of text (the product of each repetition's
//   range and each alternation's branches) is at most MAX_WAYS, which bounds the work per attempt
//   even for repetitions side by side such as \d{1,9}\d{1,9}.
import { RuleError } from '../errors.ts';

export const MAX_PATTERN_LENGTH = 200;
/** References are short; a low ceiling on any repetition keeps every attempt short too. */
export const MAX_REPEAT = 64;
/** Upper bound on the ways one attempt can backtrack; real reference formats need a few hundred. */
export const MAX_WAYS = 10_000;

/** What a piece of pattern can do to backtracking. */
interface Shape {
  /** How many different ways this piece can match (an upper bound). */
  ways: number;
  /** Contains a repetition whose count can vary. */
  repeats: boolean;
  /** Contains alternatives (a|b). */
  branches: boolean;
  /** Is a group, so a quantifier after it repeats everything inside. */
  group: boolean;
}

const FIXED: Shape = { ways: 1, repeats: false, branches: false, group: false };

/** Thrown inside the reader to stop at the first problem; never leaves this module. */
class Refused extends Error {}

class PatternReader {
  private i = 0;

  constructor(private readonly src: string) {}

  read(): void {
    this.alternation();
  }

  private alternation(): Shape {
    const first = this.sequence();
    if (this.src[this.i] !== '|') return first;
    let ways = first.ways;
    let repeats = first.repeats;
    while (this.src[this.i] === '|') {
      this.i += 1;
      const next = this.sequence();
      ways += next.ways;
      repeats ||= next.repeats;
    }
    return { ways: this.capped(ways), repeats, branches: true, group: false };
  }

  private sequence(): Shape {
    let ways = 1;
    let repeats = false;
    let branches = false;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const item = this.quantified(this.atom());
      ways = this.capped(ways * item.ways);
      repeats ||= item.repeats;
      branches ||= item.branches;
    }
    return { ways, repeats, branches, group: false };
  }

  private atom(): Shape {
    const c = this.src[this.i];
    if (c === '(') return this.group();
    if (c === '[') {
      this.characterClass();
      return FIXED;
    }
    if (c === '\\') {
      this.escape();
      return FIXED;
    }
    this.i += 1; // a literal character, '.', '^' or '$'
    return FIXED;
  }

  private group(): Shape {
    this.i += 1;
    if (this.src[this.i] === '?') {
      const kind = this.src[this.i + 1];
      const behind = kind === '<' ? this.src[this.i + 2] : undefined;
      if (kind === '=' || kind === '!' || behind === '=' || behind === '!') {
        throw new Refused('it uses a lookahead or lookbehind ((?= (?! (?<= (?<!); describe the reference itself instead');
      }
      if (kind === ':') this.i += 2;
      else if (kind === '<') this.i = this.after('>');
      else throw new Refused('it uses a group form the gateway does not support; use (...) or (?:...)');
    }
    const inner = this.alternation();
    this.i += 1; // ')'
    return { ...inner, group: true };
  }

  private characterClass(): void {
    this.i += 1;
    if (this.src[this.i] === '^') this.i += 1;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      if (this.src[this.i] === '\\') this.escape();
      else this.i += 1;
    }
    this.i += 1;
  }

  private escape(): void {
    const c = this.src[this.i + 1] ?? '';
    if (/[1-9]/.test(c) || c === 'k') {
      throw new Refused('it uses a backreference (\\1 or \\k<name>); write out what should repeat instead');
    }
    if (c === 'p' || c === 'P' || (c === 'u' && this.src[this.i + 2] === '{')) {
      this.i = this.after('}');
    } else if (c === 'u') this.i += 6;
    else if (c === 'x') this.i += 4;
    else if (c === 'c') this.i += 3;
    else this.i += 2;
  }

  /** Reads a quantifier after `atom`, if there is one, and judges the pair. */
  private quantified(atom: Shape): Shape {
    const range = this.quantifier();
    if (!range) return atom;
    const [min, max] = range;
    if (max === Infinity) {
      throw new Refused('it has an open-ended repetition (+, * or {n,}); give a maximum, for example \\d{1,10} instead of \\d+');
    }
    if (max > MAX_REPEAT) throw new Refused(`it repeats something more than ${MAX_REPEAT} times; references are never that long`);
    if (atom.group && max > 1 && atom.branches) {
      throw new Refused('a repeated group contains alternatives, like (a|b)*; use a character class such as [ab] instead');
    }
    if (atom.group && max > 1 && atom.repeats) {
      throw new Refused('a repeated group contains a repetition of varying length, like (a+)+; repeat a fixed shape or merge the repetitions');
    }
    const variable = min !== max;
    // Only a fixed shape or an optional group gets here, so either the count varies or the inside does.
    const ways = atom.ways === 1 ? max - min + 1 : atom.ways + (variable ? 1 : 0);
    return { ways: this.capped(ways), repeats: atom.repeats || variable, branches: atom.branches, group: false };
  }

  private quantifier(): [number, number] | undefined {
    const c = this.src[this.i];
    let range: [number, number] | undefined;
    if (c === '*') range = [0, Infinity];
    else if (c === '+') range = [1, Infinity];
    else if (c === '?') range = [0, 1];
    if (range) {
      this.i += 1;
    } else if (c === '{') {
      // The pattern compiled with the u flag, so a '{' here is always a well-formed quantifier.
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) return undefined;
      const min = Number(m[1]);
      range = [min, m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])];
      this.i += m[0].length;
    } else {
      return undefined;
    }
    if (this.src[this.i] === '?') this.i += 1; // lazy: same cost
    return range;
  }

  /** Just past the next `c`; the pattern compiled, so it is there, but never move backwards. */
  private after(c: string): number {
    const at = this.src.indexOf(c, this.i);
    return at === -1 ? this.src.length : at + 1;
  }

  private capped(ways: number): number {
    if (ways > MAX_WAYS) {
      throw new Refused(
        `it can match the same text in too many ways (more than ${MAX_WAYS}); use fixed lengths, fewer optional parts or narrower ranges`,
      );
    }
    return ways;
  }
}

/** Why the pattern is unsafe or invalid, in words for an administrator; undefined when it is fine. */
export function unsafeRegexReason(source: string): string | undefined {
  if (source.length === 0) return 'the pattern is empty';
  if (source.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `it is not a valid regular expression (${(error as Error).message})`;
  }
  try {
    new PatternReader(source).read();
  } catch (error) {
    if (error instanceof Refused) return error.message;
    throw error;
  }
  return undefined;
}

/** Throws a RuleError naming `owner` (e.g. the format) when the pattern is unsafe or invalid. */
export function assertSafeRegex(source: string, owner: string): void {
  const reason = unsafeRegexReason(source);
  if (reason !== undefined) throw new RuleError(`${owner}: pattern refused: ${reason}`);
}
