// Where a phrase sits on its line, which is what separates a marking from the same word in prose:
// "RESTRICTED" on a line of its own, "[Restricted] minutes" in a subject, or "Minutes – RESTRICTED"
// at the end of one are markings; "the restricted parking zone" is not. Every look is bounded to a
// few dozen characters either side, so judging one match costs the same on any length of line.
import type { LineSpan } from './lines.ts';

export interface Place {
  /** Only decoration, list numbering or "Re:"/"Fwd:"/"Subject:" before it on its line. */
  leading: boolean;
  /** Only decoration after it on its line. */
  trailing: boolean;
  /** Written inside [ ] or ( ). */
  bracketed: boolean;
  /** A dash, bar, slash or colon and a space just before it: "Minutes – RESTRICTED". */
  afterSeparator: boolean;
  /** What follows it on the line: nothing, a colon, other punctuation, a word in capitals, or other words. */
  next: 'end' | 'colon' | 'separator' | 'capitals' | 'words';
}

/** How far either side of a match the line is read. A heading's decoration is never longer. */
const REACH = 40;

/** Asterisks, rules, bullets, brackets, quote marks, numbering and reply prefixes: what may precede a heading. */
const LEAD = /^(?:[\s>*#=~_|•·\-\u2010-\u2015\u2212[({<]|(?:re|fwd?|aw|subject)[ \t]{0,2}:|\d{1,3}[.)])*$/iu;
/** What may follow a heading on its own line. Not "." or "!": "Secret!" on its own is a reply, not a marking. */
const TAIL = /^[\s*#=~_|•·\-\u2010-\u2015\u2212\])}>:]*$/u;
const OPENING_BRACKET = /[[(][ \t]{0,2}$/u;
const CLOSING_BRACKET = /^[ \t]{0,2}[\])]/u;
const SEPARATOR_BEFORE = /[:|/\-\u2010-\u2015\u2212][ \t]{1,3}$/u;
const NEXT_MARK = /^[ \t]*(\S)/u;
const NEXT_WORD = /^[ \t]*(\p{L}{1,20})/u;
const PUNCTUATION = /[-\u2010-\u2015\u2212|/,.;)\]]/u;

/** A match that runs over a line break is running text, unless its lines hold nothing else. */
const PROSE: Place = { leading: false, trailing: false, bracketed: false, afterSeparator: false, next: 'words' };

export function placeOf(text: string, line: LineSpan, start: number, end: number): Place {
  if (end > line.end) return blockPlace(text, line, start, end);
  const leading = start - line.start <= REACH && LEAD.test(text.slice(line.start, start));
  const tail = text.slice(end, Math.min(line.end, end + REACH));
  const trailing = line.end - end <= REACH && TAIL.test(tail);
  const before = text.slice(Math.max(line.start, start - 4), start);
  return {
    leading,
    trailing,
    bracketed: OPENING_BRACKET.test(before) && CLOSING_BRACKET.test(tail),
    afterSeparator: SEPARATOR_BEFORE.test(before),
    next: trailing ? 'end' : nextOnLine(tail),
  };
}

/**
 * A marking broken over lines ("OFFICIAL" / "SENSITIVE", a banner wrapped in a quoted reply) is a
 * banner when nothing but decoration shares its first and last lines; otherwise it is running
 * text wrapped at the end of a line.
 */
function blockPlace(text: string, line: LineSpan, start: number, end: number): Place {
  const leading = start - line.start <= REACH && LEAD.test(text.slice(line.start, start));
  const after = text.slice(end, Math.min(text.length, end + REACH + 1));
  const lineEnd = after.search(/\r?\n/u);
  const tail = lineEnd === -1 ? after : after.slice(0, lineEnd);
  const trailing = (lineEnd !== -1 || end + after.length === text.length) && TAIL.test(tail);
  return leading && trailing ? { leading, trailing, bracketed: false, afterSeparator: false, next: 'end' } : PROSE;
}

function nextOnLine(tail: string): Place['next'] {
  const mark = NEXT_MARK.exec(tail)?.[1];
  if (mark === ':') return 'colon';
  if (mark !== undefined && PUNCTUATION.test(mark)) return 'separator';
  const word = NEXT_WORD.exec(tail)?.[1];
  return word !== undefined && word.length > 1 && isUpperCase(word) ? 'capitals' : 'words';
}

/** Letters, all in capitals. */
export function isUpperCase(text: string): boolean {
  return /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}

/** The first letter is a capital: "Confidential", "CONFIDENTIAL". */
export function startsWithCapital(text: string): boolean {
  return /^\P{L}*\p{Lu}/u.test(text);
}

/** Every word starts with a capital: "Official Sensitive". */
export function everyWordCapitalised(text: string): boolean {
  return !/(?<!\p{L})\p{Ll}/u.test(text);
}

/** Where a marking goes: the start of a line, a bracketed tag, or the end of a line after a dash or colon. */
export function isMarkingPlace(place: Place): boolean {
  return place.leading || place.bracketed || (place.trailing && place.afterSeparator);
}

/** The place in words, for the finding's explanation. */
export function describePlace(place: Place): string {
  if (place.leading && place.trailing) return 'on a line of its own';
  if (place.bracketed) return 'as a bracketed tag';
  if (place.leading) return 'at the start of a line';
  if (place.trailing && place.afterSeparator) return 'at the end of a line';
  return 'in running text';
}
