import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RuleError } from '../../lib/errors.ts';
import { ENGINE_RULE_CHECKS, loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import { SHIPPED_RULES_CACHE } from '../../lib/rules/cache.ts';
import { loadRuleSet, SHIPPED_RULES_DIR } from '../../lib/rules/load.ts';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** A copy of the shipped rules, to change. */
async function shippedCopy(): Promise<string> {
  const dir = await folder('rules-');
  await cp(SHIPPED_RULES_DIR, dir, { recursive: true });
  return dir;
}

const entries = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((name) => name.endsWith('.json'));

describe('the validated rule set kept between runs', () => {
  it('is the rule set loading afresh gives, and is what the next load returns', async () => {
    const cacheDir = await folder('rules-cache-');
    const fresh = await loadRuleSet(SHIPPED_RULES_DIR, ENGINE_RULE_CHECKS);
    const first = await loadRuleSet(SHIPPED_RULES_DIR, ENGINE_RULE_CHECKS, { cacheDir });
    expect(first).toEqual(fresh);
    const [entry] = await entries(cacheDir);
    expect(entry).toBeDefined();

    // The next load reads the entry: a change made to it shows.
    const kept = JSON.parse(await readFile(join(cacheDir, entry!), 'utf8'));
    await writeFile(join(cacheDir, entry!), JSON.stringify({ ...kept, version: 'from-cache' }));
    const second = await loadRuleSet(SHIPPED_RULES_DIR, ENGINE_RULE_CHECKS, { cacheDir });
    expect(second.version).toBe('from-cache');
    expect({ ...second, version: fresh.version }).toEqual(fresh);
  });

  it('builds an engine that decides as one built from the files', async () => {
    const cacheDir = await folder('rules-cache-');
    await loadEngine(undefined, { cacheDir });
    const [cached, fresh] = await Promise.all([loadEngine(undefined, { cacheDir }), loadEngine()]);
    const raw = Buffer.from(
      'From: Cllr A <cllr.a@rushcliffe.gov.uk>\r\nTo: agent@example.org\r\nSubject: Resident\r\n\r\nMrs Okafor, 14 Abbey Road, NG2 7YB, 07700 900461, NI JG 10 37 85 A\r\n',
    );
    const [a, b] = await Promise.all([scanEmail(cached, raw), scanEmail(fresh, raw)]);
    expect(a.decision.action).toBe('hold');
    expect(a.findings).toEqual(b.findings);
    expect(a.decision).toEqual(b.decision);
  });

  it('is not used once a rule file changes', async () => {
    const cacheDir = await folder('rules-cache-');
    const dir = await shippedCopy();
    const before = await loadRuleSet(dir, {}, { cacheDir });
    const policy = join(dir, 'policy.yaml');
    await writeFile(policy, `${await readFile(policy, 'utf8')}\n# a comment changes the text, not the rules\n`);
    await writeFile(join(dir, 'local', 'z.yaml'), 'policy: {minScore: 0.65}\n');
    const after = await loadRuleSet(dir, {}, { cacheDir });
    expect(after.policy.minScore).toBe(0.65);
    expect(before.policy.minScore).not.toBe(0.65);
    expect(await entries(cacheDir)).toHaveLength(2);
  });

  it('keeps no invalid rule set, and an unreadable entry is loaded afresh', async () => {
    const cacheDir = await folder('rules-cache-');
    const dir = await shippedCopy();
    await writeFile(join(dir, 'local', 'z.yaml'), 'policy: {minScore: lots}\n');
    await expect(loadRuleSet(dir, {}, { cacheDir })).rejects.toBeInstanceOf(RuleError);
    expect(await entries(cacheDir).catch(() => [])).toEqual([]);

    await rm(join(dir, 'local', 'z.yaml'));
    await loadRuleSet(dir, {}, { cacheDir });
    const [entry] = await entries(cacheDir);
    await writeFile(join(cacheDir, entry!), '{"policy": ');
    const reloaded = await loadRuleSet(dir, {}, { cacheDir });
    expect(reloaded.version).toBe((await loadRuleSet(dir)).version);
  });

  it('holds at most 32 entries, dropping the oldest', async () => {
    const cacheDir = await folder('rules-cache-');
    const dir = await shippedCopy();
    for (let i = 0; i < 34; i += 1) {
      await writeFile(join(dir, 'local', 'z.yaml'), `policy: {minScore: 0.${String(i + 10)}}\n`);
      await loadRuleSet(dir, {}, { cacheDir });
    }
    expect(await entries(cacheDir)).toHaveLength(32);
  });

  it('is used only by the shipped build: code run from its sources keeps none', () => {
    expect(SHIPPED_RULES_CACHE).toBeUndefined();
  });
});
