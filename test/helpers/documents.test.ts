// The generated documents must open in the same readers the gateway uses, or fixtures built from
// them would test nothing.
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePdf, makeXlsx } from './documents.ts';

async function pdfText(data: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data, verbosity: 0 }).promise;
  const content = await (await doc.getPage(1)).getTextContent();
  return content.items.flatMap((item) => ('str' in item && item.str !== '' ? [item.str] : []));
}

function sharedStrings(xlsx: Uint8Array): string[] {
  const sst = strFromU8(unzipSync(xlsx)['xl/sharedStrings.xml'] ?? new Uint8Array());
  return [...sst.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1] ?? '');
}

describe('makeDocx', () => {
  it.each([
    ['one line', 'Ward surgery notes'],
    ['several lines', 'Ward surgery notes\nNI number JG 10 37 85 A'],
    ['XML special characters', 'Smith & Sons <Ltd> "quoted"'],
  ])('mammoth reads back %s', async (_name, text) => {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(makeDocx(text)) });
    expect(result.value.split('\n').filter((l) => l !== '')).toEqual(text.split('\n'));
  });
});

describe('makeXlsx', () => {
  it.each([
    ['strings', [['Name', 'NI number'], ['Ann Example', 'JG103785A']], ['Name', 'NI number', 'Ann Example', 'JG103785A']],
    ['repeated strings once', [['Yes'], ['Yes']], ['Yes']],
    ['numbers kept out of the string table', [['Total', 42]], ['Total']],
  ])('stores %s in the shared-strings table', (_name, rows, expected) => {
    expect(sharedStrings(makeXlsx(rows))).toEqual(expected);
  });

  it('references cells by column letter and row', () => {
    const sheet = strFromU8(unzipSync(makeXlsx([['a', 'b', 'c']]))['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect([...sheet.matchAll(/r="([A-Z]+\d+)"/g)].map((m) => m[1])).toEqual(['A1', 'B1', 'C1']);
  });
});

describe('makePdf', () => {
  it.each([
    ['one line', ['Ward surgery notes']],
    ['several lines', ['Ward surgery notes', 'NI number JG 10 37 85 A']],
    ['parentheses and backslashes', ['Item (a) \\ item (b)']],
  ])('pdf.js extracts %s', async (_name, lines) => {
    expect(await pdfText(makePdf(lines))).toEqual(lines);
  });

  it.each([['non-ASCII', ['Café']], ['control character', ['a\tb']]])('rejects %s text', (_name, lines) => {
    expect(() => makePdf(lines)).toThrow(/printable ASCII/);
  });

  it('is unreadable once truncated', async () => {
    const whole = makePdf(['Ward surgery notes']);
    await expect(pdfText(whole.slice(0, whole.length / 2))).rejects.toThrow();
  });
});

describe('reproducibility', () => {
  it.each([
    ['docx', () => makeDocx('same text')],
    ['xlsx', () => makeXlsx([['same', 1]])],
    ['pdf', () => makePdf(['same text'])],
  ])('builds identical %s bytes each time', (_name, build) => {
    expect(Buffer.from(build()).equals(Buffer.from(build()))).toBe(true);
  });
});
