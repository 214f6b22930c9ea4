import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedAlternation } from '../../lib/detect/alternation.ts';
import { escapeRegex } from '../../lib/detect/context.ts';

const WORD_END = '(?![\\p{L}\\p{N}])';

/** Sources as the phrase lists build them: escaped, spacing between words, longest first. */
function sources(phrases: readonly string[]): string[] {
  return [...phrases].sort((a, b) => b.length - a.length).map((p) => escapeRegex(p).replace(/ /g, '\\s{1,3}'));
}

/** Every match of the alternation in the text, as [offset, text] pairs. */
function matches(alternation: string, text: string, flags: string): Array<[number, string]> {
  return [...text.matchAll(new RegExp(`${alternation}${WORD_END}`, flags))].map((m) => [m.index, m[0]]);
}

describe('groupedAlternation', () => {
  it.each<[string, string[], boolean, string]>([
    ['groups by first letter, in any case, and again within a group', ['date\\s{1,3}of\\s{1,3}birth', 'DOB', 'date'], true, '(?:d(?:a(?:t(?:e(?:\\s{1,3}of\\s{1,3}birth|)))|oB))'],
    ['keeps groups in order of first appearance', ['bank', 'account', 'ban'], true, '(?:b(?:a(?:n(?:k|)))|account)'],
    ['groups as written when case matters', ['Road', 'ROAD', 'road'], false, '(?:R(?:oad|OAD)|road)'],
    ['leaves a source starting with punctuation whole', ['#ref', 'a/c'], true, '(?:#ref|a/c)'],
    ['leaves a list with a source starting outside ASCII alone', ['élan', 'elan'], true, '(?:élan|elan)'],
    ['does not split a repeated first character', ['a{2}b', 'ac'], true, '(?:a{2}b|ac)'],
  ])('%s', (_name, list, ignoreCase, expected) => {
    expect(groupedAlternation(list, ignoreCase)).toBe(expected);
  });

  it.each<[string[], string, string[]]>([
    [['case reference', 'case ref', 'our ref'], 'Our Ref: 1, case  reference 2, case ref 3', ['Our Ref', 'case  reference', 'case ref']],
    [['date of birth', 'date'], 'the date, the date of birth, dated', ['date', 'date of birth']],
    [['nhs number', 'nhs no', 'nhs'], 'NHS Number NHS no NHS', ['NHS Number', 'NHS no', 'NHS']],
  ])('matches %j in "%s" as the plain alternation does', (list, text, expected) => {
    const grouped = matches(groupedAlternation(sources(list), true), text, 'giu');
    expect(grouped.map(([, found]) => found)).toEqual(expected);
    expect(grouped).toEqual(matches(`(?:${sources(list).join('|')})`, text, 'giu'));
  });

  it('finds exactly what the plain alternation finds, on any list and text', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcABC1ſ'.split('')), minLength: 1, maxLength: 4 });
    const phrase = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    const text = fc.string({ unit: fc.constantFrom(...'abcABC1ſ  .'.split('')), maxLength: 60 });
    fc.assert(
      fc.property(fc.uniqueArray(phrase, { minLength: 1, maxLength: 8 }), text, (list, body) => {
        const listed = sources(list);
        expect(matches(groupedAlternation(listed, true), body, 'giu')).toEqual(matches(`(?:${listed.join('|')})`, body, 'giu'));
      }),
      { numRuns: 1000 },
    );
  });
});
