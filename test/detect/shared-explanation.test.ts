import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedExplanation } from '../../lib/detect/shared-explanation.ts';

const values = fc.tuple(
  fc.constantFrom('nino', 'libphonenumber', 'councillor-casework'),
  fc.constantFrom(0.5, 0.55, 0.85, 1),
  fc.option(fc.constantFrom('number', 'nhs number', 'lives at'), { nil: undefined }),
  fc.option(fc.boolean(), { nil: undefined }),
  fc.option(fc.constantFrom('in running text: talked about, not applied', '3 people with contact details'), { nil: undefined }),
);

/** The explanation as written out by hand: the properties given, in order, none undefined. */
function written(pattern: string, baseScore: number, contextWord?: string, validated?: boolean, note?: string): string {
  return JSON.stringify({ pattern, baseScore, contextWord, validated, note });
}

describe('sharedExplanation', () => {
  it('gives equal explanations one frozen object, with the properties in order and none undefined', () => {
    fc.assert(
      fc.property(values, (v) => {
        const first = sharedExplanation(...v);
        expect(sharedExplanation(...v)).toBe(first);
        expect(Object.isFrozen(first)).toBe(true);
        expect(JSON.stringify(first)).toBe(written(...v));
        expect(Object.values(first)).not.toContain(undefined);
      }),
    );
  });

  it('keeps explanations apart that differ in any property', () => {
    const variants: Array<Parameters<typeof sharedExplanation>> = [
      ['nino', 0.85, 'national insurance'],
      ['nino-2', 0.85, 'national insurance'],
      ['nino', 0.5, 'national insurance'],
      ['nino', 0.85, 'ni number'],
      ['nino', 0.85],
      ['nino', 0.85, 'national insurance', true],
      ['nino', 0.85, 'national insurance', false],
      ['nino', 0.85, 'national insurance', undefined, 'a note'],
    ];
    const shared = variants.map((v) => sharedExplanation(...v));
    expect(new Set(shared).size).toBe(variants.length);
    shared.forEach((s, i) => expect(JSON.stringify(s)).toBe(written(...variants[i]!)));
  });

  it('stays correct once the table has started again', () => {
    const kept = sharedExplanation('iban', 0.9, undefined, undefined, 'before');
    for (let i = 0; i < 5000; i += 1) sharedExplanation('iban', 0.9, undefined, undefined, `note ${i}`);
    expect(kept).toEqual({ pattern: 'iban', baseScore: 0.9, note: 'before' });
    expect(sharedExplanation('iban', 0.9, undefined, undefined, 'before')).toEqual(kept);
  });

  it('keeps none of the texts its words were cut from', () => {
    // A collection on demand, for this measure only.
    v8.setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const heapUsed = (): number => {
      collect();
      collect();
      return process.memoryUsage().heapUsed;
    };
    const filler = 'The parish council has agreed to share the cost of the new noticeboard. '.repeat(1400).slice(0, 100_000);
    const before = heapUsed();
    // 200 texts of 100 KB, each lending a word and a note of its own: 20 MB were they kept.
    for (let i = 0; i < 200; i += 1) {
      const text = `${filler} context word ${i} and a note about it ${i}`;
      const word = text.slice(filler.length + 1, filler.length + 1 + `context word ${i}`.length);
      sharedExplanation('retention', 0.5, word, undefined, text.slice(text.lastIndexOf('a note')));
    }
    expect(heapUsed() - before).toBeLessThan(5 * 1024 * 1024);
  });
});
