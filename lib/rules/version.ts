// The rule-set version stamped on every decision record: a short hash of the merged, validated
// rules. Keys are sorted first, so reordering a YAML file (or splitting it in two) keeps the
// version, while any changed value (a word, a score, a rule switched off) gives a new one.
import { createHash } from 'node:crypto';
import type { RuleSetConfig } from './schema.ts';

/** JSON with every object's keys in code-point order; list order is kept (it is meaningful). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** First 12 hex digits of the SHA-256 of the canonical JSON: short enough to read, long enough not to collide. */
export function ruleSetVersion(config: RuleSetConfig): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 12);
}
