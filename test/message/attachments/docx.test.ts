// Word documents read beyond mammoth's raw text: altChunk parts Word shows in the body, files
// embedded in the document, charts, SmartArt and pictures' alt text.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeXlsx } from '../../helpers/documents.ts';
import { DEFAULT_LIMITS } from '../mime-builders.ts';
import { chartPart, docxPackage, smartArtData, wordParagraph } from './office-builder.ts';
import { extract, fullText, textOf } from './read-attachment.ts';

const ALT_CHUNK = (id: string): string => `<w:altChunk r:id="${id}"/>`;

/** An MHTML altChunk as HTML-to-Word converters write it: multipart/related, HTML in quoted-printable, a picture. */
const MHT_CHUNK = [
  'MIME-Version: 1.0',
  'Content-Type: multipart/related; boundary="----=_NextPart_01"; type="text/html"',
  '',
  '------=_NextPart_01',
  'Content-Location: file:///C:/chunk.htm',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Type: text/html; charset="utf-8"',
  '',
  '<html><body><p class=3D"MsoNormal">MHT chunk NI JG1037=',
  '85A</p><img src=3D"chunk_files/image001.png"></body></html>',
  '------=_NextPart_01',
  'Content-Location: file:///C:/chunk_files/image001.png',
  'Content-Transfer-Encoding: base64',
  'Content-Type: image/png',
  '',
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  '------=_NextPart_01--',
  '',
].join('\r\n');

describe('Word altChunk parts', () => {
  it.each<[string, string, Uint8Array, string]>([
    ['HTML', 'afchunk.htm', strToU8('<html><body><p>Chunk NI <b>JG10</b>3785A</p></body></html>'), 'Chunk NI JG103785A'],
    ['RTF', 'afchunk.rtf', strToU8(String.raw`{\rtf1\ansi\ansicpg1252 RTF chunk J\'47103785A\par}`), 'RTF chunk JG103785A'],
    ['another Word document', 'afchunk.docx', makeDocx('Inner document: Mrs Edith Clarke'), 'Inner document: Mrs Edith Clarke'],
    ['plain text', 'afchunk.txt', strToU8('Text chunk 943 476 5919'), 'Text chunk 943 476 5919'],
    ['MHTML (a web page as a MIME message, quoted-printable)', 'afchunk.mht', strToU8(MHT_CHUNK), 'MHT chunk NI JG103785A'],
  ])('reads an altChunk of %s', async (_kind, target, content, expected) => {
    const docx = docxPackage(wordParagraph('Before') + ALT_CHUNK('rIdChunk') + wordParagraph('After'), { [`word/${target}`]: content }, [
      ['rIdChunk', 'aFChunk', target],
    ]);
    const text = await fullText({ content: docx, filename: 'letter.docx' });
    expect(text).toContain('Before');
    expect(text).toContain(expected);
  });

  it('reads nothing more for an altChunk whose part is not in the package (nothing is fetched)', async () => {
    const docx = docxPackage(wordParagraph('Body') + ALT_CHUNK('rIdX'), {}, [['rIdX', 'aFChunk', 'https://example.org/x.htm']]);
    expect((await fullText({ content: docx, filename: 'x.docx' })).trim()).toBe('Body');
  });
});

describe('files embedded in a Word document', () => {
  it('reads an embedded workbook', async () => {
    const workbook = makeXlsx([['Name', 'NI number'], ['Edith Clarke', 'JG103785A']]);
    const docx = docxPackage(wordParagraph('See the table'), { 'word/embeddings/Microsoft_Excel_Worksheet.xlsx': workbook });
    expect(await fullText({ content: docx, filename: 'x.docx' })).toContain('Edith Clarke\tJG103785A');
  });

  it('holds a document with an embedded OLE object it cannot read, keeping the body', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const docx = docxPackage(wordParagraph('Body text'), { 'word/embeddings/oleObject1.bin': ole });
    const result = await extract({ content: docx, filename: 'x.docx' });
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'unsupported' } });
    expect(textOf(result)).toContain('Body text');
  });

  it('counts embedded files against the attachment size limit', async () => {
    const docx = docxPackage(wordParagraph('Body'), { 'word/embeddings/big.bin': new Uint8Array(40_000) });
    // The package itself inflates within its own limit (maxInflatedBytes); the file inside it is
    // over the embedded budget: the body is read and the attachment is still held for the rest.
    const result = await extract({ content: docx, filename: 'x.docx' }, { ...DEFAULT_LIMITS, maxAttachmentBytes: 30_000 });
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'too-many-parts' } });
    expect(textOf(result)).toContain('Body');
  });

  it('keeps the footer last, after embedded files', async () => {
    const footer = '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>OFFICIAL-SENSITIVE</w:t></w:r></w:p></w:ftr>';
    const docx = docxPackage(wordParagraph('Body'), { 'word/footer1.xml': footer, 'word/embeddings/notes.docx': makeDocx('Embedded notes') });
    const lines = (await fullText({ content: docx, filename: 'x.docx' })).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual(['Body', 'Embedded notes', 'OFFICIAL-SENSITIVE']);
  });
});

describe('drawings in a Word document', () => {
  it('reads pictures\' alt text (description and title)', async () => {
    const picture =
      '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/>' +
      '<wp:docPr id="1" name="Picture 1" descr="Scan of passport for Edith Clarke, number 925076473" title="Passport scan"/>' +
      '</wp:inline></w:drawing></w:r></w:p>';
    const text = await fullText({ content: docxPackage(wordParagraph('Photo below') + picture), filename: 'x.docx' });
    expect(text).toContain('Scan of passport for Edith Clarke, number 925076473');
    expect(text).toContain('Passport scan');
  });

  it('reads a chart\'s title, series, categories and cached values', async () => {
    const docx = docxPackage(wordParagraph('Chart below'), { 'word/charts/chart1.xml': chartPart('Arrears by tenant', 'Arrears', ['Edith Clarke', 'John Smith'], [1250.5, 310]) });
    const text = await fullText({ content: docx, filename: 'x.docx' });
    for (const fragment of ['Arrears by tenant', 'Edith Clarke', 'John Smith', '1250.5']) expect(text).toContain(fragment);
  });

  it('reads SmartArt text', async () => {
    const docx = docxPackage(wordParagraph('Diagram'), { 'word/diagrams/data1.xml': smartArtData(['Referral: Edith Clarke', 'NHS 943 476 5919']) });
    const text = await fullText({ content: docx, filename: 'x.docx' });
    expect(text).toContain('Referral: Edith Clarke');
    expect(text).toContain('NHS 943 476 5919');
  });
});
