// A quotation that runs over several lines or sentences: minutes or a decision record quoted in
// full ("It is recommended that the Press and Public be excluded … without disclosing any exempt
// information …"), an agenda's proposed resolution in quotation marks. Everything between the
// opening and closing marks is someone's recorded words, so a marking there is talked about.
//
// Only double quotation marks open such a span: single ones are also apostrophes ("trust's"). A
// quotation never runs over a blank line, and both marks must lie within REACH of the match, so a
// stray mark far away cannot turn the rest of a long text into a quotation (fail closed). Matches
// are asked about in text order and the text is walked forward once, so the cost is linear.

/** How far from a match its opening and closing marks may be: a long quoted resolution, not a page. */
const REACH = 1500;
/** A blank line (spaces and reply prefixes only) ends a paragraph, and any quotation open in it. */
const BREAK = '\\n[ \\t\\r>]{0,40}\\n';
/** What matters while walking forward: double quotation marks and paragraph breaks. */
const INTERESTING = new RegExp(`["“„«”»]|${BREAK}`, 'g');
/** A closing mark, or the paragraph break that comes first. */
const CLOSE_OR_BREAK = new RegExp(`["”»]|${BREAK}`, 'g');

export class QuotationSpans {
  /** Offset up to which the text has been walked. */
  private walked = 0;
  /** The first mark or break at or after `walked` (-1 until first asked): found once, so text without marks is searched once. */
  private pending = -1;
  /** Offset of an unclosed straight opening mark in the current paragraph, or -1. */
  private straightOpen = -1;
  /** Offset of an unclosed curly opening mark or guillemet in the current paragraph, or -1. */
  private curlyOpen = -1;
  /** The last forward search for a close: from where, and what it found (-1: a break or nothing). */
  private closeFrom = -1;
  private closeAt = -1;
  private closeLimit = -1;

  constructor(private readonly text: string) {}

  /** True when [start, end) lies inside a double-quoted span of its paragraph. Starts must not decrease. */
  encloses(start: number, end: number): boolean {
    this.walkTo(start);
    const open = Math.max(this.straightOpen, this.curlyOpen);
    if (open === -1 || start - open > REACH) return false;
    const close = this.closeAfter(end);
    return close !== -1 && close - end <= REACH;
  }

  private walkTo(offset: number): void {
    if (offset <= this.walked) return;
    let at = this.pending === -1 ? this.markFrom(this.walked) : this.pending;
    while (at < offset) {
      const c = this.text[at];
      if (c === '\n') this.straightOpen = this.curlyOpen = -1;
      else if (c === '"') this.straightOpen = this.straightOpen === -1 ? at : -1;
      else if (c === '”' || c === '»') this.curlyOpen = -1;
      else this.curlyOpen = at;
      at = this.markFrom(at + 1);
    }
    this.pending = at;
    this.walked = offset;
  }

  /** Offset of the first mark or paragraph break at or after `from`, or the text length. */
  private markFrom(from: number): number {
    INTERESTING.lastIndex = from;
    return INTERESTING.exec(this.text)?.index ?? this.text.length;
  }

  /** Offset of the first closing mark after `end` in its paragraph, or -1. One search serves every end it passes over. */
  private closeAfter(end: number): number {
    if (this.closeFrom !== -1 && this.closeFrom <= end && end <= this.closeLimit) return this.closeAt;
    CLOSE_OR_BREAK.lastIndex = end;
    const m = CLOSE_OR_BREAK.exec(this.text);
    this.closeFrom = end;
    this.closeLimit = m ? m.index : this.text.length;
    this.closeAt = m && m[0].length === 1 ? m.index : -1;
    return this.closeAt;
  }
}
