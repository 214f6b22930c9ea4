// UTF-7 (RFC 2152), which the TextDecoder does not know. Printable ASCII stands for itself; a '+'
// opens a run of modified base64 (no padding) carrying UTF-16 code units, closed by any
// character outside the base64 alphabet, a closing '-' being absorbed; "+-" is a literal '+'.
// Runs that end with a partial code unit drop the leftover bits, as the RFC says decoders may.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...BASE64].map((c, i) => [c.charCodeAt(0), i]));
const PLUS = 0x2b;
const MINUS = 0x2d;

export function decodeUtf7(bytes: Uint8Array): string {
  const out: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    if (byte !== PLUS) {
      out.push(String.fromCharCode(byte));
      at += 1;
      continue;
    }
    at += 1;
    if (bytes[at] === MINUS) {
      out.push('+');
      at += 1;
      continue;
    }
    let bits = 0;
    let bitCount = 0;
    for (let value = VALUE.get(bytes[at] ?? -1); value !== undefined; value = VALUE.get(bytes[at] ?? -1)) {
      bits = ((bits << 6) | value) & 0xffffff;
      bitCount += 6;
      if (bitCount >= 16) {
        bitCount -= 16;
        out.push(String.fromCharCode((bits >> bitCount) & 0xffff));
      }
      at += 1;
    }
    if (bytes[at] === MINUS) at += 1;
  }
  return out.join('');
}
