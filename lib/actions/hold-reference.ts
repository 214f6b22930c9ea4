// Hold references ("H-20261124-7KQ3PZ"): the date helps people talk about them, the random part
// makes them unguessable. The alphabet leaves out 0/O, 1/I/L and U so a reference read aloud or
// retyped from a phone survives.
import { randomInt } from 'node:crypto';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 6;

export const HOLD_REFERENCE = /^H-\d{8}-[2-9A-HJKMNP-TV-Z]{6}$/;

export function newHoldReference(now: Date = new Date()): string {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i += 1) random += ALPHABET[randomInt(ALPHABET.length)];
  return `H-${date}-${random}`;
}
