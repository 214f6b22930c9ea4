import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PhraseLists, phraseRegex } from '../../lib/detect/phrases.ts';
import { scan } from '../../lib/detect/word-start.ts';

/** Each list searched on its own: what PhraseLists must reproduce. */
function oneByOne(lists: string[][], text: string): Array<Array<[number, string]>> {
  return lists.map((list) => [...scan(phraseRegex(list), text)].map((m) => [m.index, m[0]]));
}

function together(lists: string[][], text: string): Array<Array<[number, string]>> {
  return new PhraseLists(lists).find(text).map((found) => found.map((m) => [m.index, m[0]]));
}

describe('PhraseLists', () => {
  it.each<[string, string[][], string]>([
    ['lists sharing a phrase', [['our ref', 'case ref'], ['case ref', 'case']], 'Case ref 12 and our  REF 13'],
    ['a phrase starting inside another list’s match', [['committee report'], ['report no']], 'committee report no. 12'],
    ['a phrase starting inside its own list’s match', [['committee report', 'report no']], 'committee report no. 12'],
    ['an empty list', [[], ['invoice']], 'Invoice 4471'],
    ['no phrases at all', [[], []], 'anything'],
  ])('%s', (_name, lists, text) => {
    expect(together(lists, text)).toEqual(oneByOne(lists, text));
  });

  it('finds in one pass what each list finds on its own, on any lists and text', () => {
    const word = fc.constantFrom('our', 'ref', 'case', 'no', 'report', 'a');
    const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
    const lists = fc.array(fc.array(phrase, { maxLength: 4 }), { minLength: 1, maxLength: 4 });
    const text = fc.array(fc.constantFrom('our', 'ref', 'Case', 'no', 'report', 'a', 'x', ' ', '  ', '.', '1'), { maxLength: 20 }).map((t) => t.join(''));
    fc.assert(
      fc.property(lists, text, (l, t) => {
        expect(together(l, t)).toEqual(oneByOne(l, t));
      }),
      { numRuns: 500 },
    );
  });
});
