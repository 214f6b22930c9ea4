// The examples shipped in rules/identifiers.yaml, checked against the recognizers alone: each hold
// example must be found by its recognizer and each pass example must not. (`gateway rules test`
// runs them through the whole pipeline as well.)
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createBankAccount } from '../../lib/detect/recognizers/bank-account.ts';
import { createDateOfBirth } from '../../lib/detect/recognizers/date-of-birth.ts';
import { createDrivingLicence } from '../../lib/detect/recognizers/driving-licence.ts';
import { createIban } from '../../lib/detect/recognizers/iban.ts';
import { createNhsNumber } from '../../lib/detect/recognizers/nhs-number.ts';
import { createPassportNumber } from '../../lib/detect/recognizers/passport-number.ts';
import { createPaymentCard } from '../../lib/detect/recognizers/payment-card.ts';
import { createUkNino } from '../../lib/detect/recognizers/uk-nino.ts';
import type { RecognizerFactory } from '../../lib/detect/types.ts';
import { ExamplesSchema } from '../../lib/rules/schema.ts';
import { RULES_DIR, shippedSettings } from '../helpers/recognizer-settings.ts';

const FACTORIES: Record<string, RecognizerFactory> = {
  'uk-nino': createUkNino,
  'nhs-number': createNhsNumber,
  'bank-account': createBankAccount,
  'payment-card': createPaymentCard,
  iban: createIban,
  'passport-number': createPassportNumber,
  'driving-licence': createDrivingLicence,
  'date-of-birth': createDateOfBirth,
};

const file = parse(readFileSync(`${RULES_DIR}identifiers.yaml`, 'utf8')) as { recognizers: Record<string, { examples?: unknown }> };

const rows = Object.entries(file.recognizers).flatMap(([type, settings]) => {
  const examples = ExamplesSchema.parse(settings.examples ?? {});
  return [
    ...examples.hold.map((e) => ({ type, expected: 'hold' as const, body: typeof e === 'string' ? e : e.body })),
    ...examples.pass.map((e) => ({ type, expected: 'pass' as const, body: typeof e === 'string' ? e : e.body })),
  ];
});

describe('rules/identifiers.yaml examples', () => {
  it('ships settings and at least two examples of each kind for every strong identifier', () => {
    expect(Object.keys(file.recognizers).sort()).toEqual(Object.keys(FACTORIES).sort());
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
