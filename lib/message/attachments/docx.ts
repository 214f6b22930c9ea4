// Text of a Word document: the body through mammoth, plus what mammoth's raw text leaves out but
// a recipient can still see: headers and footers (where protective markings usually sit),
// footnotes, endnotes, comments and tracked deletions. The headers come first and the footers
// last, where they are on the page: the marking recognizers read a document's first and last
// lines as the place a marking is applied. A header repeated for first, odd and even pages is
// written once.
import { strFromU8 } from 'fflate';
import { UnreadableContentError } from './types.ts';
import { textsOf, xmlText } from './xml.ts';
import { listZip, readEntries, type ZipEntry } from './zip.ts';

const HEADER_PARTS = /^word\/header\d{0,4}\.xml$/;
const FOOTER_PARTS = /^word\/footer\d{0,4}\.xml$/;
const NOTE_PARTS = /^word\/(?:footnotes|endnotes|comments)\.xml$/;
const WORD_TEXT = { lineBreakAfter: new Set(['p']), breaks: { tab: '\t', br: '\n', cr: '\n' } };

/** The XML parts mammoth may read: every one is size-checked before mammoth inflates it. */
function isXmlPart(entry: ZipEntry): boolean {
  return entry.name.endsWith('.xml') || entry.name.endsWith('.rels');
}

export async function docxText(bytes: Uint8Array, maxUncompressedBytes: number): Promise<string> {
  const parts = readEntries(bytes, listZip(bytes).filter(isXmlPart), maxUncompressedBytes);
  const mammoth = (await import('mammoth')).default;
  let body: string;
  try {
    body = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (error) {
    throw new UnreadableContentError('corrupt', 'the Word document cannot be read', { cause: error });
  }
  const textsOfParts = (pattern: RegExp): string[] =>
    [...parts]
      .filter(([name]) => pattern.test(name))
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([, xml]) => xmlText(strFromU8(xml), WORD_TEXT));
  const document = parts.get('word/document.xml');
  const deleted = document === undefined ? [] : textsOf(strFromU8(document), new Set(['delText']));
  const headers = distinct(textsOfParts(HEADER_PARTS));
  const footers = distinct(textsOfParts(FOOTER_PARTS));
  return [...headers, body, ...textsOfParts(NOTE_PARTS), ...deleted, ...footers].filter((text) => text.trim() !== '').join('\n');
}

/** Each text once, in order, compared without surrounding space. */
function distinct(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const key = text.trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
