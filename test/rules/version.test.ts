import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../lib/rules/load.ts';
import { canonicalJson } from '../../lib/rules/version.ts';
import { BASE_FILES, removeRuleDirs, ruleDir } from '../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

async function versionOf(files: Record<string, string>): Promise<string> {
  return (await loadRuleSet(await ruleDir(files))).version;
}

const REORDERED: Record<string, string> = {
  // Same settings: sections, recognizers and rule fields in another order, in other files.
  'all.yaml': `
    policy:
      rules:
        - explanation: Marked material may only go to people entitled to see it.
          when:
            categories: [marking]
          description: Security markings
          id: marking
        - allowOverride: true
          id: strong-identifier
          explanation: Identifiers like this can be used to impersonate a resident.
          description: Identifiers that enable fraud
          when:
            types: [uk-nino, iban]
      internalDomains: [example.gov.uk]
      mode: enforce
    recognizers:
      iban:
        context: [IBAN]
      uk-nino:
        context: [national insurance, NI number]
        minScore: 0.6
  `,
};

describe('rule-set version', () => {
  it('is the first 12 hex digits of a SHA-256', async () => {
    expect(await versionOf(BASE_FILES)).toMatch(/^[0-9a-f]{12}$/);
  });

  it.each<[string, Record<string, string>]>([
    ['keys reordered and files combined', REORDERED],
    ['a comment added', { ...BASE_FILES, 'policy.yaml': `# The policy.\n${BASE_FILES['policy.yaml']}` }],
    ['a default written out', { ...BASE_FILES, 'local/a.yaml': 'policy:\n  minScore: 0.5\n' }],
    ['flow style instead of block style', { ...BASE_FILES, 'identifiers.yaml': "recognizers: {uk-nino: {minScore: 0.6, context: ['national insurance', 'NI number']}, iban: {context: [IBAN]}}" }],
  ])('stays the same with %s', async (_label, files) => {
    expect(await versionOf(files)).toBe(await versionOf(BASE_FILES));
  });

  it.each<[string, string]>([
    ['a context word added', 'recognizers:\n  iban:\n    context: [IBAN, bank]\n'],
    ['context words reordered (lists keep their order)', 'recognizers:\n  uk-nino:\n    context: [NI number, national insurance]\n'],
    ['a score changed', 'recognizers:\n  uk-nino:\n    minScore: 0.61\n'],
    ['a rule turned off', 'policy:\n  rules:\n    - id: marking\n      enabled: false\n'],
    ['the mode changed', 'policy:\n  mode: audit\n'],
    ['a limit changed', 'limits:\n  maxDepth: 4\n'],
  ])('changes with %s', async (_label, local) => {
    expect(await versionOf({ ...BASE_FILES, 'local/change.yaml': local })).not.toBe(await versionOf(BASE_FILES));
  });
});

describe('canonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['sorts keys at every depth', { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}'],
    ['keeps list order', ['b', 'a'], '["b","a"]'],
    ['sorts by code point, not locale (capitals first)', { b: 1, B: 2, a: 3 }, '{"B":2,"a":3,"b":1}'],
  ])('%s', (_label, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});
