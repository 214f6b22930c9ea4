import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorsOf, matchesIn, regionsAround } from '../../lib/detect/regions.ts';

/** Matches found through regions, as [offset, text] pairs. */
function viaRegions(text: string, regex: RegExp, anchor: RegExp, reach: number, before?: number): Array<[number, string]> {
  const regions = regionsAround(anchorsOf(text, anchor), reach, text.length, before);
  return [...matchesIn(text, regex, regions)].map((m) => [m.absoluteIndex + m.index, m[0]]);
}

function wholeText(text: string, regex: RegExp): Array<[number, string]> {
  return [...text.matchAll(regex)].map((m) => [m.index, m[0]]);
}

describe('regionsAround', () => {
  it.each<[string, number, number | undefined, Array<{ start: number; end: number }>]>([
    ['either side', 10, undefined, [{ start: 90, end: 115 }]],
    ['less before than after', 10, 2, [{ start: 98, end: 115 }]],
    ['more before than after', 0, 30, [{ start: 70, end: 105 }]],
  ])('reaches %s an anchor', (_name, reach, before, expected) => {
    expect(regionsAround([{ start: 100, end: 105 }], reach, 1000, before)).toEqual(expected);
  });

  it('merges regions whose margins touch and keeps apart those that do not', () => {
    expect(regionsAround([{ start: 100, end: 101 }, { start: 300, end: 301 }], 0, 1000)).toEqual([{ start: 100, end: 301 }]);
    expect(regionsAround([{ start: 100, end: 101 }, { start: 400, end: 401 }], 0, 1000)).toEqual([
      { start: 100, end: 101 },
      { start: 400, end: 401 },
    ]);
  });
});

describe('matchesIn', () => {
  // A postcode-like pattern and the digit ending every match: regions of a few characters are
  // tried position by position, wider ones searched on a slice.
  const CODE = /(?<![\p{L}\p{N}])[A-Z]{1,2}\d \d[A-Z]{2}(?![\p{L}\p{N}])/gu;
  const INWARD = /\d[A-Z]{2}(?![\p{L}\p{N}])/gu;

  it.each<[string, number, number]>([
    ['short regions', 0, 5],
    ['wide regions', 40, 40],
  ])('finds in %s what a search of the whole text finds', (_name, reach, before) => {
    const text = `NG2 5AB, xNG2 5AB, AB1 2CD${' filler'.repeat(60)}W1 1AA and NG25AB, E1 6AN`;
    expect(viaRegions(text, CODE, INWARD, reach, before)).toEqual(wholeText(text, CODE));
  });

  it('finds matches in a margin cut short by the start or end of the text', () => {
    const text = 'AB1 2CD xx';
    expect([...matchesIn(text, CODE, [{ start: 5, end: 6 }])].map((m) => m.absoluteIndex + m.index)).toEqual([0]);
  });

  it('finds exactly what a search of the whole text finds, on any text', () => {
    const piece = fc.constantFrom('NG2 5AB', 'W1 1AA', 'x', ' ', '9', 'AB', ', ', ' filler text ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom(0, 3, 40), (pieces, reach) => {
        const text = pieces.join('');
        expect(viaRegions(text, CODE, INWARD, reach, 5)).toEqual(wholeText(text, CODE));
      }),
      { numRuns: 1000 },
    );
  });
});
