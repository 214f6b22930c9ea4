// Reference-shaped tokens: the words a casework format is tested against. A reference is matched
// as a whole token ("CW-2024-00123" inside "xCW-2024-00123" is not one), and a token longer than
// any reference is skipped unread, so even a megabyte without a space costs one pass.

/** Longer than any case, account or claim reference. */
export const MAX_TOKEN_LENGTH = 48;

/** Characters that end a token: spacing, punctuation around references, quotes and markup. */
const BOUNDARY = '\\s,;:!?()[\\]{}<>"\'‘’“”|*=';
const BOUNDARY_CHARACTER = new RegExp(`[${BOUNDARY}]`, 'u');
/** The boundary test for ASCII, looked up rather than matched: it runs for every token. */
const ASCII_BOUNDARY = Uint8Array.from({ length: 128 }, (_, code) => (BOUNDARY_CHARACTER.test(String.fromCharCode(code)) ? 1 : 0));

function isBoundary(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code < 128 ? ASCII_BOUNDARY[code] === 1 : BOUNDARY_CHARACTER.test(text[at]!);
}

/**
 * A token's first digit and the rest of the token. Starting at a digit lets the engine skip
 * straight to the next digit, where a pattern starting at every word would try them all: most
 * words have no digit. The part of the token before its first digit is found by stepping back.
 */
const FROM_FIRST_DIGIT = new RegExp(`\\p{N}[^${BOUNDARY}]*`, 'gu');
const TOKEN_AT = new RegExp(`[^${BOUNDARY}]{1,${MAX_TOKEN_LENGTH + 1}}`, 'uy');
/** Sentence punctuation and stray joiners at either end are not part of a reference. */
const LEADING_JUNK = /^[#./\-\u2010-\u2015]{1,8}/u;
const TRAILING_JUNK = /[./\-\u2010-\u2015]{1,8}$/u;
/** The joiners in the junk above ('.', '/', '-', dashes); '#' is junk only at the start. */
const isJoiner = (code: number): boolean => code === 0x2e || code === 0x2f || code === 0x2d || (code >= 0x2010 && code <= 0x2015);
const HASH = 0x23;

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
  if (!raw) return undefined;
  // Most tokens have no junk at either end: nothing to trim.
  const first = raw.charCodeAt(0);
  if (first !== HASH && !isJoiner(first) && !isJoiner(raw.charCodeAt(raw.length - 1))) return { start, end, text: raw };
  const lead = LEADING_JUNK.exec(raw)?.[0].length ?? 0;
  const body = raw.slice(lead);
  const trail = TRAILING_JUNK.exec(body)?.[0].length ?? 0;
  const value = body.slice(0, body.length - trail);
  return value ? { start: start + lead, end: start + lead + value.length, text: value } : undefined;
}

/**
 * Where the token ending at `end` starts, or -1 when it starts more than MAX_TOKEN_LENGTH before
 * its end (too long to be a reference). Stepping back stops at a boundary or after
 * MAX_TOKEN_LENGTH characters, so the work per token is bounded.
 */
function tokenStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && !isBoundary(text, start - 1)) {
    start -= 1;
    if (end - start > MAX_TOKEN_LENGTH) return -1;
  }
  return start;
}

/**
 * Hands `visit` every reference-length token with a digit in it, in order: each maximal run of
 * characters between boundaries that holds a digit. Every reference has a digit, and most words
 * have none: not even visiting them is most of the saving when scanning prose.
 */
export function forEachReferenceToken(text: string, visit: (token: Token) => void): void {
  // A test() loop, not exec() or matchAll: a megabyte of prose holds tens of thousands of numbers,
  // and a match object for each cost more than the search. The search ends where the token does
  // (it runs from the token's first digit to the next boundary); the token's start is found by
  // stepping back from there. Tokens are handed out one at a time rather than collected, so a
  // long text never holds them all at once, and to a callback rather than by a generator, whose
  // result object for each token was a sixteenth of what scanning a long text allocated.
  const search = new RegExp(FROM_FIRST_DIGIT);
  while (search.test(text)) {
    const end = search.lastIndex;
    const start = tokenStart(text, end);
    if (start < 0) continue;
    const token = trimmed(text, start, end);
    if (!token) continue;
    visit(token);
    // Most tokens hold neither a dot nor an underscore: no file name parts to look for.
    if (token.text.includes('.') || token.text.includes(UNDERSCORE)) fileNameParts(text, token, visit);
  }
}

/**
 * A file extension ending a token: a dot, a letter, then up to four letters or digits (".pdf",
 * ".docx", ".mp4"). Anchored at the end of a token of at most MAX_TOKEN_LENGTH characters.
 */
const FILE_EXTENSION = /\.\p{L}[\p{L}\p{N}]{0,4}$/u;
const UNDERSCORE = '_';
const DIGIT_IN = /\p{N}/u;

/** The token without a file extension ("CW-2025-01873" of "CW-2025-01873.pdf"), or undefined when it has none. */
export function fileStem(text: string, token: Token): Token | undefined {
  const extension = FILE_EXTENSION.exec(token.text);
  return extension ? trimmed(text, token.start, token.end - extension[0].length) : undefined;
}

/**
 * A reference in the name of an attachment or document is joined to the rest of the name by a
 * dot or underscores ("CW-2025-01873_letter.docx"), which are not boundaries: references can
 * hold dots, and some hold underscores. So the token is handed out whole, and then its stem
 * without the extension and each part of the stem between underscores that holds a digit. A
 * token is at most MAX_TOKEN_LENGTH characters, so its parts cost constant time.
 */
function fileNameParts(text: string, token: Token, visit: (token: Token) => void): void {
  const stem = fileStem(text, token);
  if (stem) visit(stem);
  const name = stem ?? token;
  if (!name.text.includes(UNDERSCORE)) return;
  let from = name.start;
  for (const part of name.text.split(UNDERSCORE)) {
    const piece = DIGIT_IN.test(part) ? trimmed(text, from, from + part.length) : undefined;
    if (piece) visit(piece);
    from += part.length + UNDERSCORE.length;
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
