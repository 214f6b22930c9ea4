// Casework references written the way a reader still reads as one reference though the format
// says otherwise: with spaces, slashes, dots or a line break between the groups ("CW 2024 00123",
// "CW/2024/00123", "CW-2024-\n00123"), or with no separators at all ("CW202400123"). A format is
// compared, separators aside, with the letters and digits of a short chain of groups.
//
// A chain starts at a word with a digit, or at one short word of letters just before it (a
// prefix such as "CW" or "HB"), and runs on through the groups with a digit that follow, each a
// separator run apart (see separators.ts). Chains are short and bounded, so the cost per word with
// a digit is constant.
import type { Token } from './reference-tokens.ts';
import { SEPARATOR } from './separators.ts';

/** Longest chain, in letters and digits: longer than any reference. */
const MAX_COMPACT = 40;
/** Groups after the first one. */
const MAX_GROUPS = 5;
/** A prefix of letters before the first group with a digit ("CW", "HB", "CTAX"). */
const MAX_PREFIX = 5;

const GROUP = /[\p{L}\p{N}]{1,40}/uy;
const GAP = new RegExp(`${SEPARATOR}{1,8}`, 'uy');
const GAP_BEFORE = new RegExp(`${SEPARATOR}{1,8}$`, 'u');
const PREFIX_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}])\\p{L}{1,${MAX_PREFIX}}$`, 'u');
const HAS_DIGIT = /\p{N}/u;
const SEPARATOR_CHARACTER = new RegExp(SEPARATOR, 'u');

/** A run of letters and digits with where it ends in the text. */
interface Stretch {
  compact: string;
  start: number;
  end: number;
}

/**
 * The pattern with each literal separator (and its quantifier) replaced: by nothing, to test the
 * letters and digits alone, or by any separator run ("CW-\d{4}-\d{5}" → "CW[…]{0,8}\d{4}[…]{0,8}\d{5}",
 * "(?:HB|CT)[/-]\d{5,10}" → "(?:HB|CT)[…]{0,8}\d{5,10}"). Undefined when the pattern has none.
 */
export function replaceSeparators(pattern: string, replacement: string): string | undefined {
  let out = '';
  let changed = false;
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    let piece: string;
    let separatorOnly: boolean;
    if (ch === '\\') {
      piece = pattern.slice(i, i + 2);
      separatorOnly = /^\\[-/._ ]$/.test(piece);
    } else if (ch === '[') {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      piece = pattern.slice(i, j + 1);
      separatorOnly = /^\[(?:\\?[-/._ ])+\]$/.test(piece);
    } else {
      piece = ch;
      separatorOnly = ch === '-' || ch === '/' || ch === '_';
    }
    i += piece.length;
    if (!separatorOnly) {
      out += piece;
      continue;
    }
    changed = true;
    out += replacement;
    // Its quantifier goes with it ("INV-?\d{4}").
    const quantifier = /^(?:[?*+]|\{\d+(?:,\d*)?\})\??/.exec(pattern.slice(i));
    if (quantifier) i += quantifier[0].length;
  }
  return changed ? out : undefined;
}

/**
 * A run of separators, or none, where a format has a separator: up to four, enough for a wrap in
 * a quoted reply (" \n> "), and short enough that the format passes the safety check's count of
 * ways to match (see safe-regex.ts).
 */
export const ANY_SEPARATORS = `${SEPARATOR}{0,4}`;

/** The letters and digits of the chains that start at `token`, or at a short word before it, longest first. */
export function spreadChains(text: string, token: Token): Stretch[] {
  const chains = chainsFrom(text, token.start, token.start, '');
  // A short prefix of letters a separator run before a word that opens with a digit ("CW 2024 …").
  if (!/^\p{N}/u.test(token.text)) return chains;
  const before = text.slice(Math.max(0, token.start - 8 - MAX_PREFIX), token.start);
  const gap = GAP_BEFORE.exec(before);
  const prefix = gap ? PREFIX_BEFORE.exec(before.slice(0, gap.index)) : null;
  if (!gap || !prefix) return chains;
  const start = token.start - (before.length - gap.index) - prefix[0].length;
  return [...chainsFrom(text, start, token.start, prefix[0]), ...chains];
}

/** Chains from `start` whose groups begin at `at`, after the letters `compact` already read. */
function chainsFrom(text: string, start: number, at: number, compact: string): Stretch[] {
  const ends: Stretch[] = [];
  for (let groups = 0; groups <= MAX_GROUPS && compact.length <= MAX_COMPACT; groups += 1) {
    if (groups > 0) {
      GAP.lastIndex = at;
      const sep = GAP.exec(text);
      if (!sep) break;
      at += sep[0].length;
    }
    GROUP.lastIndex = at;
    const group = GROUP.exec(text);
    if (!group || (groups > 0 && !HAS_DIGIT.test(group[0]))) break;
    compact += group[0];
    at += group[0].length;
    if (at < text.length && /[\p{L}\p{N}]/u.test(text[at]!)) break;
    ends.push({ compact, start, end: at });
  }
  // Only chains that join groups across a separator are new: a single word is the token itself.
  return ends.filter((s) => s.compact.length <= MAX_COMPACT && HAS_DIGIT.test(s.compact) && hasSeparator(text, s)).reverse();
}

function hasSeparator(text: string, stretch: Stretch): boolean {
  for (let i = stretch.start; i < stretch.end; i += 1) if (SEPARATOR_CHARACTER.test(text[i]!)) return true;
  return false;
}
