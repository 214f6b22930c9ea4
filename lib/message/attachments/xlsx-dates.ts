// Excel stores dates as day counts and shows them through a number format. A date of birth column
// read without its format would be a column of five-digit numbers, so cells styled as dates are
// written out as UK dates (DD/MM/YYYY) for the date recognizers to see.
import type { CellStyle } from './xlsx-styles.ts';
import { attribute, localName, xmlTokens } from './xml.ts';

/** Built-in number formats that show a date (ids from the OOXML specification). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** The largest serial Excel accepts: 31/12/9999. */
const MAX_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;

/** A format code shows a date when, outside quoted text, escapes and [sections], it has d or y. */
export function isDateFormatCode(code: string): boolean {
  let plain = '';
  for (let i = 0; i < code.length; i += 1) {
    const c = code.charAt(i);
    if (c === '"') i = code.indexOf('"', i + 1) === -1 ? code.length : code.indexOf('"', i + 1);
    else if (c === '[') i = code.indexOf(']', i + 1) === -1 ? code.length : code.indexOf(']', i + 1);
    else if (c === '\\' || c === '_' || c === '*') i += 1;
    else plain += c.toLowerCase();
  }
  return plain.includes('d') || plain.includes('y');
}

/** Which cell style indexes (the `s` attribute of a cell) show dates. */
export function dateStyles(styles: readonly CellStyle[]): Set<number> {
  const dates = new Set<number>();
  styles.forEach((style, index) => {
    if (BUILT_IN_DATE_FORMATS.has(style.formatId) || (style.code !== undefined && isDateFormatCode(style.code))) dates.add(index);
  });
  return dates;
}

/** Whether the workbook counts days from 1904 (old Mac workbooks) rather than 1900. */
export function uses1904Dates(workbookXml: string): boolean {
  for (const token of xmlTokens(workbookXml)) {
    if (token.type === 'open' && localName(token.name) === 'workbookPr') {
      const value = attribute(token.attrs, 'date1904');
      return value === '1' || value === 'true';
    }
  }
  return false;
}

/** A day count as DD/MM/YYYY, or undefined when it is not a plausible date. */
export function serialToDate(value: string, from1904: boolean): string | undefined {
  const serial = Math.floor(Number(value));
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return undefined;
  // The 1900 system counts a 29 February 1900 that never was, so serials from 61 on are one ahead.
  const epoch = from1904 ? Date.UTC(1904, 0, 1) : serial >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const date = new Date(epoch + serial * DAY_MS);
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}
