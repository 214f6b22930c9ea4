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
/** Double quotation marks, the only characters that change what is open; most texts have none. */
const MARKS = ['"', '“', '„', '«', '”', '»'];
/** A paragraph break: it matters only while a mark is open, so it is searched for only then. */
const PARAGRAPH_BREAK = new RegExp(BREAK, 'g');
/** A closing mark, or the paragraph break that comes first. */
const CLOSE_OR_BREAK = new RegExp(`["”»]|${BREAK}`, 'g');

export class QuotationSpans {
  /** Offset up to which the text has been walked: every mark and break before it is accounted for. */
  private walked = 0;
  /** The first mark at or after `walked` (-1 until first asked): found once, so text without marks is searched once. */
  private nextMark = -1;
  /** Each kind of mark's next offset (the text length when none): a kind is searched again only once walked past. */
  private readonly nextOfKind = MARKS.map(() => -1);
  /** The last forward search for a break: from where, and the break it found (the text length when none). */
  private breakSearchedFrom = -1;
  private breakFoundAt = -1;
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

  /**
   * Accounts for every mark before `offset`, and for a paragraph break only while a mark is open
   * (a break closes it): a text without marks is searched once for them and never for breaks.
   */
  private walkTo(offset: number): void {
    if (offset <= this.walked) return;
    let at = this.walked;
    if (this.nextMark === -1) this.nextMark = this.markFrom(at);
    while (true) {
      const stop = Math.min(this.nextMark, offset);
      if ((this.straightOpen !== -1 || this.curlyOpen !== -1) && this.breakFrom(at) < stop) this.straightOpen = this.curlyOpen = -1;
      if (this.nextMark >= offset) break;
      const mark = this.nextMark;
      const c = this.text[mark];
      if (c === '"') this.straightOpen = this.straightOpen === -1 ? mark : -1;
      else if (c === '”' || c === '»') this.curlyOpen = -1;
      else this.curlyOpen = mark;
      at = mark + 1;
      this.nextMark = this.markFrom(at);
    }
    this.walked = offset;
  }

  /**
   * Offset of the first mark at or after `from`, or the text length. A search for one character
   * (indexOf) is several times faster than a class of non-ASCII characters in a regex, and each
   * kind's search is remembered until walked past, so each kind is read over once per text.
   */
  private markFrom(from: number): number {
    let first = this.text.length;
    for (let k = 0; k < MARKS.length; k += 1) {
      let next = this.nextOfKind[k]!;
      if (next < from) {
        const i = this.text.indexOf(MARKS[k]!, from);
        next = i === -1 ? this.text.length : i;
        this.nextOfKind[k] = next;
      }
      if (next < first) first = next;
    }
    return first;
  }

  /** Offset of the first paragraph break starting at or after `from`, or the text length. One search serves every `from` it passes over. */
  private breakFrom(from: number): number {
    if (this.breakSearchedFrom !== -1 && this.breakSearchedFrom <= from && from <= this.breakFoundAt) return this.breakFoundAt;
    PARAGRAPH_BREAK.lastIndex = from;
    this.breakSearchedFrom = from;
    this.breakFoundAt = PARAGRAPH_BREAK.exec(this.text)?.index ?? this.text.length;
    return this.breakFoundAt;
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
