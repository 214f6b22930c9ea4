// Decodes a text attachment (plain text, CSV, calendar, vCard, JSON, XML …) to a string.
import { TextDecoder } from 'node:util';

/** Byte-order marks say the encoding whatever the label claims. */
function encodingFromBom(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

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
 * are valid UTF-8, else Windows-1252, which is what Excel and older Windows tools write.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const bom = encodingFromBom(bytes);
  if (bom !== undefined) return decode(bom.encoding, bytes.subarray(bom.skip));
  const declared = charset?.trim();
  if (declared !== undefined && isKnownEncoding(declared)) return decode(declared, bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Whether bytes read as text: no NUL bytes (unless a UTF-16 byte-order mark explains them) and
 * hardly any other control characters in the first few kilobytes.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  const bom = encodingFromBom(bytes);
  if (bom !== undefined) return true;
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return false;
    // Tab, line feed, form feed, carriage return and escape all occur in real text.
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 12 && byte !== 13 && byte !== 27) controls += 1;
  }
  return controls <= sample.length / 100;
}
