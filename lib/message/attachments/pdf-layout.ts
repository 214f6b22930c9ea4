// Joins the text items pdf.js finds on a page into lines as a reader sees them. pdf.js already
// merges glyphs drawn one by one into words and emits the spaces it sees between them, so items
// are joined with nothing between them: adding a space after each would turn a value drawn glyph
// by glyph into `J G 1 0 …`. Where pdf.js leaves a gap or a new line unmarked (text placed by
// separate operators), the items' positions decide: a new baseline is a new line, and a gap wider
// than a fraction of the font size on the same baseline is a space. Positions are measured along
// and across the text's direction, so rotated text (a diagonal watermark) is joined the same way.

export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  /** The text matrix [a, b, c, d, x, y]; x and y place the item's start on the page. */
  transform: number[];
  width: number;
  height: number;
}

/** A gap wider than this share of the font size reads as a space (a word space is about 0.25–0.3). */
const SPACE_GAP = 0.2;
/** A baseline that moves by more than this share of the font size starts a new line. */
const LINE_SHIFT = 0.5;

interface Placement {
  /** The text's direction, a unit vector. */
  dx: number;
  dy: number;
  /** Where the item starts and ends along that direction, and its baseline across it. */
  start: number;
  end: number;
  baseline: number;
  size: number;
}

/** Where an item sits; undefined when its matrix is degenerate, and then it is joined as it comes. */
function placement(item: PdfTextItem): Placement | undefined {
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  const scale = Math.hypot(a, b);
  const size = Math.hypot(c, d) || item.height;
  if (!(scale > 0) || !(size > 0)) return undefined;
  const dx = a / scale;
  const dy = b / scale;
  const start = x * dx + y * dy;
  return { dx, dy, start, end: start + item.width, baseline: y * dx - x * dy, size };
}

function separator(previous: Placement | undefined, next: Placement | undefined): string {
  if (previous === undefined || next === undefined) return '';
  const size = Math.max(previous.size, next.size);
  // Text turning to another direction is another line.
  if (Math.abs(previous.dx - next.dx) > 0.01 || Math.abs(previous.dy - next.dy) > 0.01) return '\n';
  if (Math.abs(next.baseline - previous.baseline) > size * LINE_SHIFT) return '\n';
  return next.start - previous.end > size * SPACE_GAP ? ' ' : '';
}

export function joinTextItems(items: readonly PdfTextItem[]): string {
  const out: string[] = [];
  let previous: Placement | undefined;
  let endsLine = true;
  let endsSpace = true;
  for (const item of items) {
    const here = placement(item);
    if (item.str !== '') {
      const between = endsLine || endsSpace || /^\s/.test(item.str) ? '' : separator(previous, here);
      out.push(between, item.str);
      endsSpace = /\s$/.test(item.str);
      endsLine = false;
    }
    if (item.hasEOL) {
      out.push('\n');
      endsLine = true;
    }
    // An empty item that only ends a line carries no position worth keeping.
    if (item.str !== '') previous = here;
  }
  return out.join('').trimEnd();
}
