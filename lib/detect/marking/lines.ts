// Finds the line around a match. Markings are judged by where they sit on their line (a heading, a
// subject tag, a banner), and a text may hold many matches on one very long line, so the locator
// only ever moves forward: asking for every match in order costs one pass over the text.

export interface LineSpan {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the line's last character, excluding "\r\n" or "\n". */
  end: number;
}

export class LineLocator {
  private start = 0;
  /** Offset of the current line's "\n", or the text length on the last line. */
  private newline: number;

  constructor(private readonly text: string) {
    this.newline = this.newlineFrom(0);
  }

  /** The line holding `offset`. Offsets must not decrease from one call to the next. */
  at(offset: number): LineSpan {
    if (offset < this.start) throw new Error('LineLocator offsets must not decrease');
    while (offset > this.newline && this.newline < this.text.length) {
      this.start = this.newline + 1;
      this.newline = this.newlineFrom(this.start);
    }
    const end = this.newline > this.start && this.text[this.newline - 1] === '\r' ? this.newline - 1 : this.newline;
    return { start: this.start, end };
  }

  private newlineFrom(from: number): number {
    const i = this.text.indexOf('\n', from);
    return i === -1 ? this.text.length : i;
  }
}

/** The line before the one starting at `lineStart`, or undefined on the first line. */
export function lineBefore(text: string, lineStart: number): LineSpan | undefined {
  if (lineStart === 0) return undefined;
  const end = lineStart - 1;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  return { start, end };
}

/** The line after the one ending at `lineEnd` (just before its "\r\n" or "\n"), or undefined on the last line. */
export function lineAfter(text: string, lineEnd: number): LineSpan | undefined {
  let start = lineEnd;
  if (text[start] === '\r') start += 1;
  if (text[start] !== '\n') return undefined;
  start += 1;
  const newline = text.indexOf('\n', start);
  return { start, end: newline === -1 ? text.length : newline };
}
