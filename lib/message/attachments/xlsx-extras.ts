// What an Excel workbook shows outside its cells: page headers and footers (where protective
// markings sit), the choices of a data-validation list and its input and error messages, and
// pivot caches. A pivot cache keeps a copy of its source rows in the file, and a double click on
// the pivot table shows them, even after the source sheet has been deleted.
import { attribute, localName, textsOf, xmlTokens } from './xml.ts';

const HEADERS = new Set(['oddHeader', 'evenHeader', 'firstHeader']);
const FOOTERS = new Set(['oddFooter', 'evenFooter', 'firstFooter']);
/**
 * Header and footer codes (ECMA-376 Part 1, 18.3.1.46): && is an ampersand; &L, &C and &R start
 * the left, centre and right sections; fonts, sizes and colours format; the other letters insert
 * fields (page number, date, file name) or switch styles.
 */
const HEADER_CODE = /&(?:&|"[^"]{0,256}"|K[0-9A-Fa-f]{6}|K\d\d[S+-]\d{3}|\d{1,3}|[LCR]|[A-Za-z])/g;
const VALIDATION_MESSAGES = ['promptTitle', 'prompt', 'errorTitle', 'error'];
/** Cache values: string, number, date, boolean, error; a missing value has no `v`. */
const CACHE_VALUES = new Set(['s', 'n', 'd', 'b', 'e', 'm']);

function headerFooterText(text: string): string {
  return text.replace(HEADER_CODE, (code) => (code === '&&' ? '&' : code.length === 2 && 'LCR'.includes(code.charAt(1)) ? ' ' : '')).trim();
}

export interface HeadersAndFooters {
  headers: string[];
  footers: string[];
}

export function headersAndFooters(sheetXml: string): HeadersAndFooters {
  return {
    headers: textsOf(sheetXml, HEADERS).map(headerFooterText),
    footers: textsOf(sheetXml, FOOTERS).map(headerFooterText),
  };
}

/** The choices of literal validation lists (`"Yes,No"`) and every validation's messages. */
export function validationTexts(sheetXml: string): string[] {
  const texts: string[] = [];
  for (const token of xmlTokens(sheetXml)) {
    if (token.type !== 'open' || localName(token.name) !== 'dataValidation') continue;
    for (const name of VALIDATION_MESSAGES) {
      const value = attribute(token.attrs, name);
      if (value !== undefined && value.trim() !== '') texts.push(value);
    }
  }
  for (const formula of textsOf(sheetXml, new Set(['formula1']))) {
    const list = formula.trim();
    if (list.length >= 2 && list.startsWith('"') && list.endsWith('"')) texts.push(list.slice(1, -1).split(',').join('\n'));
  }
  return texts;
}

interface CacheField {
  name: string;
  items: string[];
}

function cacheFields(definitionXml: string): CacheField[] {
  const fields: CacheField[] = [];
  let inShared = false;
  for (const token of xmlTokens(definitionXml)) {
    if (token.type === 'text') continue;
    const name = localName(token.name);
    if (name === 'sharedItems') inShared = token.type === 'open' && !token.selfClosing;
    if (token.type !== 'open') continue;
    if (name === 'cacheField') fields.push({ name: attribute(token.attrs, 'name') ?? '', items: [] });
    else if (inShared && CACHE_VALUES.has(name)) fields.at(-1)?.items.push(attribute(token.attrs, 'v') ?? '');
  }
  return fields;
}

/** A pivot cache as a table: field names, then each cached row (or each field's items without records). */
export function pivotCacheText(definitionXml: string, recordsXml: string | undefined): string {
  const fields = cacheFields(definitionXml);
  const lines = [fields.map((f) => f.name).join('\t')];
  if (recordsXml === undefined) {
    for (const field of fields) lines.push(field.items.join('\t'));
    return lines.join('\n');
  }
  let row: string[] | undefined;
  for (const token of xmlTokens(recordsXml)) {
    if (token.type === 'text') continue;
    const name = localName(token.name);
    if (name === 'r') {
      if (token.type === 'open' && !token.selfClosing) row = [];
      else if (token.type === 'close' && row !== undefined) {
        lines.push(row.join('\t'));
        row = undefined;
      }
    } else if (token.type === 'open' && row !== undefined && (name === 'x' || CACHE_VALUES.has(name))) {
      const value = attribute(token.attrs, 'v') ?? '';
      // <x v="n"/> points at the n-th shared item of this column's field.
      row.push(name === 'x' ? (fields[row.length]?.items[Number(value)] ?? '') : value);
    }
  }
  return lines.join('\n');
}
