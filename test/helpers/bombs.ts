// Small attachments that cost far more than their size to read, built in memory for the
// bounded-work tests (nothing this size is committed): a PDF of 20,000 pages, a PDF and a Word
// document whose compressed content expands to gigabytes, and a long run of digits.
import { constants, deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';
import { assemblePdf } from './documents.ts';

const GB = 1024 * 1024 * 1024;
export const THREE_GB = 3 * GB;

/**
 * Raw deflate data that inflates to `bytes` zero bytes (rounded up to 16 MB): one 16 MB block of
 * zeros compressed once (about 16 KB, ending on a byte boundary with no final flag) repeated,
 * then an empty final block. Some 3 MB for 3 GB.
 */
export function deflateBomb(bytes: number): Buffer {
  const piece = 16 * 1024 * 1024;
  const chunk = deflateRawSync(Buffer.alloc(piece), { finishFlush: constants.Z_SYNC_FLUSH });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return Buffer.concat([...Array.from({ length: Math.ceil(bytes / piece) }, () => chunk), finalEmptyBlock]);
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** A PDF of `pages` pages (each a line of text), some 100 bytes a page. */
export function pageBombPdf(pages: number): Uint8Array {
  const content = 'BT /F1 11 Tf 72 770 Td (A page of the agenda pack) Tj ET';
  const first = 5;
  const kids = Array.from({ length: pages }, (_, i) => `${first + i} 0 R`).join(' ');
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>';
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    FONT,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...Array.from({ length: pages }, () => page),
  ]);
}

/** A one-page PDF whose content stream inflates to `bytes` bytes. */
export function inflateBombPdf(bytes: number): Uint8Array {
  // zlib framing around the deflate data: header 78 9C, and a checksum pdf.js does not read.
  const data = Buffer.concat([Buffer.from([0x78, 0x9c]), deflateBomb(bytes), Buffer.alloc(4)]);
  const stream = Buffer.concat([strToU8(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, strToU8('\nendstream')]);
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    FONT,
    stream,
  ]);
}

interface RawEntry {
  name: string;
  /** Deflated data, as it goes in the archive. */
  compressed: Uint8Array;
  /** The uncompressed size the archive declares, true or not. */
  declaredSize: number;
}

/** A ZIP archive of already-deflated entries (CRCs left 0: the gateway does not read them). */
function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Uint8Array[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    directory.push(central, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...directory, end]);
}

/**
 * A Word document whose main part inflates to `bytes` bytes. `declared` is the size its archive
 * states: the truth (refused before inflating) or a lie (caught as it inflates past it).
 */
export function inflateBombDocx(bytes: number, declared: number = bytes): Buffer {
  const small = (name: string, xml: string): RawEntry => {
    const data = strToU8(xml);
    return { name, compressed: deflateRawSync(data), declaredSize: data.length };
  };
  return rawZip([
    small('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    { name: 'word/document.xml', compressed: deflateBomb(bytes), declaredSize: declared },
  ]);
}
