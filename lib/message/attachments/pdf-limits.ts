// Checks a PDF against the page, object and inflated-size limits before pdf.js opens it. pdf.js
// has no cap of its own on what a compressed stream expands to: a 3 MB file whose content stream
// inflates to 3 GB would be inflated whole, into buffers outside the worker's heap limit. So
// every stream pdf.js may decompress to read text (content, fonts, object and xref streams; not
// images, which text extraction never decodes) is inflated here first, counting the bytes and
// keeping none, and the PDF is refused as soon as the total passes the limit.
//
// A stream is found by its `stream` keyword and inflated from the next line until the zlib data
// ends by itself, whatever its /Length says, so a wrong length cannot hide the data.
// Streams whose first filter is not FlateDecode (ASCII85 or hex in front of it, LZW) are not
// counted here; the worker's time limit bounds them.
import { constants, inflateRawSync } from 'node:zlib';
import { UnreadableContentError } from './types.ts';

export interface PdfLimits {
  maxInflatedBytes: number;
  maxPdfObjects: number;
  maxPdfPages: number;
}

/** `stream` and the end of its line; `endstream` is not a match. */
const STREAM_KEYWORD = /(?<![A-Za-z])stream[ \t\f\0]*(?:\r\n|\r|\n)/g;
const OBJECT_HEADER = /(?<![0-9])[0-9]{1,10}[ \t\r\n\f\0]+[0-9]{1,5}[ \t\r\n\f\0]+obj(?![A-Za-z])/g;
/** Room for a stream's dictionary before its keyword; dictionaries are far shorter. */
const DICTIONARY_WINDOW = 4096;
const FIRST_FILTER_FLATE = /\/Filter\s{0,16}\[?\s{0,16}\/(?:FlateDecode|Fl)(?![A-Za-z])/;
const IMAGE = /\/Subtype\s{0,16}\/Image(?![A-Za-z])/;
const OBJECT_STREAM = /\/Type\s{0,16}\/ObjStm(?![A-Za-z])/;
const OBJECT_COUNT = /\/N\s{0,16}([0-9]{1,10})(?![0-9])/;
/** A page object (not the /Pages nodes above them). */
const PAGE_OBJECT = /\/Type\s{0,16}\/Page(?![A-Za-z])/g;
function tooLarge(detail: string): UnreadableContentError {
  return new UnreadableContentError('too-large', detail);
}

/**
 * Bytes the zlib data at `start` inflates to, or budget + 1 once it is over `budget`. Read as raw
 * deflate after the 2-byte zlib header, as pdf.js reads it (it does not check the trailing
 * checksum either); inflation stops at the end of the data and ignores what follows. Data that
 * is not deflate counts nothing, as pdf.js cannot inflate it; data damaged part-way counts
 * nothing either, and is left to the time limit.
 */
function inflatedSize(bytes: Uint8Array, start: number, budget: number): number {
  try {
    return inflateRawSync(bytes.subarray(start + 2), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, budget) }).length;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? budget + 1 : 0;
  }
}

/** Throws UnreadableContentError('too-large') when the PDF is over a page, object or inflated-size limit. */
export function checkPdfLimits(bytes: Uint8Array, limits: PdfLimits): void {
  // Latin-1 keeps one character per byte, so offsets in the text are offsets in the bytes.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // Counted before pdf.js opens the file, which alone takes seconds for a page bomb. Pages kept in
  // object streams are not seen here; pdf.js's page count catches those (pdf.ts).
  let pages = 0;
  for (PAGE_OBJECT.lastIndex = 0; PAGE_OBJECT.exec(text) !== null; ) pages += 1;
  if (pages > limits.maxPdfPages) throw tooLarge(`the PDF has ${pages} pages, over the limit of ${limits.maxPdfPages}`);
  let objects = 0;
  for (OBJECT_HEADER.lastIndex = 0; OBJECT_HEADER.exec(text) !== null; ) objects += 1;
  let inflated = 0;
  let previousEnd = 0;
  for (const keyword of text.matchAll(STREAM_KEYWORD)) {
    const dataStart = keyword.index + keyword[0].length;
    const dictionary = text.slice(Math.max(previousEnd, keyword.index - DICTIONARY_WINDOW), keyword.index);
    previousEnd = dataStart;
    if (OBJECT_STREAM.test(dictionary)) objects += Number(OBJECT_COUNT.exec(dictionary)?.[1] ?? 0);
    if (objects > limits.maxPdfObjects) throw tooLarge(`the PDF has more than ${limits.maxPdfObjects} objects`);
    if (IMAGE.test(dictionary) || !FIRST_FILTER_FLATE.test(dictionary)) continue;
    inflated += inflatedSize(bytes, dataStart, limits.maxInflatedBytes - inflated);
    if (inflated > limits.maxInflatedBytes) {
      throw tooLarge(`the PDF's compressed streams expand to more than ${limits.maxInflatedBytes} bytes`);
    }
  }
  if (objects > limits.maxPdfObjects) throw tooLarge(`the PDF has more than ${limits.maxPdfObjects} objects`);
}
