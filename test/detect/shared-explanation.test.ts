import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedExplanation } from '../../lib/detect/shared-explanation.ts';
import type { FindingExplanation } from '../../lib/detect/types.ts';

const explanation = fc.record(
  {
    pattern: fc.constantFrom('nino', 'libphonenumber', 'councillor-casework'),
    baseScore: fc.constantFrom(0.5, 0.55, 0.85, 1),
    contextWord: fc.constantFrom('number', 'nhs number', 'lives at'),
    validated: fc.boolean(),
    note: fc.constantFrom('in running text: talked about, not applied', '3 people with contact details'),
  },
  { requiredKeys: ['pattern', 'baseScore'] },
);

describe('sharedExplanation', () => {
  it('gives equal explanations one frozen object, with the same properties in the same order', () => {
    fc.assert(
      fc.property(explanation, (e) => {
        const first = sharedExplanation({ ...e });
        const again = sharedExplanation({ ...e });
        expect(again).toBe(first);
        expect(Object.isFrozen(first)).toBe(true);
        expect(JSON.stringify(first)).toBe(JSON.stringify(e));
      }),
    );
  });

  it('keeps explanations apart that differ in any property', () => {
    const base: FindingExplanation = { pattern: 'nino-apart', baseScore: 0.85, contextWord: 'national insurance' };
    const variants: FindingExplanation[] = [
      base,
      { ...base, pattern: 'nino-apart-2' },
      { ...base, baseScore: 0.5 },
      { ...base, contextWord: 'ni number' },
      { pattern: 'nino-apart', baseScore: 0.85 },
      { ...base, validated: true },
      { ...base, validated: false },
      { ...base, note: 'a note' },
    ];
    const shared = variants.map((v) => sharedExplanation({ ...v }));
    expect(new Set(shared).size).toBe(variants.length);
    shared.forEach((s, i) => expect(JSON.stringify(s)).toBe(JSON.stringify(variants[i])));
  });

  it('keeps the first one’s order for equal values written in another order', () => {
    const first = sharedExplanation({ pattern: 'nino-order', baseScore: 0.85, contextWord: 'ni', validated: true });
    const reordered = sharedExplanation({ pattern: 'nino-order', baseScore: 0.85, validated: true, contextWord: 'ni' });
    expect(reordered).toBe(first);
    expect(Object.keys(reordered)).toEqual(['pattern', 'baseScore', 'contextWord', 'validated']);
  });

  it('stays correct once the table has started again', () => {
    const kept = sharedExplanation({ pattern: 'iban', baseScore: 0.9, note: 'before' });
    for (let i = 0; i < 5000; i += 1) sharedExplanation({ pattern: 'iban', baseScore: 0.9, note: `note ${i}` });
    expect(kept).toEqual({ pattern: 'iban', baseScore: 0.9, note: 'before' });
    expect(sharedExplanation({ pattern: 'iban', baseScore: 0.9, note: 'before' })).toEqual(kept);
  });
});
