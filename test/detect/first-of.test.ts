import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstOf } from '../../lib/detect/first-of.ts';
import { scan } from '../../lib/detect/word-start.ts';

/** Two regexes that never match at the same position: one starts with a digit, one with a letter. */
const DIGIT_FIRST = '(?<![\\p{L}\\p{N}])\\d{1,3} [A-Z][a-z]{0,5} (?:Road|Rd)';
const WORD_FIRST = '(?<![\\p{L}\\p{N}])(?:Flat|Unit) \\d{1,2}, \\d{1,3} [A-Z][a-z]{0,5} (?:Road|Rd)';

function firstOf(text: string): Array<[number, string]> {
  const scanner = new FirstOf([new RegExp(DIGIT_FIRST, 'gu'), new RegExp(WORD_FIRST, 'gu')]);
  return [...scan(scanner, text)].map((m) => [m.index, m[0]]);
}

function alternation(text: string): Array<[number, string]> {
  return [...text.matchAll(new RegExp(`(?:${DIGIT_FIRST}|${WORD_FIRST})`, 'gu'))].map((m) => [m.index, m[0]]);
}

describe('FirstOf', () => {
  it.each<[string, Array<[number, string]>]>([
    ['Flat 3, 14 High Road', [[0, 'Flat 3, 14 High Road']]],
    ['14 High Road and Unit 2, 9 Mill Rd', [[0, '14 High Road'], [17, 'Unit 2, 9 Mill Rd']]],
    ['Flat 3, 14 High Street; 2 Low Road', [[24, '2 Low Road']]],
    ['no address here', []],
  ])('"%s"', (text, expected) => {
    expect(firstOf(text)).toEqual(expected);
    expect(alternation(text)).toEqual(expected);
  });

  it('starts afresh on another text or an earlier position', () => {
    const scanner = new FirstOf([new RegExp(DIGIT_FIRST, 'gu'), new RegExp(WORD_FIRST, 'gu')]);
    expect(scanner.exec('1 Ab Road 2 Cd Road')?.index).toBe(0);
    expect(scanner.exec('3 Ef Rd')?.[0]).toBeUndefined();
    scanner.lastIndex = 0;
    expect(scanner.exec('3 Ef Rd')?.[0]).toBe('3 Ef Rd');
    scanner.lastIndex = 0;
    expect(scanner.exec('1 Ab Road 2 Cd Road')?.[0]).toBe('1 Ab Road');
  });

  it('finds exactly what the alternation finds, on any text', () => {
    const piece = fc.constantFrom('Flat 3, ', 'Unit 12, ', '14 ', '2 ', 'High ', 'Ab ', 'Road', 'Rd', ', ', ' ', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const text = pieces.join('');
        expect(firstOf(text)).toEqual(alternation(text));
      }),
      { numRuns: 2000 },
    );
  });
});
