// A damaged file is an unreadable part, never a crash: every reader, fed truncated or corrupted
// copies of a real document of its format, returns an extraction, and an unreadable one's detail
// never quotes the content.
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeXlsx } from '../../helpers/documents.ts';
import { chartPart, docxPackage, packageZip, relationships, smartArtData, wordParagraph, NS } from './office-builder.ts';
import { buildPdf, glyphsInOwnObjects } from './pdf-builder.ts';
import { extract, type TestInput } from './read-attachment.ts';

const SECRET = 'JG103785A';

const SAMPLES: ReadonlyArray<readonly [string, TestInput]> = [
  ['PDF with embedded files', { content: buildPdf({ pages: [{ content: glyphsInOwnObjects(SECRET, 72, 700), attachedFiles: [{ name: 'a.docx', content: makeDocx(SECRET) }] }], embeddedFiles: [{ name: 'b.csv', content: strToU8(SECRET) }] }), contentType: 'application/pdf' }],
  ['Word document with altChunk, chart and SmartArt', {
    content: docxPackage(wordParagraph(SECRET) + '<w:altChunk r:id="c1"/>', {
      'word/afchunk.rtf': strToU8(`{\\rtf1\\ansi\\ansicpg1252 ${SECRET}\\par}`),
      'word/charts/chart1.xml': chartPart(SECRET, 'S', ['a', 'b'], [1, 2]),
      'word/diagrams/data1.xml': smartArtData([SECRET]),
      'word/embeddings/book.xlsx': makeXlsx([[SECRET]]),
    }, [['c1', 'aFChunk', 'afchunk.rtf']]),
    filename: 'x.docx',
  }],
  ['workbook with pivot cache', {
    content: packageZip({
      'xl/workbook.xml': `<workbook ${NS.sheet} ${NS.r}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': relationships([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
      'xl/worksheets/sheet1.xml': `<worksheet ${NS.sheet}><sheetData><row r="1"><c r="A1" s="1"><v>103785</v></c></row></sheetData><headerFooter><oddHeader>&amp;C${SECRET}</oddHeader></headerFooter></worksheet>`,
      'xl/styles.xml': `<styleSheet ${NS.sheet}><numFmts><numFmt numFmtId="164" formatCode="&quot;JG&quot;000000&quot;A&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
      'xl/pivotCache/pivotCacheDefinition1.xml': `<pivotCacheDefinition ${NS.sheet}><cacheFields><cacheField name="n"><sharedItems><s v="${SECRET}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`,
      'xl/pivotCache/pivotCacheRecords1.xml': `<pivotCacheRecords ${NS.sheet}><r><x v="0"/></r></pivotCacheRecords>`,
    }),
    filename: 'x.xlsx',
  }],
  ['RTF', { content: strToU8(`{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}} NI J\\'47103785A\\par}`), filename: 'x.rtf' }],
  ['vCard', { content: strToU8(`BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${SECRET}=\r\n=0D=0A\r\nEND:VCARD\r\n`), contentType: 'text/vcard' }],
];

/** A copy cut short, or with a run of bytes overwritten. */
const damage = (length: number): fc.Arbitrary<(bytes: Uint8Array) => Uint8Array> =>
  fc.oneof(
    fc.integer({ min: 0, max: length - 1 }).map((end) => (bytes: Uint8Array) => bytes.slice(0, end)),
    fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, noise]) => (bytes: Uint8Array) => {
      const copy = bytes.slice();
      copy.set(noise.subarray(0, copy.length - at), at);
      return copy;
    }),
  );

describe('damaged documents', () => {
  it.each(SAMPLES)('reads the undamaged %s whole', async (_name, sample) => {
    const result = await extract(sample);
    expect(result).toMatchObject({ kind: 'text' });
    expect(result.kind === 'text' && result.problem).toBe(undefined);
    expect(result.kind === 'text' && result.text).toContain(SECRET);
  });

  it.each(SAMPLES)('reads a damaged %s as text or as unreadable, never throwing', async (_name, sample) => {
    await fc.assert(
      fc.asyncProperty(damage(sample.content.length), async (harm) => {
        const result = await extract({ ...sample, content: harm(sample.content) });
        expect(['text', 'unreadable', 'none']).toContain(result.kind);
        if (result.kind === 'unreadable') expect(result.detail).not.toContain(SECRET);
        if (result.kind === 'text' && result.problem !== undefined) expect(result.problem.detail).not.toContain(SECRET);
      }),
      { numRuns: 25, seed: 20261203 },
    );
  });
});
