// Decodes a text attachment (plain text, CSV, calendar, vCard, JSON, XML …) to a string.
import { TextDecoder } from 'node:util';

/** Byte-order marks say the encoding whatever the label claims. */
function encodingFromBom(bytes: Uint8Array): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

/**
 * Text in the declared charset; without one (or with one we do not know), UTF-8 when the bytes
 * are valid UTF-8, else Windows-1252, which is what Excel and older Windows tools write.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const bom = encodingFromBom(bytes);
  if (bom !== undefined) return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
  const declared = charset === undefined ? undefined : decoderFor(charset.trim());
  if (declared !== undefined) return declared.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
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
