import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../lib/errors.ts';
import { loadRuleSet } from '../../lib/rules/load.ts';
import { BASE_FILES, removeRuleDirs, ruleDir } from '../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

describe('loadRuleSet: which files, in which order', () => {
  it('reads *.yaml and *.yml by name, then local/ by name, and nothing else', async () => {
    const dir = await ruleDir({
      ...BASE_FILES,
      'b-extra.yml': 'policy: {minScore: 0.7}',
      'a-extra.yaml': 'policy: {minScore: 0.4}',
      'README.md': 'policy: {minScore: 0.9}',
      '.hidden.yaml': 'policy: {minScore: 0.9}',
      'local/z.yaml': 'policy: {mode: audit}',
      'local/a.yaml': 'policy: {mode: enforce, minScore: 0.8}',
      'local/notes.txt': 'not yaml',
    });

    const rules = await loadRuleSet(dir);

    expect(rules.sources).toEqual(
      ['a-extra.yaml', 'b-extra.yml', 'identifiers.yaml', 'policy.yaml', 'local/a.yaml', 'local/z.yaml'].map((f) => join(dir, f)),
    );
    // local/a.yaml wins over every shipped file; local/z.yaml, read last, wins over local/a.yaml.
    expect(rules.policy.minScore).toBe(0.8);
    expect(rules.policy.mode).toBe('audit');
  });

  it.each([
    ['a file read after policy.yaml', { 'z.yaml': 'policy: {minScore: 0.7}' }, 0.7],
    ['a file read before policy.yaml (which leaves it unset)', { '0.yaml': 'policy: {minScore: 0.3}' }, 0.3],
    ['the later of two files', { '0.yaml': 'policy: {minScore: 0.3}', 'z.yaml': 'policy: {minScore: 0.7}' }, 0.7],
    ['no file (the default)', {}, 0.5],
  ])('policy.minScore is set by %s', async (_label, extra, expected) => {
    const rules = await loadRuleSet(await ruleDir({ ...BASE_FILES, ...extra }));
    expect(rules.policy.minScore).toBe(expected);
  });

  it('names files under the working directory relative to it', async () => {
    const dir = await ruleDir({ ...BASE_FILES, 'local/bad.yaml': 'policy: {mode: enforced}' }, join(process.cwd(), 'test-output'));

    await expect(loadRuleSet(dir)).rejects.toThrow(`${relative(process.cwd(), join(dir, 'local/bad.yaml'))}:1: policy.mode:`);
  });

  it.each([
    ['the folder does not exist', async () => join(tmpdir(), 'no-such-rules-folder'), /cannot read the rules folder/],
    ['the folder has no rule files', () => ruleDir({ 'README.md': '# rules' }), /no rule files \(\*\.yaml\)/],
    ['a rule file is a folder of its own', async () => {
      const dir = await ruleDir(BASE_FILES);
      await mkdir(join(dir, 'local', 'odd.yaml'), { recursive: true });
      await writeFile(join(dir, 'local', 'odd.yaml', 'x'), '');
      return dir;
    }, null],
  ])('when %s', async (_label, makeDir, error) => {
    const outcome = await loadRuleSet(await makeDir()).catch((e: unknown) => e);
    if (error) {
      expect(outcome).toBeInstanceOf(RuleError);
      expect((outcome as RuleError).message).toMatch(error);
    } else {
      expect(outcome).not.toBeInstanceOf(Error);
    }
  });
});

describe('loadRuleSet: local overrides', () => {
  it('deep-merges mappings: a local file changes only the settings it names', async () => {
    const dir = await ruleDir({ ...BASE_FILES, 'local/tuning.yaml': 'recognizers:\n  uk-nino:\n    enabled: false\n' });

    const rules = await loadRuleSet(dir);

    expect(rules.recognizers['uk-nino']).toMatchObject({ enabled: false, minScore: 0.6, context: ['national insurance', 'NI number'] });
    expect(rules.recognizers.iban?.enabled).toBe(true);
  });

  it.each([
    ['a list replaces the shipped list', 'policy:\n  internalDomains: [council.gov.uk, school.sch.uk]', ['council.gov.uk', 'school.sch.uk']],
    ['an empty list empties it', 'policy:\n  internalDomains: []', []],
    ['a file of comments only changes nothing', '# internalDomains: [x.gov.uk]', ['example.gov.uk']],
    ['an empty section changes nothing', 'policy:\n#  internalDomains: [x.gov.uk]\n', ['example.gov.uk']],
    ['an empty list setting is an error, not a guess', 'policy:\n  internalDomains:\n', null],
  ])('%s', async (_label, local, expected) => {
    const loading = loadRuleSet(await ruleDir({ ...BASE_FILES, 'local/domains.yaml': local }));
    if (expected) expect((await loading).policy.internalDomains).toEqual(expected);
    else await expect(loading).rejects.toThrow(/local\/domains\.yaml:2: policy\.internalDomains: expected a list \(got nothing\)/);
  });

  it('merges policy.rules by id: listed fields replace, others stay, new ids are added at the end', async () => {
    const dir = await ruleDir({
      ...BASE_FILES,
      'local/policy.yaml': `
        policy:
          rules:
            - id: strong-identifier
              allowOverride: false
              when:
                categories: [personal]
            - id: marking
              enabled: false
            - id: council-tax
              description: Council tax accounts
              when:
                types: [case-reference]
              explanation: Council tax accounts identify a household.
      `,
    });

    const { rules } = (await loadRuleSet(dir)).policy;

    expect(rules.map((r) => [r.id, r.enabled])).toEqual([
      ['marking', false],
      ['strong-identifier', true],
      ['council-tax', true],
    ]);
    // `when` is replaced whole: categories instead of types, not both.
    expect(rules[1]).toMatchObject({
      allowOverride: false,
      when: { categories: ['personal'] },
      description: 'Identifiers that enable fraud',
      explanation: 'Identifiers like this can be used to impersonate a resident.',
    });
    expect(rules[1]?.when).not.toHaveProperty('types');
    expect(rules[0]?.description).toBe('Security markings');
  });

  it('merges policy.rules by id between shipped files too, and turns a rule back on locally', async () => {
    const dir = await ruleDir({
      ...BASE_FILES,
      'z-site.yaml': 'policy:\n  rules:\n    - id: marking\n      enabled: false\n',
      'local/policy.yaml': 'policy:\n  rules:\n    - id: marking\n      enabled: true\n',
    });

    const { rules } = (await loadRuleSet(dir)).policy;

    expect(rules.map((r) => r.id)).toEqual(['marking', 'strong-identifier']);
    expect(rules[0]?.enabled).toBe(true);
  });
});

describe('loadRuleSet: the shipped rules', () => {
  it('loads the shipped rules/ folder', async () => {
    const rules = await loadRuleSet();

    expect(rules.sources).toContain(join('rules', 'policy.yaml'));
    expect(rules.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('finds the shipped folder from any working directory', async () => {
    const before = process.cwd();
    process.chdir(tmpdir());
    try {
      const rules = await loadRuleSet();
      expect(rules.sources.some((s) => s.endsWith(join('rules', 'policy.yaml')))).toBe(true);
    } finally {
      process.chdir(before);
    }
  });
});
