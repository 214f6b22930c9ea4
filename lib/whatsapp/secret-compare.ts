// Compares a presented secret (a token, a signature) with the expected one in constant time, so
// the time taken says nothing about how much of it was right. Both sides are hashed first:
// timingSafeEqual needs equal lengths, and comparing lengths directly would leak the length.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string | Buffer): Buffer => createHash('sha256').update(value).digest();

export function sameSecret(presented: string | Buffer, expected: string | Buffer): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
