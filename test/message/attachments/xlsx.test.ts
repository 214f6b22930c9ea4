// Excel workbooks read as Excel shows them: page headers and footers, values in the workbook's
// own number formats, pivot caches, validation lists, charts, alt text and embedded files.
import { describe, expect, it } from 'vitest';
import { formatNumber, formatText } from '../../../lib/message/attachments/xlsx-number-format.ts';
import { makeDocx } from '../../helpers/documents.ts';
import { chartPart, NS, packageZip, relationships, type Parts } from './office-builder.ts';
import { fullText } from './read-attachment.ts';

const X14 = 'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"';

/** A workbook of one sheet whose worksheet body (inside <worksheet>) is `sheetXml`. */
function workbook(sheetXml: string, extra: Parts = {}): Uint8Array {
  return packageZip({
    'xl/workbook.xml': `<workbook ${NS.sheet} ${NS.r}><sheets><sheet name="Tenants" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': relationships([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
    'xl/worksheets/sheet1.xml': `<worksheet ${NS.sheet} ${NS.r} ${X14}>${sheetXml}</worksheet>`,
    ...extra,
  });
}

function cells(...values: ReadonlyArray<readonly [string, number]>): string {
  const row = values.map(([value, style], i) => `<c r="${String.fromCharCode(65 + i)}1" s="${style}"><v>${value}</v></c>`).join('');
  return `<sheetData><row r="1">${row}</row></sheetData>`;
}

function styles(codes: readonly string[]): string {
  const formats = codes.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${code.replace(/"/g, '&quot;')}"/>`).join('');
  const xfs = ['<xf numFmtId="0"/>', ...codes.map((_c, i) => `<xf numFmtId="${164 + i}" applyNumberFormat="1"/>`)].join('');
  return `<styleSheet ${NS.sheet}><numFmts count="${codes.length}">${formats}</numFmts><cellXfs>${xfs}</cellXfs></styleSheet>`;
}

describe('page headers and footers', () => {
  it('reads them without their formatting codes, headers first and footers last', async () => {
    const sheet =
      cells(['1', 0]) +
      '<headerFooter differentFirst="1"><oddHeader>&amp;L&amp;"Arial,Bold"&amp;14OFFICIAL-SENSITIVE&amp;RPage &amp;P of &amp;N</oddHeader>' +
      '<oddFooter>&amp;CFraud &amp;&amp; error team&amp;K00FF00 Not for publication</oddFooter><firstHeader>&amp;CFirst page</firstHeader></headerFooter>';
    const lines = (await fullText({ content: workbook(sheet), filename: 'x.xlsx' })).split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toBe('OFFICIAL-SENSITIVE Page  of');
    expect(lines[1]).toBe('First page');
    expect(lines.at(-1)).toBe('Fraud & error team Not for publication');
  });
});

describe('number formats', () => {
  it('writes cells as the workbook\'s own formats show them', async () => {
    const xlsx = workbook(cells(['103785', 1], ['7700900123', 2], ['9434765919', 3], ['45000', 4]), {
      'xl/styles.xml': styles(['"JG"000000"A"', '00000000000', '000 000 0000', 'dd/mm/yyyy']),
    });
    expect(await fullText({ content: xlsx, filename: 'x.xlsx' })).toContain('JG103785A\t07700900123\t943 476 5919\t15/03/2023');
  });

  it('applies a text section to a text cell', async () => {
    const sheet = '<sheetData><row r="1"><c r="A1" t="inlineStr" s="1"><is><t>JG103785A</t></is></c></row></sheetData>';
    expect(await fullText({ content: workbook(sheet, { 'xl/styles.xml': styles(['"NI: "@']) }), filename: 'x.xlsx' })).toContain('NI: JG103785A');
  });

  it.each<[string, string, string | undefined]>([
    ['103785', '"JG"000000"A"', 'JG103785A'],
    ['123', '\\J\\G000000\\A', 'JG000123A'],
    ['7700900123', '00000000000', '07700900123'],
    ['1234567.891', '#,##0.00', '1,234,567.89'],
    ['1234567', '#,##0,"k"', '1,235k'],
    ['0.125', '0.0%', '12.5%'],
    ['-5', '0.00;(0.00)', '(5.00)'],
    ['-5', '0.00', '-5.00'],
    ['0', '0;-0;"none"', 'none'],
    ['12.5', '[$£-809]#,##0.00', '£12.50'],
    ['3.5', '[Red]0.0', '3.5'],
    ['3.14159', '0.0#', '3.14'],
    ['5', '[<10]"low";"high"', undefined],
    ['0.5', '# ?/?', undefined],
    ['12345', '0.00E+00', undefined],
    ['42', 'General', undefined],
  ])('formats %s with %s', (value, code, shown) => {
    expect(formatNumber(value, code)).toBe(shown);
  });

  it.each<[string, string, string | undefined]>([
    ['JG103785A', '"NI: "@', 'NI: JG103785A'],
    ['x', '0;0;0;"T:"@', 'T:x'],
    ['x', '0.00', undefined],
  ])('formats the text %s with %s', (value, code, shown) => {
    expect(formatText(value, code)).toBe(shown);
  });
});

describe('data validation', () => {
  it('reads literal list choices and the validation messages, in both schemas', async () => {
    const sheet =
      cells(['1', 0]) +
      '<dataValidations count="2"><dataValidation type="list" sqref="B2" promptTitle="Tenant" prompt="Pick Mrs Edith Clarke for JG103785A"><formula1>"Edith Clarke,John Smith"</formula1></dataValidation>' +
      '<dataValidation type="list" sqref="C2"><formula1>Sheet2!$A$1:$A$5</formula1></dataValidation></dataValidations>' +
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>"NHS 943 476 5919,Other"</xm:f></x14:formula1><xm:sqref>D2</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>';
    const text = await fullText({ content: workbook(sheet), filename: 'x.xlsx' });
    for (const fragment of ['Edith Clarke\nJohn Smith', 'Pick Mrs Edith Clarke for JG103785A', 'Tenant', 'NHS 943 476 5919\nOther']) expect(text).toContain(fragment);
    expect(text).not.toContain('Sheet2!');
  });
});

describe('pivot caches', () => {
  const definition =
    `<pivotCacheDefinition ${NS.sheet} ${NS.r} r:id="rId1" recordCount="2"><cacheSource type="worksheet"><worksheetSource ref="A1:C3" sheet="Deleted"/></cacheSource>` +
    '<cacheFields count="3"><cacheField name="Name"><sharedItems count="2"><s v="Edith Clarke"/><s v="John Smith"/></sharedItems></cacheField>' +
    '<cacheField name="NI number"><sharedItems/></cacheField><cacheField name="Arrears"><sharedItems containsNumber="1"/></cacheField></cacheFields></pivotCacheDefinition>';
  const records = `<pivotCacheRecords ${NS.sheet} count="2"><r><x v="0"/><s v="JG103785A"/><n v="1250.5"/></r><r><x v="1"/><s v="AB123456C"/><n v="310"/></r></pivotCacheRecords>`;

  it('reads the cached source rows, resolving shared items', async () => {
    const xlsx = workbook(cells(['1', 0]), { 'xl/pivotCache/pivotCacheDefinition1.xml': definition, 'xl/pivotCache/pivotCacheRecords1.xml': records });
    const text = await fullText({ content: xlsx, filename: 'x.xlsx' });
    expect(text).toContain('Name\tNI number\tArrears\nEdith Clarke\tJG103785A\t1250.5\nJohn Smith\tAB123456C\t310');
  });

  it('reads the shared items when the records are not saved', async () => {
    const xlsx = workbook(cells(['1', 0]), { 'xl/pivotCache/pivotCacheDefinition1.xml': definition });
    expect(await fullText({ content: xlsx, filename: 'x.xlsx' })).toContain('Edith Clarke\tJohn Smith');
  });
});

describe('drawings and embedded files', () => {
  it('reads charts, shape alt text and embedded documents', async () => {
    const drawing = `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ${NS.a}><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Picture 1" descr="Photo of Edith Clarke's tenancy card"/></xdr:nvPicPr></xdr:pic></xdr:wsDr>`;
    const xlsx = workbook(cells(['1', 0]), {
      'xl/drawings/drawing1.xml': drawing,
      'xl/charts/chart1.xml': chartPart('Arrears', 'Owed', ['Edith Clarke', 'John Smith'], [1250.5, 310]),
      'xl/embeddings/Microsoft_Word_Document.docx': makeDocx('Embedded letter to Mrs Clarke'),
    });
    const text = await fullText({ content: xlsx, filename: 'x.xlsx' });
    for (const fragment of ["Photo of Edith Clarke's tenancy card", 'John Smith', '1250.5', 'Embedded letter to Mrs Clarke']) expect(text).toContain(fragment);
  });
});
