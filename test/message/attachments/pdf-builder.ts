// Writes small PDFs by hand for the extractor tests: pages with any content stream (fonts F1
// Helvetica and F2 Courier), files embedded through the EmbeddedFiles name tree, and
// file-attachment annotations. Every object is
// ASCII (embedded files are hex-encoded), so string length is byte length and the cross-reference
// offsets are exact; pdf.js reads the result without repairing it.
import { strToU8 } from 'fflate';

export interface PdfFile {
  name: string;
  content: Uint8Array;
  description?: string;
}

export interface PdfPage {
  /** The page's content stream, e.g. `BT /F1 12 Tf 72 700 Td (Hello) Tj ET`. */
  content: string;
  /** Files attached to the page as file-attachment annotations. */
  attachedFiles?: readonly PdfFile[];
}

export interface PdfSpec {
  pages: readonly PdfPage[];
  /** Files in the document's EmbeddedFiles name tree. */
  embeddedFiles?: readonly PdfFile[];
}

/** A PDF literal string: backslash and parentheses escaped; printable ASCII only. */
export function pdfLiteral(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error('pdfLiteral accepts printable ASCII only');
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

export function buildPdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const reserve = (): number => objects.push('');
  const fileSpec = (file: PdfFile): number => {
    const hex = `${Buffer.from(file.content).toString('hex')}>`;
    const stream = add(`<< /Type /EmbeddedFile /Filter /ASCIIHexDecode /Length ${hex.length} >>\nstream\n${hex}\nendstream`);
    const description = file.description === undefined ? '' : ` /Desc ${pdfLiteral(file.description)}`;
    return add(`<< /Type /Filespec /F ${pdfLiteral(file.name)} /UF ${pdfLiteral(file.name)}${description} /EF << /F ${stream} 0 R >> >>`);
  };
  const catalog = reserve();
  const pages = reserve();
  const helvetica = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const courier = add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>');
  const kids = spec.pages.map((page) => {
    const content = add(`<< /Length ${page.content.length} >>\nstream\n${page.content}\nendstream`);
    const annots = (page.attachedFiles ?? []).map((file, i) => {
      const fs = fileSpec(file);
      const y = 700 - i * 30;
      return add(`<< /Type /Annot /Subtype /FileAttachment /Rect [20 ${y} 40 ${y + 20}] /FS ${fs} 0 R /Contents ${pdfLiteral(file.name)} /Name /Paperclip >>`);
    });
    const annotList = annots.length === 0 ? '' : ` /Annots [${annots.map((n) => `${n} 0 R`).join(' ')}]`;
    return add(
      `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${helvetica} 0 R /F2 ${courier} 0 R >> >> /Contents ${content} 0 R${annotList} >>`,
    );
  });
  const embedded = (spec.embeddedFiles ?? []).map((file) => `${pdfLiteral(file.name)} ${fileSpec(file)} 0 R`);
  const names = embedded.length === 0 ? '' : ` /Names << /EmbeddedFiles << /Names [${embedded.join(' ')}] >> >>`;
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R${names} >>`;
  objects[pages - 1] = `<< /Type /Pages /Kids [${kids.map((n) => `${n} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  // Each entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, flag, CRLF.
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r\n`).join('');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n${entries}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return strToU8(body);
}

/**
 * A content stream that draws `text` one glyph at a time in 12-point Courier (F2), each glyph
 * placed by its own Td at the font's advance of 7.2 points, as some report generators do.
 */
export function glyphByGlyph(text: string, x: number, y: number): string {
  const glyphs = [...text].map((c, i) => `${i === 0 ? `${x} ${y}` : '7.2 0'} Td ${pdfLiteral(c)} Tj`);
  return `BT /F2 12 Tf ${glyphs.join(' ')} ET`;
}

/**
 * A content stream that draws each glyph of `text` in a text object of its own, alternating
 * between the two fonts at the same size and advance, as generators that subset fonts do: pdf.js
 * returns one item per glyph.
 */
export function glyphsInOwnObjects(text: string, x: number, y: number): string {
  return [...text].map((c, i) => `BT /F${(i % 2) + 1} 12 Tf 1 0 0 1 ${x + i * 7.2} ${y} Tm ${pdfLiteral(c)} Tj ET`).join(' ');
}
