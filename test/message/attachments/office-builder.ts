// Office packages for the extractor tests, part by part: the parts Word, Excel and PowerPoint
// require, plus whatever a test adds (charts, SmartArt, embedded files, altChunks), so each test
// shows the XML it depends on. Namespaces are the real ones from ECMA-376.
import { strToU8, zipSync } from 'fflate';

export const NS = {
  w: 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  r: 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  wp: 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  a: 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  c: 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"',
  dgm: 'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"',
  p: 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"',
  sheet: 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
} as const;

const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export type Parts = Record<string, string | Uint8Array>;

export function packageZip(parts: Parts): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files, { mtime: new Date('2024-06-03T09:00:00Z') });
}

/** A relationships part: [id, type (after .../relationships/), target]. */
export function relationships(rels: ReadonlyArray<readonly [string, string, string]>): string {
  const items = rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL_TYPE}/${type}" Target="${target}"/>`);
  return `<Relationships xmlns="${RELS_NS}">${items.join('')}</Relationships>`;
}

const CONTENT_TYPES =
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A Word document whose body is `bodyXml` (inside w:body), with extra parts and document relationships. */
export function docxPackage(bodyXml: string, extra: Parts = {}, rels: ReadonlyArray<readonly [string, string, string]> = []): Uint8Array {
  return packageZip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': relationships([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': `<w:document ${NS.w} ${NS.r} ${NS.wp} ${NS.a}><w:body>${bodyXml}</w:body></w:document>`,
    'word/_rels/document.xml.rels': relationships(rels),
    ...extra,
  });
}

/** A Word paragraph of one run. */
export function wordParagraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

/** A chart part with a title, one series name, two categories and their cached values. */
export function chartPart(title: string, series: string, categories: readonly [string, string], values: readonly [number, number]): string {
  const points = (items: readonly (string | number)[]): string => items.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('');
  return (
    `<c:chartSpace ${NS.c} ${NS.a}><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>${title}</a:t></a:r></a:p></c:rich></c:tx></c:title>` +
    `<c:plotArea><c:barChart><c:ser><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${series}</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/>${points(categories)}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>Sheet1!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/>${points(values)}</c:numCache></c:numRef></c:val>` +
    '</c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>'
  );
}

/** A SmartArt data model with one node per text. */
export function smartArtData(texts: readonly string[]): string {
  const points = texts.map((t, i) => `<dgm:pt modelId="{${i}}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>${t}</a:t></a:r></a:p></dgm:t></dgm:pt>`);
  return `<dgm:dataModel ${NS.dgm} ${NS.a}><dgm:ptLst>${points.join('')}</dgm:ptLst></dgm:dataModel>`;
}
