// Reference-shaped tokens: the words a casework format is tested against. A reference is matched
// as a whole token ("CW-2024-00123" inside "xCW-2024-00123" is not one), and a token longer than
// any reference is skipped unread, so even a megabyte without a space costs one pass.

/** Longer than any case, account or claim reference. */
export const MAX_TOKEN_LENGTH = 48;

/** Characters that end a token: spacing, punctuation around references, quotes and markup. */
const BOUNDARY = '\\s,;:!?()[\\]{}<>"\'‘’“”|*=';
/**
 * A whole token with a digit in it. It can start only where a token starts (the look-behind), so
 * even a megabyte with no boundary is one pass: the leading run is read once and given back once.
 */
const TOKEN_WITH_DIGIT = new RegExp(`(?<![^${BOUNDARY}])[^${BOUNDARY}\\p{N}]*\\p{N}[^${BOUNDARY}]*`, 'gu');
const TOKEN_AT = new RegExp(`[^${BOUNDARY}]{1,${MAX_TOKEN_LENGTH + 1}}`, 'uy');
/** Sentence punctuation and stray joiners at either end are not part of a reference. */
const LEADING_JUNK = /^[#./\-\u2010-\u2015]{1,8}/u;
const TRAILING_JUNK = /[./\-\u2010-\u2015]{1,8}$/u;

/** Between an introducer and its reference: "Our ref: ", "case ref. ", "HB claim #". */
const GAP = /[\s:#=.\-\u2010-\u2015]{0,8}/uy;
/** Words that may sit between an introducer and its reference: "council tax account number …". */
const CONNECTOR = /(?:number|num|nos|no|reference|ref|is)\.?(?![\p{L}\p{N}])/iuy;

export interface Token {
  start: number;
  end: number;
  text: string;
}

function trimmed(text: string, start: number, end: number): Token | undefined {
  const raw = text.slice(start, end);
  const lead = LEADING_JUNK.exec(raw)?.[0].length ?? 0;
  const body = raw.slice(lead);
  const trail = TRAILING_JUNK.exec(body)?.[0].length ?? 0;
  const value = body.slice(0, body.length - trail);
  return value ? { start: start + lead, end: start + lead + value.length, text: value } : undefined;
}

/**
 * Every reference-length token with a digit in it, in order. Every reference has a digit, and most
 * words have none: not even visiting them is most of the saving when scanning prose.
 */
export function* referenceTokens(text: string): Generator<Token> {
  for (const m of text.matchAll(TOKEN_WITH_DIGIT)) {
    if (m[0].length > MAX_TOKEN_LENGTH) continue;
    const token = trimmed(text, m.index, m.index + m[0].length);
    if (token) yield token;
  }
}

/** The token an introducer at `from` introduces, skipping separators and up to two words like "no." or "number". */
export function tokenAfter(text: string, from: number): Token | undefined {
  let at = from;
  for (let word = 0; ; word += 1) {
    GAP.lastIndex = at;
    at += GAP.exec(text)?.[0].length ?? 0;
    if (word === 2) break;
    CONNECTOR.lastIndex = at;
    const connector = CONNECTOR.exec(text);
    if (!connector) break;
    at += connector[0].length;
  }
  TOKEN_AT.lastIndex = at;
  const m = TOKEN_AT.exec(text);
  if (!m || m[0].length > MAX_TOKEN_LENGTH) return undefined;
  return trimmed(text, at, at + m[0].length);
}
