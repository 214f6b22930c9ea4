// Text of PowerPoint and OpenDocument files: the XML parts that hold what a reader sees, in
// order. PowerPoint keeps each slide and its speaker notes in parts of their own, and text that
// shows on every slide (a footer, a marking, a logo's caption) in the slide masters and layouts;
// SmartArt, charts and pictures' alt text are read beside them. OpenDocument keeps the document
// in content.xml and page headers and footers in styles.xml, and each embedded object (a chart,
// a spreadsheet in a text document) in a folder of its own with the same two parts. Embedded
// files (a workbook in a deck, an OLE object in an OpenDocument file) are returned to be read
// as attachments of their own.
import { strFromU8 } from 'fflate';
import { altTexts, drawingPartsText, embeddedFiles, isSharedPart, partOrder } from './ooxml-parts.ts';
import type { DocumentContent } from './types.ts';
import { xmlText } from './xml.ts';
import { listZip, readEntries } from './zip.ts';

export type PackageKind = 'pptx' | 'opendocument';

const PARTS: Readonly<Record<PackageKind, RegExp>> = {
  pptx: /^ppt\/(?:slides\/slide|notesSlides\/notesSlide|slideMasters\/slideMaster|slideLayouts\/slideLayout|comments\/(?:comment|modernComment)[^/]{0,100})\d{0,5}\.xml$/,
  // The document, and embedded objects' documents (Object 1/content.xml), a few levels deep.
  opendocument: /^(?:[^/]{1,100}\/){0,4}(?:content|styles)\.xml$/,
};
/**
 * An OpenDocument file's embedded OLE objects are stored as files named "Object N"; their
 * pictures, under ObjectReplacements/, are what the page shows in their place.
 */
const OPENDOCUMENT_OBJECT = /^(?:[^/]{1,100}\/){0,4}Object \d{1,5}$/;
const REPLACEMENT_PICTURE = /(?:^|\/)ObjectReplacements\//;

const TEXT_OPTIONS = {
  // a:p (DrawingML paragraphs), text:p and text:h (OpenDocument paragraphs and headings), table rows.
  lineBreakAfter: new Set(['p', 'h', 'table-row', 'tr']),
  breaks: { tab: '\t', br: '\n', 'line-break': '\n', s: ' ' },
};

export function packageText(bytes: Uint8Array, kind: PackageKind, maxUncompressedBytes: number): DocumentContent {
  const isObject = (name: string): boolean => kind === 'opendocument' && OPENDOCUMENT_OBJECT.test(name) && !REPLACEMENT_PICTURE.test(name);
  const entries = listZip(bytes).filter((entry) => PARTS[kind].test(entry.name) || isObject(entry.name) || (kind === 'pptx' && isSharedPart(entry)));
  const files = readEntries(bytes, entries, maxUncompressedBytes);
  const textParts = [...files.keys()].filter((name) => PARTS[kind].test(name)).sort(partOrder);
  const texts = textParts.map((name) => xmlText(strFromU8(files.get(name) as Uint8Array), TEXT_OPTIONS));
  const alt = kind === 'pptx' ? textParts.flatMap((name) => altTexts(strFromU8(files.get(name) as Uint8Array))) : [];
  const objects = [...files.keys()]
    .filter(isObject)
    .sort(partOrder)
    .map((name) => ({ name: name.slice(name.lastIndexOf('/') + 1), content: files.get(name) as Uint8Array }));
  return {
    text: [...texts, ...alt, ...drawingPartsText(files)].filter((text) => text.trim() !== '').join('\n\n'),
    embedded: [...embeddedFiles(files), ...objects],
  };
}
