import { describe, expect, it } from 'vitest';
import { WordList } from '../../lib/detect/context.ts';

const list = new WordList(['NI number', 'ward <number>', 'hospital']);

describe('WordList', () => {
  it.each<[string, string | undefined]>([
    ['Her NI number is', 'ni number'],
    ['NI_number_JG103785.jpg', 'ni number'],
    ['ni  number', 'ni number'],
    // <number>: up to three digits, a letter either side at most.
    ['She is on Ward 7 at QMC', 'ward <number>'],
    ['moved to ward C23', 'ward <number>'],
    ['WARD 31a, bed 4', 'ward <number>'],
    ['Ward_12_notes.pdf', 'ward <number>'],
    ['the ward 2025 budget', undefined],
    ['Abbey ward members', undefined],
    ['ward seven', undefined],
    ['wards 7 and 8', undefined],
    ['ward AB12', undefined],
    ['The hospital', 'hospital'],
  ])('%j → %j', (text, word) => {
    expect(list.findIn(text)).toBe(word);
  });

  it('finds every occurrence with its offsets', () => {
    expect(list.allIn('Ward 7, then hospital')).toEqual([
      { start: 0, end: 6, word: 'ward <number>' },
      { start: 13, end: 21, word: 'hospital' },
    ]);
  });

  it('returns on long runs of digits and letters after a placeholder phrase', () => {
    const text = `ward ${'1a'.repeat(200_000)} ${'ward '.repeat(100_000)}`;
    expect(list.findIn(text)).toBeUndefined();
  });
});
