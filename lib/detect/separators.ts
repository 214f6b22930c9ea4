// What may stand between the groups of an identifier as a reader still reads it as one: any short
// run of spacing and line breaks (a 72-column hard wrap, with the "> " a quoted reply puts at the
// start of the next line), dots, slashes, dashes and underscores. Runs are bounded, so a pattern
// built from them costs a bounded number of steps wherever it starts, and the separators share no
// character with the letters and digits around them, so there is only one way to split a match.

/** One separator character (dashes are folded to "-" before recognizers run; the rest are kept for direct callers). */
export const SEPARATOR = '[\\s._/\\-\\u2010-\\u2015\\u2212>]';
/** A run of separators, possibly empty, between two groups. */
export const GROUP_GAP = `${SEPARATOR}{0,8}`;
/** Not a letter or digit, nor a digit a separator run away: the value is not part of a longer run of groups. */
export const NOT_AFTER_GROUPS = `(?<![\\p{L}\\p{N}])(?<!\\p{N}${SEPARATOR}{1,8})`;
export const NOT_BEFORE_GROUPS = `(?![\\p{L}\\p{N}])(?!${SEPARATOR}{1,8}\\p{N})`;

/** `count` digits with a separator run allowed between any two. */
export function spreadDigits(count: number): string {
  return `\\d(?:${GROUP_GAP}\\d){${count - 1}}`;
}

const WHITESPACE = /^\s$/u;

/**
 * Whether the character with this UTF-16 code is a SEPARATOR, without a regex for the common case:
 * `\s` under the u flag, `.` `_` `/` `-` `>`, U+2010–U+2015 and U+2212.
 */
export function isSeparatorCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13) || code === 46 || code === 95 || code === 47 || code === 45 || code === 62;
  return (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || WHITESPACE.test(String.fromCharCode(code));
}
