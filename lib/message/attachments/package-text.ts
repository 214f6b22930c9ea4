// Text of PowerPoint and OpenDocument files: the XML parts that hold what a reader sees, in
// order. PowerPoint keeps each slide and its speaker notes in parts of their own; OpenDocument
// keeps the document in content.xml and page headers and footers in styles.xml.
import { strFromU8 } from 'fflate';
import { xmlText } from './xml.ts';
import { listZip, readEntries } from './zip.ts';

export type PackageKind = 'pptx' | 'opendocument';

const PARTS: Readonly<Record<PackageKind, RegExp>> = {
  pptx: /^ppt\/(?:slides\/slide|notesSlides\/notesSlide|comments\/comment)\d{1,5}\.xml$/,
  opendocument: /^(?:content|styles)\.xml$/,
};

const TEXT_OPTIONS = {
  // a:p (DrawingML paragraphs), text:p and text:h (OpenDocument paragraphs and headings), table rows.
  lineBreakAfter: new Set(['p', 'h', 'table-row', 'tr']),
  breaks: { tab: '\t', br: '\n', 'line-break': '\n', s: ' ' },
};

/** Numeric collation puts slide 2 before slide 10. */
function documentOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function packageText(bytes: Uint8Array, kind: PackageKind, maxUncompressedBytes: number): string {
  const entries = listZip(bytes).filter((entry) => PARTS[kind].test(entry.name));
  const files = readEntries(bytes, entries, maxUncompressedBytes);
  return [...files.keys()]
    .sort(documentOrder)
    .map((name) => xmlText(strFromU8(files.get(name) as Uint8Array), TEXT_OPTIONS))
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}
