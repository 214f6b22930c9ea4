// Text of an Excel workbook read straight from its XML: the sheets' page headers, each sheet's
// name, then its rows with cells separated by tabs (shared strings, inline strings, numbers,
// formula results, dates as DD/MM/YYYY, values in the workbook's own number formats as shown)
// and its validation lists, then the text of cell comments, drawings (with alt text), charts,
// SmartArt and pivot caches, and the page footers last. Formulas themselves are not read.
// Embedded files are returned to be read as attachments of their own.
import { strFromU8 } from 'fflate';
import { altTexts, drawingPartsText, embeddedFiles, isSharedPart, partOrder } from './ooxml-parts.ts';
import type { DocumentContent } from './types.ts';
import { dateStyles, isDateFormatCode, serialToDate, uses1904Dates } from './xlsx-dates.ts';
import { headersAndFooters, pivotCacheText, validationTexts } from './xlsx-extras.ts';
import { formatNumber, formatText } from './xlsx-number-format.ts';
import { cellStyles } from './xlsx-styles.ts';
import { attribute, localName, xmlText, xmlTokens } from './xml.ts';
import { listZip, readEntries } from './zip.ts';

const SHEET = /^xl\/worksheets\/[^/]{1,200}\.xml$/;
const EXTRA = /^xl\/(?:comments\d{0,4}\.xml|threadedComments\/[^/]{1,200}\.xml|drawings\/[^/]{1,200}\.xml)$/;
const DRAWING = /^xl\/drawings\/[^/]{1,200}\.xml$/;
const PIVOT_CACHE = /^xl\/pivotCache\/pivotCache(?:Definition|Records)(\d{1,5})\.xml$/;
const WANTED = /^xl\/(?:workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml)$/;
/** Excel escapes control characters in strings as _xHHHH_. */
const ESCAPED_CHAR = /_x([0-9A-Fa-f]{4})_/g;
const EXTRA_TEXT = { lineBreakAfter: new Set(['p', 'text']) };

function unescapeExcel(text: string): string {
  return text.includes('_x') ? text.replace(ESCAPED_CHAR, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The shared-strings table: each <si>'s text runs joined, phonetic guides (<rPh>) left out. */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  let phonetic = 0;
  for (const token of xmlTokens(xml)) {
    if (token.type === 'text') {
      if (current !== undefined && inText && phonetic === 0) current.push(token.text);
      continue;
    }
    const name = localName(token.name);
    const opening = token.type === 'open' && !token.selfClosing;
    if (name === 'si') {
      if (opening) current = [];
      else if (token.type === 'open') strings.push('');
      else if (current !== undefined) {
        strings.push(unescapeExcel(current.join('')));
        current = undefined;
      }
    } else if (name === 'rPh') {
      if (opening) phonetic += 1;
      else if (token.type === 'close') phonetic = Math.max(0, phonetic - 1);
    } else if (name === 't') {
      inText = opening;
    }
  }
  return strings;
}

interface Workbook {
  shared: readonly string[];
  dates: ReadonlySet<number>;
  /** The workbook's own (non-date) format codes, by cell style index. */
  formats: ReadonlyMap<number, string>;
  from1904: boolean;
}

interface Cell {
  type: string | undefined;
  style: number;
  parts: string[];
}

function cellValue(cell: Cell, book: Workbook): string {
  const raw = cell.parts.join('');
  const format = book.formats.get(cell.style);
  const numeric = cell.type === undefined || cell.type === 'n';
  if (numeric && book.dates.has(cell.style)) return serialToDate(raw, book.from1904) ?? raw;
  if (numeric) return (format === undefined ? undefined : formatNumber(raw, format)) ?? raw;
  const text = cell.type === 's' ? (book.shared[Number.parseInt(raw, 10)] ?? '') : unescapeExcel(raw);
  return cell.type === 'b' || cell.type === 'e' || format === undefined ? text : (formatText(text, format) ?? text);
}

/** Custom display formats by cell style index; dates are read by their own rule. */
function customFormats(stylesXml: string): { dates: Set<number>; formats: Map<number, string> } {
  const styles = cellStyles(stylesXml);
  const formats = new Map<number, string>();
  styles.forEach((style, index) => {
    if (style.code !== undefined && !isDateFormatCode(style.code)) formats.set(index, style.code);
  });
  return { dates: dateStyles(styles), formats };
}

/** Each pivot cache's text, the definition paired with its records by number. */
function pivotCaches(files: ReadonlyMap<string, Uint8Array>): string[] {
  const read = (name: string): string | undefined => {
    const data = files.get(name);
    return data === undefined ? undefined : strFromU8(data);
  };
  return [...files.keys()]
    .filter((name) => name.includes('pivotCacheDefinition') && PIVOT_CACHE.test(name))
    .sort(partOrder)
    .map((name) => pivotCacheText(read(name) ?? '', read(name.replace('pivotCacheDefinition', 'pivotCacheRecords'))));
}

/** One line per row, cells separated by tabs. */
function sheetText(xml: string, book: Workbook): string {
  const lines: string[] = [];
  let row: string[] = [];
  let cell: Cell | undefined;
  let collecting = false;
  for (const token of xmlTokens(xml)) {
    if (token.type === 'text') {
      if (collecting) cell?.parts.push(token.text);
      continue;
    }
    const name = localName(token.name);
    if (token.type === 'open' && !token.selfClosing) {
      if (name === 'row') row = [];
      else if (name === 'c') {
        cell = { type: attribute(token.attrs, 't'), style: Number(attribute(token.attrs, 's') ?? '0'), parts: [] };
      } else if (name === 'v' || name === 't') collecting = true;
    } else if (token.type === 'close') {
      if (name === 'row' && row.length > 0) {
        lines.push(row.join('\t'));
        row = [];
      } else if (name === 'c' && cell !== undefined) {
        const value = cellValue(cell, book);
        if (value.trim() !== '') row.push(value);
        cell = undefined;
      } else if (name === 'v' || name === 't') collecting = false;
    }
  }
  if (row.length > 0) lines.push(row.join('\t'));
  return lines.join('\n');
}

/** Sheet names by worksheet part, in workbook order. */
function sheetNames(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const token of xmlTokens(rels)) {
    if (token.type !== 'open' || localName(token.name) !== 'Relationship') continue;
    const id = attribute(token.attrs, 'Id');
    const target = attribute(token.attrs, 'Target');
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const token of xmlTokens(workbook)) {
    if (token.type !== 'open' || localName(token.name) !== 'sheet') continue;
    const id = attribute(token.attrs, 'r:id');
    const name = attribute(token.attrs, 'name');
    const part = id === undefined ? undefined : targets.get(id);
    if (part !== undefined && name !== undefined) names.set(part, name);
  }
  return names;
}

/** Sheets in workbook order, then any part the workbook does not list, in numeric order. */
function orderedSheets(parts: readonly string[], names: ReadonlyMap<string, string>): string[] {
  const numeric = (part: string): number => Number.parseInt(/(\d+)\.xml$/.exec(part)?.[1] ?? '0', 10);
  const listed = [...names.keys()].filter((part) => parts.includes(part));
  const unlisted = parts.filter((part) => !names.has(part)).sort((a, b) => numeric(a) - numeric(b));
  return [...listed, ...unlisted];
}

/** Reads sheets until `maxChars` characters have been collected. */
export function xlsxText(bytes: Uint8Array, maxUncompressedBytes: number, maxChars: number): DocumentContent {
  const entries = listZip(bytes).filter(
    (e) => SHEET.test(e.name) || EXTRA.test(e.name) || WANTED.test(e.name) || PIVOT_CACHE.test(e.name) || isSharedPart(e),
  );
  const files = readEntries(bytes, entries, maxUncompressedBytes);
  const read = (name: string): string => {
    const data = files.get(name);
    return data === undefined ? '' : strFromU8(data);
  };
  const workbook = read('xl/workbook.xml');
  const book: Workbook = {
    shared: sharedStrings(read('xl/sharedStrings.xml')),
    ...customFormats(read('xl/styles.xml')),
    from1904: uses1904Dates(workbook),
  };
  const names = sheetNames(workbook, read('xl/_rels/workbook.xml.rels'));
  const sheets: string[] = [];
  const headers = new Set<string>();
  const footers = new Set<string>();
  let length = 0;
  for (const part of orderedSheets([...files.keys()].filter((name) => SHEET.test(name)), names)) {
    if (length > maxChars) break;
    const xml = read(part);
    const margins = headersAndFooters(xml);
    margins.headers.forEach((text) => headers.add(text));
    margins.footers.forEach((text) => footers.add(text));
    const text = [names.get(part) ?? '', sheetText(xml, book), ...validationTexts(xml)].filter((t) => t !== '').join('\n');
    sheets.push(text);
    length += text.length;
  }
  const extras: string[] = [];
  for (const [name, data] of files) {
    if (EXTRA.test(name)) extras.push(xmlText(strFromU8(data), EXTRA_TEXT));
    if (DRAWING.test(name)) extras.push(...altTexts(strFromU8(data)));
  }
  const text = [...headers, ...sheets, ...extras, ...drawingPartsText(files), ...pivotCaches(files)];
  return {
    text: text.filter((t) => t.trim() !== '').join('\n\n'),
    embedded: embeddedFiles(files),
    trailer: [...footers].filter((t) => t.trim() !== '').join('\n'),
  };
}
