// PDFs read as a viewer shows them: text drawn glyph by glyph reads as it looks, and files the
// PDF carries (its attachments panel, paperclip annotations) are read as attachments of their own.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../helpers/documents.ts';
import { DEFAULT_LIMITS } from '../mime-builders.ts';
import { buildPdf, glyphByGlyph, glyphsInOwnObjects, type PdfFile } from './pdf-builder.ts';
import { extract, fullText, textOf } from './read-attachment.ts';

function pdfOf(content: string): Uint8Array {
  return buildPdf({ pages: [{ content }] });
}

describe('PDF page text', () => {
  it.each<[string, string, string]>([
    ['a value drawn one glyph at a time', glyphByGlyph('JG103785A', 72, 700), 'JG103785A'],
    ['a value drawn one glyph per text object, fonts alternating', glyphsInOwnObjects('JG103785A', 72, 700), 'JG103785A'],
    ['a spaced value drawn one glyph per text object', glyphsInOwnObjects('JG 10 37 85 A', 72, 700), 'JG 10 37 85 A'],
    ['a spaced value drawn one glyph at a time', glyphByGlyph('JG 10 37 85 A', 72, 700), 'JG 10 37 85 A'],
    ['a value split across two text objects that meet', 'BT /F1 12 Tf 72 700 Td (JG10) Tj ET BT /F1 12 Tf 100 700 Td (3785A) Tj ET', 'JG103785A'],
    ['a value split by a change of font size', 'BT /F1 12 Tf 72 700 Td (NI: ) Tj /F1 14 Tf (JG10) Tj /F1 12 Tf (3785A) Tj ET', 'NI: JG103785A'],
    ['kerned glyphs in one TJ array', 'BT /F1 12 Tf 72 700 Td [(J) -50 (G) -50 (1) -50 (0)] TJ ET', 'JG10'],
    ['table columns', 'BT /F1 12 Tf 72 700 Td (Name) Tj 150 0 Td (Edith Clarke) Tj ET BT /F1 12 Tf 72 680 Td (Phone) Tj 150 0 Td (07700 900123) Tj ET', 'Name Edith Clarke\nPhone 07700 900123'],
    ['words placed apart on one line', 'BT /F1 12 Tf 72 700 Td (Ref) Tj ET BT /F1 12 Tf 120 700 Td (12345) Tj ET', 'Ref 12345'],
    ['lines placed by Td', 'BT /F1 12 Tf 72 700 Td (First line) Tj 0 -14 Td (second line) Tj ET', 'First line\nsecond line'],
    ['a value drawn glyph by glyph up the page', [...'JG103785A'].map((c, i) => `BT /F${(i % 2) + 1} 12 Tf 0 1 -1 0 300 ${100 + i * 7.2} Tm (${c}) Tj ET`).join(' '), 'JG103785A'],
    ['rotated lines placed apart', 'BT /F1 12 Tf 0 1 -1 0 300 100 Tm (First) Tj ET BT /F1 12 Tf 0 1 -1 0 320 100 Tm (Second) Tj ET', 'First\nSecond'],
    ['a diagonal watermark', 'BT /F1 12 Tf 0.7071 0.7071 -0.7071 0.7071 100 100 Tm (OFFICIAL) Tj ET BT /F2 12 Tf 0.7071 0.7071 -0.7071 0.7071 160 160 Tm (SENSITIVE) Tj ET', 'OFFICIAL SENSITIVE'],
  ])('reads %s as it is shown', async (_name, content, expected) => {
    expect(await fullText({ content: pdfOf(content), contentType: 'application/pdf' })).toBe(expected);
  });
});

describe('files carried in a PDF', () => {
  const docx: PdfFile = { name: 'letter.docx', content: makeDocx('Embedded letter: NI JG103785A'), description: 'Letter to Mrs Clarke' };
  const csv: PdfFile = { name: 'residents.csv', content: strToU8('name,phone\nEdith Clarke,07700 900123') };

  it('reads files in the EmbeddedFiles name tree, with their names and descriptions', async () => {
    const pdf = buildPdf({ pages: [{ content: glyphByGlyph('Cover page', 72, 700) }], embeddedFiles: [docx, csv] });
    const text = await fullText({ content: pdf, contentType: 'application/pdf' });
    expect(text).toContain('Cover page');
    expect(text).toContain('Embedded letter: NI JG103785A');
    expect(text).toContain('Edith Clarke,07700 900123');
    expect(text).toContain('Letter to Mrs Clarke');
    expect(text).toContain('residents.csv');
  });

  it('reads the file behind a file-attachment annotation', async () => {
    const pdf = buildPdf({ pages: [{ content: glyphByGlyph('See attached', 72, 700), attachedFiles: [csv] }] });
    expect(await fullText({ content: pdf, contentType: 'application/pdf' })).toContain('Edith Clarke,07700 900123');
  });

  it('reads a PDF inside a PDF', async () => {
    const inner = buildPdf({ pages: [{ content: glyphByGlyph('Inner NI JG103785A', 72, 700) }] });
    const outer = buildPdf({ pages: [{ content: glyphByGlyph('Outer', 72, 700) }], embeddedFiles: [{ name: 'inner.pdf', content: inner }] });
    expect(await fullText({ content: outer, contentType: 'application/pdf' })).toContain('Inner NI JG103785A');
  });

  it('holds files nested deeper than the depth limit, keeping the text it read', async () => {
    let pdf = buildPdf({ pages: [{ content: glyphByGlyph('Innermost', 72, 700) }] });
    for (let level = 0; level < 3; level += 1) {
      pdf = buildPdf({ pages: [{ content: glyphByGlyph(`Level ${level}`, 72, 700) }], embeddedFiles: [{ name: `level${level}.pdf`, content: pdf }] });
    }
    const result = await extract({ content: pdf, contentType: 'application/pdf' }, { ...DEFAULT_LIMITS, maxDepth: 2 });
    expect(textOf(result)).toContain('Level 2');
    expect(textOf(result)).not.toContain('Innermost');
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'too-deep' } });
  });

  it('holds a PDF that carries a file it cannot read', async () => {
    const binary: PdfFile = { name: 'data.bin', content: Uint8Array.from({ length: 256 }, (_, i) => i) };
    const pdf = buildPdf({ pages: [{ content: glyphByGlyph('Cover', 72, 700) }], embeddedFiles: [binary] });
    const result = await extract({ content: pdf, contentType: 'application/pdf' });
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'unsupported' } });
    expect(result.kind === 'text' && result.problem?.detail).not.toContain('data.bin');
  });
});
