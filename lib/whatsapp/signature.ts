// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the exact request bytes, keyed with the app
// secret. Meta signs the bytes it sends, in which non-ASCII text is \u-escaped; re-serialising a
// parsed body would produce different bytes, so only the raw body is ever signed or verified.
import { createHmac } from 'node:crypto';
import { sameSecret } from './secret-compare.ts';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

const PREFIX = 'sha256=';
const SIGNATURE = /^sha256=[0-9a-f]{64}$/i;

export function signBody(raw: Buffer, secret: string): string {
  return `${PREFIX}${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** False for a missing, malformed or wrong signature; the comparison takes constant time. */
export function verifySignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  const presented = header?.trim();
  if (!presented || !SIGNATURE.test(presented)) return false;
  return sameSecret(presented.toLowerCase(), signBody(raw, secret));
}
