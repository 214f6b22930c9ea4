// Builds small but real office documents for tests and the message corpus: a DOCX and an XLSX
// with only the OOXML parts Word and Excel require, and a one-page PDF written by hand. The output
// is byte-for-byte reproducible (fixed zip timestamps, no generated ids), so fixtures built from
// it can be regenerated and compared.
import { strToU8, zipSync } from 'fflate';

/** Zip entries carry a modification time; a fixed one keeps rebuilt documents identical. */
const FIXED_MTIME = new Date('2024-06-03T09:00:00Z');

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const DOC_RELS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function zip(parts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [path, xml] of Object.entries(parts)) files[path] = strToU8(XML_DECLARATION + xml);
  return zipSync(files, { mtime: FIXED_MTIME, level: 6 });
}

function contentTypes(overrides: Record<string, string>): string {
  const entries = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('');
  return (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    entries +
    '</Types>'
  );
}

function packageRels(target: string): string {
  return `<Relationships xmlns="${PACKAGE_RELS_NS}"><Relationship Id="rId1" Type="${OFFICE_DOC_REL}" Target="${target}"/></Relationships>`;
}

/** A Word document with one paragraph per line of `text`. */
export function makeDocx(text: string): Uint8Array {
  const paragraphs = text
    .split('\n')
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('');
  return zip({
    '[Content_Types].xml': contentTypes({
      '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    }),
    '_rels/.rels': packageRels('word/document.xml'),
    'word/document.xml':
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      `<w:body>${paragraphs}</w:body></w:document>`,
  });
}

/** Column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/**
 * An Excel workbook with one sheet. Strings go to the shared-strings table, as Excel itself
 * writes them, so a reader that only follows shared strings still sees every text cell.
 */
export function makeXlsx(rows: ReadonlyArray<ReadonlyArray<string | number>>): Uint8Array {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const sheetRows = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
          let index = indexOf.get(value);
          if (index === undefined) {
            index = strings.push(value) - 1;
            indexOf.set(value, index);
          }
          return `<c r="${ref}" t="s"><v>${index}</v></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const sst = strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('');
  const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const relType = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip({
    '[Content_Types].xml': contentTypes({
      '/xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
      '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      '/xl/sharedStrings.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
    }),
    '_rels/.rels': packageRels('xl/workbook.xml'),
    'xl/workbook.xml':
      `<workbook xmlns="${mainNs}" xmlns:r="${DOC_RELS_NS}">` +
      '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `<Relationships xmlns="${PACKAGE_RELS_NS}">` +
      `<Relationship Id="rId1" Type="${relType}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${relType}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${mainNs}"><sheetData>${sheetRows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<sst xmlns="${mainNs}" count="${strings.length}" uniqueCount="${strings.length}">${sst}</sst>`,
  });
}

/** PDF literal strings escape backslash and parentheses; other text must be printable ASCII. */
function pdfString(line: string): string {
  if (!/^[\x20-\x7e]*$/.test(line)) throw new Error('makePdf accepts printable ASCII lines only');
  return `(${line.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/**
 * A one-page A4 PDF showing `lines` in Helvetica, one below another. Written object by object
 * with a byte-exact cross-reference table, so strict readers (pdf.js) accept it without repair.
 */
export function makePdf(lines: readonly string[]): Uint8Array {
  const text = lines.map((line, i) => `${i === 0 ? '' : '0 -16 Td '}${pdfString(line)} Tj`).join('\n');
  const stream = `BT\n/F1 11 Tf\n72 770 Td\n${text}\nET`;
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ]);
}

/**
 * A PDF of the given objects (numbered from 1, the first the catalog), each as text or as bytes
 * (a stream with binary data), with a byte-exact cross-reference table so that strict readers
 * (pdf.js) accept it without repair.
 */
export function assemblePdf(objects: ReadonlyArray<string | Uint8Array>): Uint8Array {
  const chunks: Uint8Array[] = [strToU8('%PDF-1.4\n')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  const add = (chunk: Uint8Array): void => {
    chunks.push(chunk);
    length += chunk.length;
  };
  objects.forEach((object, i) => {
    offsets.push(length);
    add(strToU8(`${i + 1} 0 obj\n`));
    add(typeof object === 'string' ? strToU8(object) : object);
    add(strToU8('\nendobj\n'));
  });
  const xrefAt = length;
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, flag, CRLF.
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r\n`).join('');
  add(strToU8(`xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${entries}`));
  add(strToU8(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  const pdf = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    pdf.set(chunk, at);
    at += chunk.length;
  }
  return pdf;
}
