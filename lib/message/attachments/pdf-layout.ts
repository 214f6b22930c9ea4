// Joins the text items pdf.js finds on a page into lines as a reader sees them. pdf.js already
// merges glyphs drawn one by one into words and emits the spaces it sees between them, so items
// are joined with nothing between them: adding a space after each would turn a value drawn glyph
// by glyph into `J G 1 0 …`. Where pdf.js leaves a gap or a new line unmarked (text placed by
// separate operators), the items' positions decide: a new baseline is a new line, and a gap wider
// than a fraction of the font size on the same baseline is a space.

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
  x: number;
  y: number;
  end: number;
  size: number;
}

/** Where an unrotated item sits; undefined for rotated or skewed text, which is joined as it comes. */
function placement(item: PdfTextItem): Placement | undefined {
  const [a, b, c, d, x, y] = item.transform;
  if (b !== 0 || c !== 0 || a === undefined || d === undefined || x === undefined || y === undefined) return undefined;
  const size = Math.abs(d) || item.height;
  if (!(size > 0)) return undefined;
  return { x, y, end: x + item.width, size };
}

function separator(previous: Placement | undefined, next: Placement | undefined): string {
  if (previous === undefined || next === undefined) return '';
  const size = Math.max(previous.size, next.size);
  if (Math.abs(next.y - previous.y) > size * LINE_SHIFT) return '\n';
  return next.x - previous.end > size * SPACE_GAP ? ' ' : '';
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
