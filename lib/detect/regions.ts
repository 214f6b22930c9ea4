// Where in a text a recognizer needs to look. Most identifiers are rare, and each has something
// cheap to find that every match must contain or stand near: an '@' for an email address, six
// digits for a driving licence, a keyword for an NHS number. Running the full patterns only on the
// stretches around those anchors keeps a megabyte of ordinary prose cheap, while a text full of
// anchors costs no more than scanning it whole.
import type { Scanner } from './word-start.ts';

export interface Region {
  start: number;
  end: number;
}

/** Characters kept either side of a region so look-behinds and look-aheads see real context (the
 * longest, bank details' sort code looking back for its account number, reaches about 80). */
export const REGION_MARGIN = 128;

/**
 * Regions reaching `reach` characters either side of each anchor (`before` characters before it,
 * where given), merged when their margins touch, so no match can be split between two regions or
 * found twice.
 */
export function regionsAround(anchors: Iterable<Region>, reach: number, length: number, before = reach): Region[] {
  const regions: Region[] = [];
  for (const a of anchors) {
    const start = Math.max(0, a.start - before);
    const end = Math.min(length, a.end + reach);
    const last = regions[regions.length - 1];
    if (last && start <= last.end + 2 * REGION_MARGIN) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  }
  return regions;
}

/** Every match of a global regex in the text, or only those inside the given regions. */
export function anchorsOf(text: string, anchor: RegExp, regions?: readonly Region[]): Region[] {
  const out: Region[] = [];
  anchor.lastIndex = 0;
  if (!regions) {
    for (const m of text.matchAll(anchor)) out.push({ start: m.index, end: m.index + m[0].length });
    return out;
  }
  for (const m of matchesIn(text, anchor, regions)) {
    const start = m.absoluteIndex + m.index;
    out.push({ start, end: start + m[0].length });
  }
  return out;
}

/** Regions this short (a postcode's few characters) are tried position by position. */
const SHORT_REGION = 16;

const stickyCopies = new WeakMap<RegExp, RegExp>();

/** The regex made sticky, so it tries exactly one position: built once per regex. */
function stickyCopy(regex: RegExp): RegExp {
  let copy = stickyCopies.get(regex);
  if (!copy) stickyCopies.set(regex, (copy = new RegExp(regex.source, `${regex.flags.replace('g', '')}y`)));
  return copy;
}

/** The next position a search tries: one character on, both halves of a surrogate pair under the u flag. */
function nextPosition(text: string, at: number, unicode: boolean): number {
  const code = text.charCodeAt(at);
  return unicode && code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? at + 2 : at + 1;
}

/**
 * Runs a global regex over each region and yields the matches that start and end inside it
 * (offsets in the whole text, as `absoluteIndex + index`), the matches a search of the whole
 * text finds there. Uses the regex's lastIndex: do not use the same regex elsewhere while
 * iterating.
 *
 * The regex runs on a slice with a margin of real text either side, so look-behinds and
 * look-aheads see what they would in the whole text, but it starts searching at the region's
 * start and stops at the first match past its end: the margins are read, never searched. A match
 * running into the margin could be cut short by the slice, so it is left out: regions are wide
 * enough that a real match never does. A short region is instead tried position by position on
 * the whole text, as a search would try it: copying and reading the margins would cost more.
 */
export function* matchesIn(text: string, regex: Scanner, regions: readonly Region[]): Generator<RegExpExecArray & { absoluteIndex: number }> {
  for (const region of regions) {
    const from = Math.max(0, region.start - REGION_MARGIN);
    const to = Math.min(text.length, region.end + REGION_MARGIN);
    // A margin cut short by the text's start or end has nothing beyond it: it belongs to the region.
    const first = from === 0 ? 0 : region.start;
    const last = to === text.length ? text.length : region.end;
    if (regex instanceof RegExp && last - first <= SHORT_REGION) {
      yield* positionByPosition(text, regex, first, last);
      continue;
    }
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    const end = last - from;
    const unicode = !(regex instanceof RegExp) || regex.unicode || regex.flags.includes('v');
    regex.lastIndex = first - from;
    for (let m = regex.exec(slice); m !== null; m = regex.exec(slice)) {
      // Matches come in order: once one starts past the region, the rest do too.
      if (m.index >= end && last < text.length) break;
      if (m.index + m[0].length <= end) yield Object.assign(m, { absoluteIndex: from });
      // An empty match would be found again at the same place: step past it.
      if (m[0].length === 0) regex.lastIndex = nextPosition(slice, m.index, unicode);
    }
  }
}

/** The match starting exactly at `at`, as a search of the whole text reaching `at` would find it there; offsets as matchesIn gives them. */
export function matchAt(text: string, regex: RegExp, at: number): (RegExpExecArray & { absoluteIndex: number }) | null {
  const sticky = stickyCopy(regex);
  sticky.lastIndex = at;
  const m = sticky.exec(text);
  return m === null ? null : Object.assign(m, { absoluteIndex: 0 });
}

/** Every match starting in [first, last) and ending by `last`, trying each position as a search does. */
function* positionByPosition(text: string, regex: RegExp, first: number, last: number): Generator<RegExpExecArray & { absoluteIndex: number }> {
  const sticky = stickyCopy(regex);
  const unicode = regex.unicode || regex.flags.includes('v');
  let at = first;
  while (at < last) {
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    if (m === null) {
      at = nextPosition(text, at, unicode);
      continue;
    }
    if (at + m[0].length > last) return;
    yield Object.assign(m, { absoluteIndex: 0 });
    at = m[0].length > 0 ? at + m[0].length : nextPosition(text, at, unicode);
  }
}
