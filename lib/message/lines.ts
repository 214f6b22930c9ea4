// Splits text into lines with their offsets, so line-based rules can mark exact character ranges.

export interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the line's content (before its line break). */
  end: number;
  /** Offset of the next line: past the line break, or the end of the text. */
  next: number;
  /** The content without the line break or a trailing carriage return. */
  text: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let end = newline === -1 ? text.length : newline;
    if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
    lines.push({ start, end, next, text: text.slice(start, end) });
    start = next;
  }
  return lines;
}

/** Index of the next non-blank line after `from`, looking at most `within` lines ahead. */
export function nextNonBlank(lines: readonly Line[], from: number, within: number): number | undefined {
  for (let i = from + 1; i < lines.length && i <= from + within; i += 1) {
    if ((lines[i]?.text.trim() ?? '') !== '') return i;
  }
  return undefined;
}

/** Strips the given characters from both ends (a loop: an end-anchored regex would backtrack). */
export function strip(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text.charAt(start))) start += 1;
  while (end > start && chars.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}
