// Parts that Word, Excel and PowerPoint packages share and that a reader sees beside the main
// text: charts (titles, series names, categories and the cached values the chart draws), SmartArt
// (its data model holds the text of every shape), the alt text of pictures and shapes (read
// aloud by screen readers, shown on hover), and embedded files (a workbook in a Word document,
// opened with a double click). Embedded files are returned to be read as attachments.
import { strFromU8 } from 'fflate';
import type { EmbeddedFile } from './types.ts';
import { attribute, localName, textsOf, xmlText, xmlTokens } from './xml.ts';
import type { ZipEntry } from './zip.ts';

const CHART_PART = /^(?:word|xl|ppt)\/charts\/chart[^/]{0,100}\.xml$/;
/** SmartArt's data model; the drawing parts beside it repeat the same text laid out. */
const DIAGRAM_PART = /^(?:word|xl|ppt)\/diagrams\/data[^/]{0,100}\.xml$/;
const EMBEDDED_PART = /^(?:word|xl|ppt)\/embeddings\/[^/]{1,200}$/;
/** Drawing elements whose `descr` and `title` are a picture's or shape's alt text. */
const ALT_TEXT_HOLDERS = new Set(['docPr', 'cNvPr']);
const CHART_TEXT = new Set(['v', 't']);
const DRAWING_TEXT = { lineBreakAfter: new Set(['p']), breaks: { tab: '\t', br: '\n' } };

export function isChartPart(name: string): boolean {
  return CHART_PART.test(name);
}

export function isDiagramPart(name: string): boolean {
  return DIAGRAM_PART.test(name);
}

export function isEmbeddedPart(name: string): boolean {
  return EMBEDDED_PART.test(name);
}

/** Numeric collation puts chart2 before chart10. */
export function partOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** One line per title, label and cached value. */
export function chartText(xml: string): string {
  return textsOf(xml, CHART_TEXT).join('\n');
}

export function diagramText(xml: string): string {
  return xmlText(xml, DRAWING_TEXT);
}

/** The alt text (description and title) of every picture and shape in a part. */
export function altTexts(xml: string): string[] {
  const texts: string[] = [];
  for (const token of xmlTokens(xml)) {
    if (token.type !== 'open' || !ALT_TEXT_HOLDERS.has(localName(token.name))) continue;
    for (const name of ['descr', 'title']) {
      const value = attribute(token.attrs, name);
      if (value !== undefined && value.trim() !== '') texts.push(value);
    }
  }
  return texts;
}

/** The text of a package's charts and SmartArt, in part order. */
export function drawingPartsText(files: ReadonlyMap<string, Uint8Array>): string[] {
  return [...files.keys()]
    .sort(partOrder)
    .flatMap((name) => {
      if (isChartPart(name)) return [chartText(strFromU8(files.get(name) as Uint8Array))];
      if (isDiagramPart(name)) return [diagramText(strFromU8(files.get(name) as Uint8Array))];
      return [];
    })
    .filter((text) => text.trim() !== '');
}

/** Parts worth reading for drawings (charts, SmartArt) and embedded files. */
export function isSharedPart(entry: ZipEntry): boolean {
  return isChartPart(entry.name) || isDiagramPart(entry.name) || isEmbeddedPart(entry.name);
}

/** The package's embedded files, named by their part name. */
export function embeddedFiles(files: ReadonlyMap<string, Uint8Array>): EmbeddedFile[] {
  return [...files.keys()]
    .filter(isEmbeddedPart)
    .sort(partOrder)
    .map((name) => ({ name: name.slice(name.lastIndexOf('/') + 1), content: files.get(name) as Uint8Array }));
}
