import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordStartSearch } from '../../lib/detect/word-start-search.ts';
import { WordStartRegex, scan } from '../../lib/detect/word-start.ts';

const PATTERNS = [
  '(?:not\\s{1,3}for\\s{1,3}publication|exempt\\s{1,3}information)(?![\\p{L}\\p{N}])',
  'part\\s{1,3}(?:2|b)(?![\\p{L}\\p{N}])(?:[ \\t]{0,3}[:-]?[ \\t]{0,3}(?<heading>exempt|private))?',
  '(?:para\\s{1,3}\\d{1,2}\\s{1,3}of\\s{1,3})?schedule\\s{0,3}12a(?![\\p{L}\\p{N}])',
];

const regexes = (): WordStartRegex[] => PATTERNS.map((p) => new WordStartRegex(new RegExp(p, 'giu')));

/** Each pattern's [offset, text] matches, found one search per pattern. */
function oneByOne(text: string): Array<Array<[number, string]>> {
  return regexes().map((r) => [...scan(r, text)].map((m) => [m.index, m[0]]));
}

function together(text: string): Array<Array<[number, string]>> {
  return new WordStartSearch(regexes()).find(text).map((found) => found.map((m) => [m.index, m[0]]));
}

describe('WordStartSearch', () => {
  it.each<[string]>([
    ['PART 2 – EXEMPT INFORMATION: not for publication'],
    ['see para 3 of Schedule 12A; part b private'],
    ['xpart 2 counterpart b, Part B'],
    ['nothing to see'],
  ])('finds in one pass what each pattern finds alone: "%s"', (text) => {
    expect(together(text)).toEqual(oneByOne(text));
  });

  it('keeps each pattern’s named groups', () => {
    const [, headings] = new WordStartSearch(regexes()).find('Part 2 - private');
    expect(headings?.[0]?.groups).toEqual({ heading: 'private' });
  });

  it('refuses patterns it cannot join', () => {
    expect(() => new WordStartSearch([new WordStartRegex(/(a)\1/gu)])).toThrow(/back-references/);
    expect(() => new WordStartSearch([new WordStartRegex(/a/gu), new WordStartRegex(/b/giu)])).toThrow(/same flags/);
  });

  it('finds exactly what the patterns find one by one, on any text', () => {
    const piece = fc.constantFrom('part', ' 2', ' b', ' - ', 'exempt', ' information', 'not for publication', 'para 3 of ', 'schedule 12a', 'x', ' ', ':', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(together(text)).toEqual(oneByOne(text));
      }),
      { numRuns: 1000 },
    );
  });
});
