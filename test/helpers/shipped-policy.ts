// The shipped policy section, read from rules/policy.yaml through the schema.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PolicySchema, type PolicyConfig } from '../../lib/rules/schema.ts';
import { RULES_DIR } from './recognizer-settings.ts';

export function shippedPolicy(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  const doc = parse(readFileSync(`${RULES_DIR}policy.yaml`, 'utf8')) as { policy: unknown };
  return { ...PolicySchema.parse(doc.policy), ...overrides };
}
