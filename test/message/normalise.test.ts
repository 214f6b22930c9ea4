// Invisible and unusual space characters cannot split or hide an identifier.
import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../lib/message/normalise.ts';

describe('normaliseText', () => {
  it.each([
    ['no-break spaces', 'JG\u00a010\u00a037\u00a085\u00a0A', 'JG 10 37 85 A'],
    ['thin and narrow no-break spaces', '07700\u2009900\u202f123', '07700 900 123'],
    ['zero-width spaces inside a number', 'JG\u200b103\u200c785\u200dA', 'JG103785A'],
    ['soft hyphens, word joiners and byte-order marks', '\ufeffEd\u00adith\u2060 Clarke', 'Edith Clarke'],
    ['ordinary text untouched', 'Mrs Clarke, 12 Rugby Road\n\tNG2 7YG', 'Mrs Clarke, 12 Rugby Road\n\tNG2 7YG'],
  ])('handles %s', (_name, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});
