// Email disclaimer footers ("This email and any attachments are confidential and intended solely
// for the addressee…") use the same words as real markings but are boilerplate on every message a
// council sends; counting them would hold all external mail. A footer gives itself away with its
// own stock phrases ("intended recipient", "received this in error", "notify the sender"), so a
// phrase whose paragraph also holds one of those is not a marking.
import { WordList } from '../context.ts';

/** How far either side of a match its paragraph is read; a disclaimer's cue is always close by. */
const REACH = 300;
const PARAGRAPH_BREAK = /\n[ \t\r]*\n/g;
const FIRST_PARAGRAPH_BREAK = /\n[ \t\r]*\n/;

export class DisclaimerCues {
  private readonly cues: WordList;

  constructor(cues: readonly string[]) {
    this.cues = new WordList(cues);
  }

  /** True when [start, end) sits in a paragraph that reads as an email disclaimer. */
  surrounds(text: string, start: number, end: number): boolean {
    if (this.cues.isEmpty) return false;
    const windowStart = Math.max(0, start - REACH);
    let from = windowStart;
    for (const m of text.slice(windowStart, start).matchAll(PARAGRAPH_BREAK)) from = windowStart + m.index + m[0].length;
    let to = Math.min(text.length, end + REACH);
    const after = FIRST_PARAGRAPH_BREAK.exec(text.slice(end, to));
    if (after) to = end + after.index;
    return this.cues.findIn(text, from, to) !== undefined;
  }
}
