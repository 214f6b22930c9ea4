// Decodes a text attachment (plain text, CSV, calendar, vCard, JSON, XML …) to a string.
import { TextDecoder } from 'node:util';
import { decodeUtf7 } from './utf7.ts';

/** Byte-order marks say the encoding whatever the label claims. */
function encodingFromBom(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** How much of a file is looked at to tell UTF-16 from other text. */
const SAMPLE_BYTES = 8192;

/**
 * UTF-16 without a byte-order mark, told by its NUL bytes: text that is mostly Latin script has a
 * NUL as the high byte of most code units, so NULs fall on odd offsets (little-endian) or even
 * ones (big-endian), and hardly ever on the other. Notepad and Word tell it the same way.
 */
export function utf16ByNulPattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES) & ~1);
  const units = sample.length / 2;
  if (units < 2) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNuls += 1;
    if (sample[i + 1] === 0) oddNuls += 1;
  }
  const many = units * 0.3;
  const few = units * 0.05;
  if (oddNuls >= many && evenNuls <= few) return 'utf-16le';
  if (evenNuls >= many && oddNuls <= few) return 'utf-16be';
  return undefined;
}

const UTF7_LABELS = new Set(['utf-7', 'utf7', 'unicode-1-1-utf-7', 'csunicode11utf7', 'x-unicode20utf7']);
const UTF16_LABELS = new Set(['utf-16', 'utf16', 'ucs-2', 'iso-10646-ucs-2', 'csunicode']);

/**
 * Windows-1252's characters for bytes 0x80–0x9F (undefined bytes stay as they are). Node's
 * TextDecoder decodes this encoding as Latin-1 and gets these wrong: 0x80 must be '€', not U+0080.
 */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

function decode(encoding: string, bytes: Uint8Array): string {
  const decoder = new TextDecoder(encoding);
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * Text in the declared charset; without one (or with one we do not know), UTF-8 when the bytes
 * are valid UTF-8, else Windows-1252, which is what Excel and older Windows tools write. UTF-16
 * told by its NUL bytes is read as UTF-16 unless a charset names the byte order; a label of
 * plain "UTF-16" takes its byte order from the bytes.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const bom = encodingFromBom(bytes);
  if (bom !== undefined) return decode(bom.encoding, bytes.subarray(bom.skip));
  const declared = charset?.trim().toLowerCase();
  if (declared !== undefined && UTF7_LABELS.has(declared)) return decodeUtf7(bytes);
  const utf16 = utf16ByNulPattern(bytes);
  if (declared === 'utf-16le' || declared === 'utf-16be') return decode(declared, bytes);
  if (utf16 !== undefined) return decode(utf16, bytes);
  if (declared !== undefined && UTF16_LABELS.has(declared)) return decode('utf-16le', bytes);
  if (declared !== undefined && isKnownEncoding(declared)) return decode(declared, bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Whether bytes read as text: no NUL bytes (unless a UTF-16 byte-order mark or pattern explains
 * them) and hardly any other control characters in the first few kilobytes.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  const bom = encodingFromBom(bytes);
  if (bom !== undefined) return true;
  const utf16 = utf16ByNulPattern(bytes);
  const sample = utf16 === undefined ? bytes.subarray(0, SAMPLE_BYTES) : decode(utf16, bytes.subarray(0, SAMPLE_BYTES));
  let controls = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const code = typeof sample === 'string' ? sample.charCodeAt(i) : (sample[i] as number);
    if (code === 0) return false;
    // Tab, line feed, form feed, carriage return and escape all occur in real text.
    if (code < 0x20 && code !== 9 && code !== 10 && code !== 12 && code !== 13 && code !== 27) controls += 1;
  }
  return controls <= sample.length / 100;
}
