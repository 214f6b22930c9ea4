// Where in a text a recognizer needs to look. Most identifiers are rare, and each has something
// cheap to find that every match must contain or stand near: an '@' for an email address, six
// digits for a driving licence, a keyword for an NHS number. Running the full patterns only on the
// stretches around those anchors keeps a megabyte of ordinary prose cheap, while a text full of
// anchors costs no more than scanning it whole.

export interface Region {
  start: number;
  end: number;
}

/** Characters kept either side of a region so look-behinds and look-aheads see real context (the
 * longest, bank details' sort code looking back for its account number, reaches about 80). */
const MARGIN = 128;

/**
 * Regions reaching `reach` characters either side of each anchor, merged when their margins touch,
 * so no match can be split between two regions or found twice.
 */
export function regionsAround(anchors: Iterable<Region>, reach: number, length: number): Region[] {
  const regions: Region[] = [];
  for (const a of anchors) {
    const start = Math.max(0, a.start - reach);
    const end = Math.min(length, a.end + reach);
    const last = regions[regions.length - 1];
    if (last && start <= last.end + 2 * MARGIN) last.end = Math.max(last.end, end);
    else regions.push({ start, end });
  }
  return regions;
}

export function anchorsOf(text: string, anchor: RegExp): Region[] {
  const out: Region[] = [];
  anchor.lastIndex = 0;
  for (const m of text.matchAll(anchor)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Runs a global regex over each region, with a margin of real text around it, and yields the
 * matches that start and end inside the region (offsets in the whole text). A match running into
 * the margin could be cut short by the slice, so it is left out: regions are wide enough that a
 * real match never does.
 */
export function* matchesIn(text: string, regex: RegExp, regions: readonly Region[]): Generator<RegExpExecArray & { absoluteIndex: number }> {
  for (const region of regions) {
    const from = Math.max(0, region.start - MARGIN);
    const to = Math.min(text.length, region.end + MARGIN);
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    regex.lastIndex = 0;
    for (const m of slice.matchAll(regex)) {
      const start = from + m.index;
      const end = start + m[0].length;
      const startsInside = start >= region.start || from === 0;
      const endsInside = end <= region.end || to === text.length;
      if (startsInside && endsInside) yield Object.assign(m as RegExpExecArray, { absoluteIndex: from });
    }
  }
}
