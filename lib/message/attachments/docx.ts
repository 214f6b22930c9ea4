// Text of a Word document: the body through mammoth, plus what mammoth's raw text leaves out but
// a recipient can still see: headers and footers (where protective markings usually sit),
// footnotes, endnotes, comments and tracked deletions.
import { strFromU8 } from 'fflate';
import { UnreadableContentError } from './types.ts';
import { textsOf, xmlText } from './xml.ts';
import { listZip, readEntries, type ZipEntry } from './zip.ts';

const EXTRA_PARTS = /^word\/(?:header\d{0,4}|footer\d{0,4}|footnotes|endnotes|comments)\.xml$/;
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
  const extras = [...parts]
    .filter(([name]) => EXTRA_PARTS.test(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, xml]) => xmlText(strFromU8(xml), WORD_TEXT));
  const document = parts.get('word/document.xml');
  const deleted = document === undefined ? [] : textsOf(strFromU8(document), new Set(['delText']));
  return [body, ...extras, ...deleted].filter((text) => text.trim() !== '').join('\n');
}
