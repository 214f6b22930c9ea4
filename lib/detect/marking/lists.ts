// A list of classification names ("- Official / - Secret / - Top Secret", "1. OFFICIAL: routine
// business … 2. OFFICIAL-SENSITIVE: …") is guidance about the scheme, not a marking: a list item
// names a classification when a neighbouring item of the same list starts with a classification
// name too. An applied banner stands alone; it is never one of several names in a list.
//
// Only a few lines either side are read, and only the start of each, so the cost per match is
// constant.
import { phraseAlternation, DASH_GAP, WORD_END } from '../phrases.ts';
import { lineAfter, lineBefore, type LineSpan } from './lines.ts';

/** A bullet or a number, then a space: what starts a list item. */
const LIST_MARKER = /^[ \t>]{0,12}(?:[-*•·▪◦‣∙–—]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)])[ \t]{1,8}/iu;
/** How many lines either side are searched for a neighbouring item (an item may have a description line). */
const NEIGHBOURS = 4;
/** Only the start of a line is read: a list marker and a name fit in this. */
const LINE_HEAD = 120;

export class NameLists {
  private readonly nameAtStart: RegExp | undefined;

  /** `names`: every classification name, including those never counted on their own (OFFICIAL). */
  constructor(names: readonly string[]) {
    this.nameAtStart = names.length ? new RegExp(`^${phraseAlternation(names, DASH_GAP)}${WORD_END}`, 'iu') : undefined;
  }

  /** True when the match starts a list item and a neighbouring item of the list starts with a name too. */
  isListedName(text: string, line: LineSpan, start: number): boolean {
    if (!this.nameAtStart) return false;
    const marker = LIST_MARKER.exec(text.slice(line.start, Math.min(line.end, line.start + LINE_HEAD)));
    if (!marker || line.start + marker[0].length !== start) return false;
    return this.neighbourNamed(text, line.start, -1) || this.neighbourNamed(text, line.end, 1);
  }

  /** The nearest list item above (direction -1) or below (+1) within NEIGHBOURS lines starts with a name. */
  private neighbourNamed(text: string, from: number, direction: -1 | 1): boolean {
    let edge = from;
    for (let i = 0; i < NEIGHBOURS; i += 1) {
      const line = direction === -1 ? lineBefore(text, edge) : lineAfter(text, edge);
      if (!line) return false;
      const head = text.slice(line.start, Math.min(line.end, line.start + LINE_HEAD));
      const marker = LIST_MARKER.exec(head);
      if (marker) return this.nameAtStart!.test(head.slice(marker[0].length));
      edge = direction === -1 ? line.start : line.end;
    }
    return false;
  }
}
