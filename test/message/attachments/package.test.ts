// PowerPoint decks and OpenDocument files read beyond their slides and body: slide masters and
// layouts, SmartArt, charts, alt text and embedded files; OpenDocument embedded objects.
import { describe, expect, it } from 'vitest';
import { makeXlsx } from '../../helpers/documents.ts';
import { chartPart, NS, packageZip, smartArtData, type Parts } from './office-builder.ts';
import { extract, fullText, textOf } from './read-attachment.ts';

function slideXml(root: string, text: string, altText = ''): string {
  const shape = `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Shape"${altText === '' ? '' : ` descr="${altText}"`}/></p:nvSpPr><p:txBody><a:p><a:r><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp>`;
  return `<p:${root} ${NS.p} ${NS.a}><p:cSld><p:spTree>${shape}</p:spTree></p:cSld></p:${root}>`;
}

function deck(extra: Parts): Uint8Array {
  return packageZip({ 'ppt/presentation.xml': `<p:presentation ${NS.p}/>`, 'ppt/slides/slide1.xml': slideXml('sld', 'Agenda'), ...extra });
}

describe('PowerPoint', () => {
  it('reads the slide master and layouts, where text shown on every slide is kept', async () => {
    const pptx = deck({
      'ppt/slideMasters/slideMaster1.xml': slideXml('sldMaster', 'OFFICIAL-SENSITIVE'),
      'ppt/slideLayouts/slideLayout2.xml': slideXml('sldLayout', 'Not for publication'),
    });
    const text = await fullText({ content: pptx, filename: 'deck.pptx' });
    for (const fragment of ['Agenda', 'OFFICIAL-SENSITIVE', 'Not for publication']) expect(text).toContain(fragment);
  });

  it('reads SmartArt, charts, alt text and modern comments', async () => {
    const comment = `<p188:cmLst xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main" ${NS.a}><p188:cm><p188:txBody><a:p><a:r><a:t>Check NI JG103785A</a:t></a:r></a:p></p188:txBody></p188:cm></p188:cmLst>`;
    const pptx = deck({
      'ppt/slides/slide2.xml': slideXml('sld', 'Photo', 'Mrs Edith Clarke at her front door'),
      'ppt/diagrams/data1.xml': smartArtData(['Referral from Edith Clarke', 'Case HB-2024-0412']),
      'ppt/charts/chart3.xml': chartPart('Arrears', 'Owed', ['Edith Clarke', 'John Smith'], [1250.5, 310]),
      'ppt/comments/modernComment_101_5E2A.xml': comment,
    });
    const text = await fullText({ content: pptx, filename: 'deck.pptx' });
    for (const fragment of ['Mrs Edith Clarke at her front door', 'Referral from Edith Clarke', 'Case HB-2024-0412', 'John Smith', 'Check NI JG103785A']) {
      expect(text).toContain(fragment);
    }
  });

  it('reads a workbook embedded in a deck', async () => {
    const pptx = deck({ 'ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx': makeXlsx([['Edith Clarke', 'JG103785A']]) });
    expect(await fullText({ content: pptx, filename: 'deck.pptx' })).toContain('Edith Clarke\tJG103785A');
  });
});

const ODF_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"';

function openDocument(mimetype: string, content: string, extra: Parts = {}): Uint8Array {
  return packageZip({
    mimetype,
    'META-INF/manifest.xml': '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    'content.xml': `<office:document-content ${ODF_NS}><office:body>${content}</office:body></office:document-content>`,
    ...extra,
  });
}

describe('OpenDocument', () => {
  it('reads an embedded object\'s own content (a spreadsheet in a text document)', async () => {
    const frame = '<draw:frame><draw:object xlink:href="./Object 1" xmlns:xlink="http://www.w3.org/1999/xlink"/></draw:frame>';
    const odt = openDocument('application/vnd.oasis.opendocument.text', `<office:text><text:p>See table</text:p>${frame}</office:text>`, {
      'Object 1/content.xml': `<office:document-content ${ODF_NS}><office:body><office:spreadsheet><table:table><table:table-row><table:table-cell><text:p>Edith Clarke</text:p></table:table-cell><table:table-cell><text:p>JG103785A</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`,
      'Object 1/styles.xml': `<office:document-styles ${ODF_NS}/>`,
    });
    const text = await fullText({ content: odt, filename: 'letter.odt' });
    expect(text).toContain('See table');
    expect(text).toContain('Edith Clarke');
    expect(text).toContain('JG103785A');
  });

  it('reads a spreadsheet\'s annotations', async () => {
    const ods = openDocument(
      'application/vnd.oasis.opendocument.spreadsheet',
      '<office:spreadsheet><table:table><table:table-row><table:table-cell><office:annotation><text:p>Tenant NI JG103785A</text:p></office:annotation><text:p>12</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>',
    );
    expect(await fullText({ content: ods, filename: 'rent.ods' })).toContain('Tenant NI JG103785A');
  });

  it('holds an embedded OLE object it cannot read, keeping the text', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    const odt = openDocument('application/vnd.oasis.opendocument.text', '<office:text><text:p>Body</text:p></office:text>', { 'Object 2': ole, 'ObjectReplacements/Object 2': new Uint8Array([1, 2, 3]) });
    const result = await extract({ content: odt, filename: 'x.odt' });
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'unsupported' } });
    expect(textOf(result)).toContain('Body');
  });

  it('passes over the pictures shown in place of embedded objects', async () => {
    const odt = openDocument('application/vnd.oasis.opendocument.text', '<office:text><text:p>Body</text:p></office:text>', { 'ObjectReplacements/Object 2': new Uint8Array([1, 2, 3]) });
    expect((await fullText({ content: odt, filename: 'x.odt' })).trim()).toBe('Body');
  });
});
