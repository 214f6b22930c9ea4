// The first and last few lines of a text, where a marking is applied: the banner at the top of a
// letter, the header and footer of a document (the attachment readers put those at the start and
// end of its text), the label above a forwarded message. A classification name in the middle of a
// text is more often talked about (guidance, minutes) than applied, so the recognizers judge it
// more strictly there.
//
// A text may be given as several stretches (the blocks of a message: the sender's own text, each
// quoted or forwarded message): each has edges of its own, because a forwarded message's banner
// sits in the middle of the message that carries it.

/** How many non-blank lines at each end count as the edge: a banner, a title and a date line. */
export const EDGE_LINES = 3;

import type { TextSpan as Stretch } from '../types.ts';

export type { Stretch };

/** The edge zones of a text, queried with offsets that never decrease (one pass over them). */
export class TextEdges {
  private readonly zones: Stretch[];
  private next = 0;

  constructor(text: string, stretches: readonly Stretch[] = []) {
    const all = [{ start: 0, end: text.length }, ...stretches];
    const zones: Stretch[] = [];
    for (const s of all) {
      if (s.end <= s.start) continue;
      zones.push({ start: s.start, end: headEnd(text, s) }, { start: tailStart(text, s), end: s.end });
    }
    this.zones = merge(zones);
  }

  /** True when `offset` is in the first or last few non-blank lines of the text or of a stretch. */
  at(offset: number): boolean {
    while (this.next < this.zones.length && this.zones[this.next]!.end <= offset) this.next += 1;
    const zone = this.zones[this.next];
    return zone !== undefined && zone.start <= offset;
  }
}

/** Offset just past the EDGE_LINES-th non-blank line of the stretch. */
function headEnd(text: string, s: Stretch): number {
  let seen = 0;
  let at = s.start;
  while (at < s.end) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 || newline >= s.end ? s.end : newline;
    if (text.slice(at, lineEnd).trim() !== '' && (seen += 1) === EDGE_LINES) return lineEnd;
    at = lineEnd + 1;
  }
  return s.end;
}

/** Offset of the first character of the EDGE_LINES-th non-blank line from the end of the stretch. */
function tailStart(text: string, s: Stretch): number {
  let seen = 0;
  let end = s.end;
  while (end > s.start) {
    const newline = text.lastIndexOf('\n', end - 1);
    const lineStart = newline < s.start ? s.start : newline + 1;
    if (text.slice(lineStart, end).trim() !== '' && (seen += 1) === EDGE_LINES) return lineStart;
    end = lineStart - 1;
  }
  return s.start;
}

function merge(zones: Stretch[]): Stretch[] {
  zones.sort((a, b) => a.start - b.start);
  const out: Stretch[] = [];
  for (const z of zones) {
    const last = out[out.length - 1];
    if (last && z.start <= last.end) last.end = Math.max(last.end, z.end);
    else out.push({ ...z });
  }
  return out;
}
