// Postcodes are looked for only before inward codes, found from the clusters of digits rather than
// by a search of the whole text: the two must find the same places.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inwardCodes } from '../../../lib/detect/recognizers/postal-address.ts';

/** What a search of the whole text for an inward code standing alone finds. */
function searched(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(/\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![\p{L}\p{N}])/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

const piece = fc.constantFrom('NG2 5AB', '5AB', '1', '12', ' ', '-', '.', '\n', 'A', 'b', 'C', 'Q', 'x', 'é', '𝐀', '٣', 'GIR 0AA', '20 00', 'NG25ABX');

describe('inward codes found from the clusters of digits', () => {
  it('are the places a search of the whole text finds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(inwardCodes(text)).toEqual(searched(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the inward code of a postcode, and none inside a longer word', () => {
    const text = 'West Bridgford NG2 5AB, then NG2 5ABC and 5ab.';
    expect(inwardCodes(text).map(({ start, end }) => text.slice(start, end))).toEqual(['5AB', '5ab']);
    expect(inwardCodes(text)[0]).toEqual({ start: 19, end: 22 });
  });
});
