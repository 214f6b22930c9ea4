// Reading attachments of every format the gateway meets, and failing closed on the rest.
import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AttachmentInput } from '../../../lib/message/attachments/extract.ts';
import { makeDocx, makePdf, makeXlsx } from '../../helpers/documents.ts';
import { DEFAULT_LIMITS, declareSize, encryptedOfficeFile, flagEncrypted, passwordPdf, xmlZip } from '../mime-builders.ts';
import { extract, textOf } from './read-attachment.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

/** A Word document with text where mammoth's raw text does not look: header, footer, comment, deletion. */
const DOCX_WITH_EXTRAS = xmlZip({
  '[Content_Types].xml':
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${OFFICE_REL}" Target="word/document.xml"/></Relationships>`,
  'word/document.xml': `<w:document ${W}><w:body><w:p><w:r><w:t>Body paragraph</w:t></w:r></w:p><w:p><w:del w:id="1" w:author="JP"><w:r><w:delText>Deleted NI JG103785A</w:delText></w:r></w:del></w:p></w:body></w:document>`,
  'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>OFFICIAL-SENSITIVE</w:t></w:r></w:p></w:hdr>`,
  'word/footer1.xml': `<w:ftr ${W}><w:p><w:r><w:t>Page footer</w:t></w:r></w:p></w:ftr>`,
  'word/comments.xml': `<w:comments ${W}><w:comment w:id="0"><w:p><w:r><w:t>Comment about Mrs Clarke</w:t></w:r></w:p></w:comment></w:comments>`,
});

const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
/** Two sheets, a date-formatted cell, an inline string, a formula result and a comment. */
const XLSX_WITH_DATES = xmlZip({
  'xl/workbook.xml': `<workbook ${SHEET_NS} ${REL_NS}><sheets><sheet name="Residents" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels':
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
  'xl/sharedStrings.xml': `<sst ${SHEET_NS}><si><t>Date of birth</t></si><si><r><t>Edith </t></r><r><t>Clarke</t></r><rPh><t>ignored</t></rPh></si></sst>`,
  'xl/styles.xml': `<styleSheet ${SHEET_NS}><numFmts><numFmt numFmtId="164" formatCode="dd&quot;/&quot;mm&quot;/&quot;yyyy"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>`,
  'xl/worksheets/sheet1.xml': `<worksheet ${SHEET_NS}><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Inline name</t></is></c><c r="B2" s="1"><v>18264</v></c><c r="C2" s="2"><v>45000</v></c><c r="D2" s="3"><v>3.5</v></c></row><row r="3"><c r="A3" t="str"><f>A1&amp;"!"</f><v>Formula result</v></c><c r="B3" t="b"><v>1</v></c><c r="C3"/></row></sheetData></worksheet>`,
  'xl/worksheets/sheet2.xml': `<worksheet ${SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Second sheet</t></is></c></row></sheetData></worksheet>`,
  'xl/comments1.xml': `<comments ${SHEET_NS}><commentList><comment ref="A1"><text><r><t>Cell comment</t></r></text></comment></commentList></comments>`,
});

const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const PPTX = xmlZip({
  'ppt/presentation.xml': '<p:presentation/>',
  'ppt/slides/slide10.xml': `<p:sld ${A}><a:p><a:r><a:t>Slide ten</a:t></a:r></a:p></p:sld>`,
  'ppt/slides/slide2.xml': `<p:sld ${A}><a:p><a:r><a:t>Slide two</a:t></a:r></a:p></p:sld>`,
  'ppt/notesSlides/notesSlide2.xml': `<p:notes ${A}><a:p><a:r><a:t>Speaker notes</a:t></a:r></a:p></p:notes>`,
});

const TEXT_NS = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const ODT = xmlZip({
  mimetype: 'application/vnd.oasis.opendocument.text',
  'META-INF/manifest.xml': '<manifest:manifest/>',
  'content.xml': `<office:document-content ${TEXT_NS}><text:h>Heading</text:h><text:p>Edith<text:s/>Clarke<text:tab/>lives here</text:p></office:document-content>`,
  'styles.xml': `<office:document-styles ${TEXT_NS}><text:p>Header: PRIVATE AND CONFIDENTIAL</text:p></office:document-styles>`,
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const DER_SIGNATURE = Buffer.from('3082010a06092a864886f70d010702a082', 'hex');
const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));


describe('extractAttachment: formats with text', () => {
  it.each<[string, Partial<AttachmentInput> & { content: Uint8Array }, string[]]>([
    ['UTF-8 CSV', { content: strToU8('name,phone\nZoë,07700 900123'), contentType: 'text/csv', filename: 'residents.csv' }, ['Zoë,07700 900123']],
    ['Windows-1252 CSV with its charset', { content: Buffer.from([0x80, 0x35, 0x30, 0x20, 0xa3]), contentType: 'text/csv', charset: 'windows-1252' }, ['€50 £']],
    ['Latin-1 text without a charset', { content: Buffer.from([0x43, 0x61, 0x66, 0xe9]), contentType: 'text/plain' }, ['Café']],
    ['UTF-16 text with a byte-order mark', { content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Edith', 'utf16le')]), contentType: 'text/plain' }, ['Edith']],
    ['an unknown charset label', { content: strToU8('plain ascii'), contentType: 'text/plain', charset: 'x-unknown-charset' }, ['plain ascii']],
    ['a calendar invitation', { content: strToU8('BEGIN:VCALENDAR\nSUMMARY:Visit Mrs Clarke\nEND:VCALENDAR'), contentType: 'text/calendar' }, ['Visit Mrs Clarke']],
    ['JSON', { content: strToU8('{"nino":"JG103785A"}'), contentType: 'application/json' }, ['JG103785A']],
    ['an HTML file, with quotes as "> " lines', { content: strToU8('<p>Note</p><blockquote>quoted</blockquote>'), contentType: 'text/html' }, ['Note', '> quoted']],
    ['a PDF', { content: makePdf(['Casework notes', 'NI number JG 10 37 85 A']), contentType: 'application/pdf', filename: 'notes.pdf' }, ['Casework notes', 'NI number JG 10 37 85 A']],
    ['a PDF sent as octet-stream', { content: makePdf(['Sniffed PDF']) }, ['Sniffed PDF']],
    ['a Word document', { content: makeDocx('Resident: Mrs Edith Clarke\nNI JG103785A'), filename: 'letter.docx' }, ['Resident: Mrs Edith Clarke', 'NI JG103785A']],
    ['a Word document\'s header, footer, comments and deletions', { content: DOCX_WITH_EXTRAS, filename: 'x.docx' }, ['Body paragraph', 'OFFICIAL-SENSITIVE', 'Page footer', 'Comment about Mrs Clarke', 'Deleted NI JG103785A']],
    ['an Excel workbook', { content: makeXlsx([['Name', 'Phone'], ['Edith Clarke', 7700900123]]), filename: 'residents.xlsx' }, ['Sheet1', 'Name\tPhone', 'Edith Clarke\t7700900123']],
    [
      'an Excel workbook with dates, inline strings, formulas and comments',
      { content: XLSX_WITH_DATES, filename: 'x.xlsx' },
      ['Residents', 'Edith Clarke\tDate of birth', 'Inline name\t01/01/1950\t15/03/2023\t3.5', 'Formula result\t1', 'Notes\nSecond sheet', 'Cell comment'],
    ],
    ['a PowerPoint deck, slides in order, with notes', { content: PPTX, filename: 'deck.pptx' }, ['Speaker notes', 'Slide two\n\n\nSlide ten']],
    ['an OpenDocument text with its page header', { content: ODT, filename: 'letter.odt' }, ['Heading\nEdith Clarke\tlives here', 'Header: PRIVATE AND CONFIDENTIAL']],
    ['text disguised as a picture', { content: strToU8('NI JG103785A'), contentType: 'image/png', filename: 'photo.png' }, ['NI JG103785A']],
    ['a spreadsheet disguised as a picture', { content: makeXlsx([['Edith Clarke']]), contentType: 'image/jpeg', filename: 'photo.jpg' }, ['Edith Clarke']],
    ['a "signature" that is really text', { content: strToU8('Edith Clarke, 12 Rugby Road'), contentType: 'application/pkcs7-signature' }, ['Edith Clarke']],
    ['unknown application data that is text', { content: strToU8('Edith Clarke\n07700 900123'), contentType: 'application/x-custom' }, ['07700 900123']],
  ])('reads %s', async (_name, input, expected) => {
    const text = textOf(await extract(input));
    for (const fragment of expected) expect(text).toContain(fragment);
  });

  it('puts a Word document\'s headers first and its footers last, each once, as they stand on the page', async () => {
    const docx = xmlZip({
      '[Content_Types].xml':
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${OFFICE_REL}" Target="word/document.xml"/></Relationships>`,
      'word/document.xml': `<w:document ${W}><w:body><w:p><w:r><w:t>Body paragraph</w:t></w:r></w:p></w:body></w:document>`,
      'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>Official-sensitive</w:t></w:r></w:p></w:hdr>`,
      'word/header2.xml': `<w:hdr ${W}><w:p><w:r><w:t>Official-sensitive</w:t></w:r></w:p></w:hdr>`,
      'word/header10.xml': `<w:hdr ${W}><w:p><w:r><w:t>Cabinet report</w:t></w:r></w:p></w:hdr>`,
      'word/footer1.xml': `<w:ftr ${W}><w:p><w:r><w:t>Page footer</w:t></w:r></w:p></w:ftr>`,
      'word/footnotes.xml': `<w:footnotes ${W}><w:footnote><w:p><w:r><w:t>A footnote</w:t></w:r></w:p></w:footnote></w:footnotes>`,
    });
    const lines = textOf(await extract({ content: docx, filename: 'report.docx' })).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual(['Official-sensitive', 'Cabinet report', 'Body paragraph', 'A footnote', 'Page footer']);
  });

  it('leaves out the phonetic guide of an Excel string', async () => {
    expect(textOf(await extract({ content: XLSX_WITH_DATES, filename: 'x.xlsx' }))).not.toContain('ignored');
  });

  it('recognises a nested email for the message parser to read', async () => {
    expect(await extract({ content: strToU8('Subject: hi\r\n\r\nbody'), contentType: 'message/rfc822' })).toEqual({ kind: 'message' });
  });
});

describe('extractAttachment: nothing to read', () => {
  it.each<[string, Partial<AttachmentInput> & { content: Uint8Array }]>([
    ['a PNG picture', { content: PNG, contentType: 'image/png', filename: 'photo.png' }],
    ['a picture sent as octet-stream', { content: PNG }],
    ['binary declared as audio', { content: BINARY, contentType: 'audio/mpeg' }],
    ['an S/MIME signature', { content: DER_SIGNATURE, contentType: 'application/pkcs7-signature', filename: 'smime.p7s' }],
  ])('skips %s', async (_name, input) => {
    expect(await extract(input)).toEqual({ kind: 'none' });
  });
});

describe('extractAttachment: unreadable, so held', () => {
  it.each<[string, Partial<AttachmentInput> & { content: Uint8Array }, string]>([
    ['a password-protected PDF', { content: passwordPdf(), contentType: 'application/pdf' }, 'encrypted'],
    ['a damaged PDF', { content: strToU8('%PDF-1.4\nnothing else here'), contentType: 'application/pdf' }, 'corrupt'],
    ['a declared PDF that is not one', { content: BINARY, contentType: 'application/pdf', filename: 'x.pdf' }, 'corrupt'],
    ['a truncated Word document', { content: makeDocx('Some text').subarray(0, 200), filename: 'x.docx' }, 'corrupt'],
    ['a Word document whose main part lies about its size', { content: declareSize(makeDocx('x'), 'word/document.xml', 3), filename: 'x.docx' }, 'corrupt'],
    ['a password-protected Word document', { content: encryptedOfficeFile(), filename: 'x.docx' }, 'encrypted'],
    ['a password-protected zip', { content: flagEncrypted(makeXlsx([['a']])), filename: 'x.xlsx' }, 'encrypted'],
    ['a zip-bomb spreadsheet (declared size over the limit)', { content: declareSize(makeXlsx([['a']]), 'xl/worksheets/sheet1.xml', 2_000_000_000), filename: 'x.xlsx' }, 'too-large'],
    ['a spreadsheet that inflates past what it declares', { content: declareSize(makeXlsx([['a'.repeat(5000)]]), 'xl/sharedStrings.xml', 100), filename: 'x.xlsx' }, 'corrupt'],
    ['a legacy Word (.doc) file', { content: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), BINARY]), filename: 'x.doc' }, 'unsupported'],
    ['a ZIP archive', { content: zipSync({ 'residents.csv': strToU8('Edith') }), contentType: 'application/zip' }, 'unsupported'],
    ['a gzip file', { content: gzipSync(strToU8('Edith')), contentType: 'application/gzip' }, 'unsupported'],
    ['unknown binary', { content: BINARY, contentType: 'application/x-custom' }, 'unsupported'],
    ['an S/MIME encrypted part', { content: DER_SIGNATURE, contentType: 'application/pkcs7-mime', filename: 'smime.p7m' }, 'encrypted'],
  ])('reports %s', async (_name, input, reason) => {
    const result = await extract(input);
    expect(result).toMatchObject({ kind: 'unreadable', reason });
  });

  it('reports an attachment over the size limit without reading it', async () => {
    const limits = { ...DEFAULT_LIMITS, maxAttachmentBytes: 10 };
    expect(await extract({ content: strToU8('more than ten bytes'), contentType: 'text/plain' }, limits)).toEqual({
      kind: 'unreadable',
      reason: 'too-large',
      detail: 'the attachment is 19 bytes, over the limit of 10',
    });
  });

  it('checks a spreadsheet\'s expanded size against the inflated-size limit', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`Resident ${i}`, 'Rugby Road']);
    const xlsx = makeXlsx(rows);
    const limits = { ...DEFAULT_LIMITS, maxInflatedBytes: xlsx.length + 1000 };
    expect(await extract({ content: xlsx, filename: 'x.xlsx' }, limits)).toMatchObject({ kind: 'unreadable', reason: 'too-large' });
  });

  it('never puts content in the detail', async () => {
    const result = await extract({ content: strToU8('%PDF-1.4 Edith Clarke JG103785A'), contentType: 'application/pdf' });
    expect(result.kind === 'unreadable' && result.detail).not.toMatch(/Edith|JG103785A/);
  });
});
