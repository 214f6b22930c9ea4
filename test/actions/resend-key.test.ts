// The override re-send key hashes every part's text with white space collapsed, slice by slice so
// that a 20 MB body does not build hundreds of MB of strings. The bytes hashed must be exactly those
// of the text collapsed whole (keys of messages already held must not change), wherever the
// slices' edges fall: in a run of white space, beside one, or inside a surrogate pair.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashCollapsed } from '../../lib/actions/resend-key.ts';

const whole = (text: string): string => createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');

function sliced(text: string, slice: number): string {
  const hash = createHash('sha256');
  hashCollapsed(hash, text, slice);
  return hash.digest('hex');
}

// White space of several kinds, letters, a character outside the BMP (a surrogate pair) and lone halves.
const PIECES = [' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2028', '\ufeff', 'a', 'Bc', 'é', '😀', '\ud83d', '\ude00'];

describe('hashing text with white space collapsed, slice by slice', () => {
  it.each([
    ['empty', ''],
    ['white space only', ' \n\t '],
    ['leading and trailing runs', '  \n Dear Jo,\n\n  thanks.  \r\n'],
    ['a run across every edge', 'a    b    c    d'],
    ['a surrogate pair at an edge', 'ab😀cd😀ef'],
    ['a lone high surrogate at the end', 'abc\ud83d'],
  ])('matches the text collapsed whole: %s', (_name, text) => {
    for (const slice of [1, 2, 3, 5, 64]) expect(sliced(text, slice), `slice ${slice}`).toBe(whole(text));
  });

  it('matches the text collapsed whole for any text and any slice size', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (pieces, slice) => {
        const text = pieces.join('');
        expect(sliced(text, slice)).toBe(whole(text));
      }),
      { numRuns: 2000 },
    );
  });
});
