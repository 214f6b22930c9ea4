// The administrators' guide shows complete rules/local/ files; each must load over the shipped
// rules exactly as written, so the guide cannot drift from what the gateway accepts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRuleSet, SHIPPED_RULES_DIR } from '../../lib/rules/load.ts';
import { dedent, removeRuleDirs, ruleDir } from '../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

const readme = await readFile(join(SHIPPED_RULES_DIR, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => dedent(m[1] ?? ''));

async function shippedFiles(): Promise<Record<string, string>> {
  const names = (await readdir(SHIPPED_RULES_DIR)).filter((name) => name.endsWith('.yaml'));
  const texts = await Promise.all(names.map((name) => readFile(join(SHIPPED_RULES_DIR, name), 'utf8')));
  return Object.fromEntries(names.map((name, i) => [name, texts[i] ?? '']));
}

describe('rules/README.md', () => {
  it('has YAML examples', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(blocks.map((block, i) => [i + 1, block]))('example %i loads over the shipped rules', async (_n, block) => {
    const dir = await ruleDir({ ...(await shippedFiles()), 'local/example.yaml': block });
    await expect(loadRuleSet(dir)).resolves.toHaveProperty('version');
  });
});
