// The examples shipped in rules/markings.yaml and rules/casework.yaml, checked against the
// recognizers alone: each hold example must be found (in its subject or body) by its recognizer and
// each pass example must not. (`gateway rules test` runs them through the whole pipeline as well.)
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCaseReference } from '../../lib/detect/recognizers/case-reference.ts';
import { createConfidentialityNotice } from '../../lib/detect/recognizers/confidentiality-notice.ts';
import { createExemptInformation } from '../../lib/detect/recognizers/exempt-information.ts';
import { createSecurityClassification } from '../../lib/detect/recognizers/security-classification.ts';
import type { RecognizerFactory } from '../../lib/detect/types.ts';
import { ExamplesSchema } from '../../lib/rules/schema.ts';
import { RULES_DIR, shippedSettings } from '../helpers/recognizer-settings.ts';

const FILES: Record<string, Record<string, RecognizerFactory>> = {
  'markings.yaml': {
    'security-classification': createSecurityClassification,
    'exempt-information': createExemptInformation,
    'confidentiality-notice': createConfidentialityNotice,
  },
  'casework.yaml': { 'case-reference': createCaseReference },
};

describe.each(Object.entries(FILES))('rules/%s examples', (fileName, factories) => {
  const file = parse(readFileSync(`${RULES_DIR}${fileName}`, 'utf8')) as { recognizers: Record<string, { examples?: unknown }> };
  const rows = Object.entries(file.recognizers).flatMap(([type, settings]) => {
    const examples = ExamplesSchema.parse(settings.examples ?? {});
    const texts = (e: (typeof examples.hold)[number]): string[] => (typeof e === 'string' ? [e] : [e.subject ?? '', e.body]);
    return [
      ...examples.hold.map((e) => ({ type, expected: 'hold' as const, texts: texts(e) })),
      ...examples.pass.map((e) => ({ type, expected: 'pass' as const, texts: texts(e) })),
    ];
  });

  it('ships settings and at least two examples of each kind for every recognizer', () => {
    expect(Object.keys(file.recognizers).sort()).toEqual(Object.keys(factories).sort());
    for (const type of Object.keys(factories)) {
      expect(rows.filter((r) => r.type === type && r.expected === 'hold').length, type).toBeGreaterThanOrEqual(2);
      expect(rows.filter((r) => r.type === type && r.expected === 'pass').length, type).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(rows)('$type $expected: $texts', ({ type, expected, texts }) => {
    const recognizer = factories[type]!(shippedSettings(type));
    expect(texts.some((t) => recognizer.find(t).length > 0)).toBe(expected === 'hold');
  });
});
