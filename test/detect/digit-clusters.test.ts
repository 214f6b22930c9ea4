import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitClusters } from '../../lib/detect/digit-clusters.ts';
import { NINO_PATTERNS, ninoStarts } from '../../lib/detect/recognizers/uk-nino.ts';
import { isSeparatorCode, SEPARATOR } from '../../lib/detect/separators.ts';

const IS_SEPARATOR = new RegExp(`^${SEPARATOR}$`, 'u');
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** The definition, character by character: digits joined by separator runs of at most eight. */
function clustersByDefinition(text: string): Array<{ start: number; end: number; digits: number }> {
  const out: Array<{ start: number; end: number; digits: number }> = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]!)) {
      i += 1;
      continue;
    }
    const cluster = { start: i, end: i + 1, digits: 1 };
    let j = i + 1;
    for (;;) {
      let k = j;
      while (k < text.length && k - j < 8 && IS_SEPARATOR.test(text[k]!)) k += 1;
      if (k < text.length && isDigit(text[k]!)) {
        cluster.end = k + 1;
        cluster.digits += 1;
        j = k + 1;
      } else break;
    }
    out.push(cluster);
    i = cluster.end;
  }
  return out;
}

/** Text made of digits, every kind of separator, letters and other punctuation. */
const pieces = fc.constantFrom('0', '1', '7', '9', ' ', '  ', '\t', '\n', '\n> ', '.', '/', '-', '\u2013', '_', 'A', 'B', 'J', 'G', 'C', 'a', 'g', 'x', ',', '(', '£', 'é');
const texts = fc.array(pieces, { maxLength: 120 }).map((p) => p.join(''));

describe('isSeparatorCode', () => {
  it('agrees with the SEPARATOR pattern on every UTF-16 code unit', () => {
    const disagree: number[] = [];
    for (let code = 0; code <= 0xffff; code += 1) if (isSeparatorCode(code) !== IS_SEPARATOR.test(String.fromCharCode(code))) disagree.push(code);
    expect(disagree).toEqual([]);
  });
});

describe('digitClusters', () => {
  it('finds exactly the clusters the definition gives', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(digitClusters(text)).toEqual(clustersByDefinition(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['a digit run', '1'.repeat(3_000_000), 3_000_000],
    ['spaced digits', '1 '.repeat(1_500_000), 1_500_000],
    ['digits a full separator run apart', '1........'.repeat(200_000), 200_000],
  ])('reads %s of megabytes as one cluster, without overflowing the engine', (_name, text, digits) => {
    const clusters = digitClusters(text);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ start: 0, digits });
  });
});

describe('ninoStarts: the only places an NI number can start', () => {
  const forms = fc.constantFrom('JG103785A', 'JG 10 37 85 A', 'jg-10-37-85-a', 'J G 1 0 3 7 8 5 A', 'JG.10.37\n> 85.A', 'ninoJG103785A', 'AB123456', 'ab 12 34 56', 'QQ 12 34 56 C', 'XJG103785A');
  const mixed = fc.array(fc.oneof(pieces, forms), { maxLength: 40 }).map((p) => p.join(''));

  it('include the start of every match any form of the number has anywhere in the text', () => {
    fc.assert(
      fc.property(mixed, (text) => {
        const starts = new Set(ninoStarts(text));
        for (const { regex } of NINO_PATTERNS) {
          for (const m of text.matchAll(regex as RegExp)) expect(starts.has(m.index)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('are one per cluster of six digits with two letters before it, and none elsewhere', () => {
    // "Call 0115 …" is a place too ("ll" then digits): the patterns then find no number there.
    expect(ninoStarts('Call 0115 981 9911 or see JG 10 37 85 A and ninoAB123456C')).toEqual([2, 26, 48]);
    expect(ninoStarts('Dated (12/03/2024); total £1,250,000.50; 0115 981 9911')).toEqual([]);
  });
});
