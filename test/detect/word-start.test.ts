import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordStartRegex, scan } from '../../lib/detect/word-start.ts';

/** What the same pattern finds written with a look-behind: [offset, text] pairs. */
function withLookBehind(source: string, flags: string, text: string): Array<[number, string]> {
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})`, flags))].map((m) => [m.index, m[0]]);
}

function withWordStart(source: string, flags: string, text: string): Array<[number, string]> {
  return [...scan(new WordStartRegex(new RegExp(source, flags)), text)].map((m) => [m.index, m[0]]);
}

describe('WordStartRegex', () => {
  it.each<[string, string, Array<[number, string]>]>([
    ['our ref', 'our ref and flour ref', [[0, 'our ref']]],
    ['ref', 'ref.ref ref', [[0, 'ref'], [4, 'ref'], [8, 'ref']]],
    ['nhs', 'xnhs nhs1 (nhs) 2nhs', [[5, 'nhs'], [11, 'nhs']]],
    ['a', 'aaa a', [[0, 'a'], [4, 'a']]],
    ['é', 'é éé 😀é 𝐀é', [[0, 'é'], [2, 'é'], [7, 'é']]],
    ['(?:d\\.o\\.b\\.)', 'D.O.B.D.O.B.', [[0, 'D.O.B.'], [6, 'D.O.B.']]],
  ])('/%s/ in "%s"', (source, text, expected) => {
    expect(withWordStart(source, 'giu', text)).toEqual(expected);
    expect(withLookBehind(source, 'giu', text)).toEqual(expected);
  });

  it('keeps the groups of a match and its place for the next search', () => {
    const regex = new WordStartRegex(/(?<word>secret)(?<tail>\s+santa)?/giu);
    const m = regex.exec('top secret santa');
    expect(m?.groups).toEqual({ word: 'secret', tail: ' santa' });
    expect(regex.lastIndex).toBe(16);
    expect(regex.exec('top secret santa')).toBeNull();
    expect(regex.lastIndex).toBe(0);
  });

  it('refuses a regex without the g and u flags', () => {
    expect(() => new WordStartRegex(/x/u)).toThrow(/g and u flags/);
    expect(() => new WordStartRegex(/x/g)).toThrow(/g and u flags/);
  });

  it('finds exactly what the look-behind form finds, on any text', () => {
    const sources = fc.constantFrom('ab', 'a|ab', 'b\\s{1,3}a', '[ab]{1,3}', 'a(?=b)', 'é', '\\.a');
    const text = fc.string({ unit: fc.constantFrom(...['a', 'b', 'A', ' ', '.', '1', 'é', '😀', '𝐀', '\n']), maxLength: 40 });
    fc.assert(
      fc.property(sources, text, (source, body) => {
        expect(withWordStart(source, 'giu', body)).toEqual(withLookBehind(source, 'giu', body));
      }),
      { numRuns: 2000 },
    );
  });
});
