// The examples shipped in rules/contacts.yaml, checked against the recognizers alone: each hold
// example must be found by its recognizer and each pass example must not. (`gateway rules test`
// runs them through the whole pipeline as well.)
import { describe, expect, it } from 'vitest';
import { createEmailAddress } from '../../lib/detect/recognizers/email-address.ts';
import { createPhoneNumber } from '../../lib/detect/recognizers/phone-number.ts';
import { createPostalAddress } from '../../lib/detect/recognizers/postal-address.ts';
import { createSpecialCategory } from '../../lib/detect/recognizers/special-category.ts';
import type { RecognizerFactory } from '../../lib/detect/types.ts';
import { shippedSettings } from '../helpers/recognizer-settings.ts';
import { recognizerExamples } from '../helpers/shipped-examples.ts';

const FACTORIES: Record<string, RecognizerFactory> = {
  'email-address': createEmailAddress,
  'phone-number': createPhoneNumber,
  'postal-address': createPostalAddress,
  'special-category': createSpecialCategory,
};

const rows = recognizerExamples('contacts.yaml');

describe('rules/contacts.yaml examples', () => {
  it('ships settings and at least two examples of each kind for every contact recognizer', () => {
    expect([...new Set(rows.map((r) => r.type))].sort()).toEqual(Object.keys(FACTORIES).sort());
    for (const type of Object.keys(FACTORIES)) {
      expect(rows.filter((r) => r.type === type && r.expected === 'hold').length, type).toBeGreaterThanOrEqual(2);
      expect(rows.filter((r) => r.type === type && r.expected === 'pass').length, type).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(rows)('$type $expected: $body', ({ type, expected, body }) => {
    const recognizer = FACTORIES[type]!(shippedSettings(type));
    expect(recognizer.find(body).length > 0).toBe(expected === 'hold');
  });
});
