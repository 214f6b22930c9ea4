// Text of a Word document: the body through mammoth, plus what mammoth's raw text leaves out but
// a recipient can still see: headers and footers (where protective markings usually sit),
// footnotes, endnotes, comments and tracked deletions. The headers come first and the footers
// last, where they are on the page: the marking recognizers read a document's first and last
// lines as the place a marking is applied. A header repeated for first, odd and even pages is
// written once. Pictures' alt text, charts and SmartArt follow the body. Files in the document
// (embedded workbooks, and altChunk parts: HTML, RTF or another document that Word shows as part
// of the body) are returned to be read as attachments of their own.
import { strFromU8 } from 'fflate';
import { altTexts, drawingPartsText, embeddedFiles, isSharedPart } from './ooxml-parts.ts';
import { UnreadableContentError, type DocumentContent, type EmbeddedFile } from './types.ts';
import { attribute, localName, textsOf, xmlText, xmlTokens } from './xml.ts';
import { listZip, readEntries, type ZipEntry } from './zip.ts';

const HEADER_PARTS = /^word\/header\d{0,4}\.xml$/;
const FOOTER_PARTS = /^word\/footer\d{0,4}\.xml$/;
const NOTE_PARTS = /^word\/(?:footnotes|endnotes|comments)\.xml$/;
const WORD_TEXT = { lineBreakAfter: new Set(['p']), breaks: { tab: '\t', br: '\n', cr: '\n' } };
const ALT_CHUNK_RELATIONSHIP = /\/aFChunk$/;
const DOCUMENT_RELS = 'word/_rels/document.xml.rels';

/** The XML parts mammoth may read: every one is size-checked before mammoth inflates it. */
function isXmlPart(entry: ZipEntry): boolean {
  return entry.name.endsWith('.xml') || entry.name.endsWith('.rels');
}

/** Part names of the document's altChunks (targets are relative to word/). */
function altChunkParts(rels: string): Set<string> {
  const parts = new Set<string>();
  for (const token of xmlTokens(rels)) {
    if (token.type !== 'open' || localName(token.name) !== 'Relationship') continue;
    const target = attribute(token.attrs, 'Target');
    if (target === undefined || attribute(token.attrs, 'TargetMode') === 'External') continue;
    if (!ALT_CHUNK_RELATIONSHIP.test(attribute(token.attrs, 'Type') ?? '')) continue;
    parts.add(target.startsWith('/') ? target.slice(1) : `word/${target}`);
  }
  return parts;
}

export async function docxText(bytes: Uint8Array, maxUncompressedBytes: number): Promise<DocumentContent> {
  const entries = listZip(bytes);
  const parts = readEntries(bytes, entries.filter(isXmlPart), maxUncompressedBytes);
  const rels = parts.get(DOCUMENT_RELS);
  const chunkNames = rels === undefined ? new Set<string>() : altChunkParts(strFromU8(rels));
  // What the XML parts took counts against the same limit as the rest.
  const used = [...parts.values()].reduce((sum, part) => sum + part.length, 0);
  const others = readEntries(bytes, entries.filter((e) => (isSharedPart(e) || chunkNames.has(e.name)) && !parts.has(e.name)), maxUncompressedBytes - used);
  for (const [name, data] of others) parts.set(name, data);
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
  const alt = [...parts].filter(([name]) => name.startsWith('word/') && name.endsWith('.xml')).flatMap(([, xml]) => altTexts(strFromU8(xml)));
  const chunks: EmbeddedFile[] = [...chunkNames]
    .filter((name) => parts.has(name))
    .map((name) => ({ name: name.slice(name.lastIndexOf('/') + 1), content: parts.get(name) as Uint8Array }));
  const text = [...headers, body, ...textsOfParts(NOTE_PARTS), ...deleted, ...distinct(alt), ...drawingPartsText(parts)];
  return {
    text: text.filter((t) => t.trim() !== '').join('\n'),
    embedded: [...chunks, ...embeddedFiles(parts)],
    trailer: footers.filter((t) => t.trim() !== '').join('\n'),
  };
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
