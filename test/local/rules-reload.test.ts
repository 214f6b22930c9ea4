// A running local gateway reloads its rules folder when it changes: a valid change is used by the
// next message; a broken one is refused whole, the rules in force are kept, and the log and
// /health say which file and line is wrong. Real files, a real watcher, mail over a real socket.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../lib/local/gateway.ts';
import { LiveEngine } from '../../lib/local/live-engine.ts';
import { watchRules, type RulesStatus } from '../../lib/local/rules-reload.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { jsonLogger } from '../../lib/log.ts';
import { SHIPPED_RULES_DIR } from '../../lib/rules/load.ts';
import { decisions, localConfig, newDataDir, removeDataDirs, send } from './gateway-harness.ts';

let gateway: RunningGateway | undefined;
let rulesDir = '';

afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  rmSync(rulesDir, { recursive: true, force: true });
  await removeDataDirs();
});

interface Health {
  ruleSetVersion: string;
  rules: RulesStatus;
}

async function health(): Promise<Health> {
  const res = await fetch(`http://127.0.0.1:${gateway!.httpPort}/health`);
  return (await res.json()) as Health;
}

/** Polls /health until `done` holds (the watcher settles, then loads), or fails after 10 s. */
async function healthUntil(done: (h: Health) => boolean): Promise<Health> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const h = await health();
    if (done(h)) return h;
    if (Date.now() > deadline) throw new Error(`/health never changed: ${JSON.stringify(h)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// A reference in a format the shipped rules do not know, with no introducing words: it passes
// until the council adds its format.
const TEXT = 'The file QX-204518 is attached for the ward meeting.';
const NEW_FORMAT = "recognizers:\n  case-reference:\n    options:\n      formats:\n        - name: housing-file\n          pattern: 'QX-\\d{6}'\n";
const BROKEN_FORMAT = "recognizers:\n  case-reference:\n    options:\n      formats:\n        - name: housing-file\n          pattern: 'QX-(\\d+)+'\n";

async function lastDecision(dataDir: string, count: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const records = await decisions(dataDir);
    if (records.length >= count) return records[count - 1]!.decision;
    if (Date.now() > deadline) throw new Error('no decision recorded');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('rules reload while the gateway runs', () => {
  it('uses a valid change at once, keeps the old rules for a broken one and says so, and recovers', async () => {
    rulesDir = mkdtempSync(join(tmpdir(), 'rules-reload-'));
    cpSync(SHIPPED_RULES_DIR, rulesDir, { recursive: true });
    mkdirSync(join(rulesDir, 'local'), { recursive: true });
    const dataDir = await newDataDir();
    const logs: string[] = [];
    gateway = await startGateway(localConfig(dataDir, { rulesDir }), { log: jsonLogger((line) => logs.push(line)) });

    const before = await health();
    expect(before.rules).toMatchObject({ status: 'loaded', version: before.ruleSetVersion });
    await send(gateway.smtpPort, { text: TEXT });
    expect(await lastDecision(dataDir, 1)).toBe('pass');
    expect((await decisions(dataDir))[0]).toMatchObject({ ruleSetVersion: before.ruleSetVersion });

    // The council adds its format: the next message is held by it.
    writeFileSync(join(rulesDir, 'local', 'casework.yaml'), NEW_FORMAT);
    const changed = await healthUntil((h) => h.ruleSetVersion !== before.ruleSetVersion);
    expect(changed.rules).toMatchObject({ status: 'loaded', version: changed.ruleSetVersion });
    expect(logs.some((l) => l.includes('"message":"rules reloaded"') && l.includes(changed.ruleSetVersion))).toBe(true);
    await send(gateway.smtpPort, { text: TEXT });
    expect(await lastDecision(dataDir, 2)).toBe('hold');
    expect((await decisions(dataDir))[1]).toMatchObject({ rules: ['casework'], ruleSetVersion: changed.ruleSetVersion });

    // A broken edit: refused whole; the rules in force (with the new format) stay.
    writeFileSync(join(rulesDir, 'local', 'casework.yaml'), BROKEN_FORMAT);
    const refused = await healthUntil((h) => h.rules.status === 'refused');
    expect(refused.ruleSetVersion).toBe(changed.ruleSetVersion);
    expect(refused.rules.version).toBe(changed.ruleSetVersion);
    expect(refused.rules.problems).toEqual([
      expect.stringMatching(
        new RegExp(`^${join(rulesDir, 'local', 'casework.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: recognizers\\.case-reference\\.options\\.formats\\[housing-file\\]\\.pattern: pattern refused: `),
      ),
    ]);
    const refusal = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.message === 'rule change refused: the rules in force are kept');
    expect(refusal).toMatchObject({ level: 'ERROR', ruleSetVersion: changed.ruleSetVersion, problems: refused.rules.problems });
    await send(gateway.smtpPort, { text: TEXT });
    expect(await lastDecision(dataDir, 3)).toBe('hold');

    // Removing the broken file loads the shipped rules again.
    rmSync(join(rulesDir, 'local', 'casework.yaml'));
    const back = await healthUntil((h) => h.rules.status === 'loaded' && h.ruleSetVersion === before.ruleSetVersion);
    expect(back.rules.problems).toBeUndefined();
    await send(gateway.smtpPort, { text: TEXT });
    expect(await lastDecision(dataDir, 4)).toBe('pass');
    // Each message scanned (in a scanning thread) with the rules in force when it came, and says so.
    expect((await decisions(dataDir)).map((d) => d.ruleSetVersion)).toEqual([before.ruleSetVersion, changed.ruleSetVersion, changed.ruleSetVersion, before.ruleSetVersion]);
  }, 60_000);

  it('watches rules/local/ even when it is created after start-up', async () => {
    rulesDir = mkdtempSync(join(tmpdir(), 'rules-reload-'));
    cpSync(SHIPPED_RULES_DIR, rulesDir, { recursive: true, filter: (src) => !src.endsWith('/local') });
    gateway = await startGateway(localConfig(await newDataDir(), { rulesDir }), { log: jsonLogger(() => {}) });
    const before = await health();
    mkdirSync(join(rulesDir, 'local'));
    await new Promise((resolve) => setTimeout(resolve, 500)); // the new folder is noticed and watched
    writeFileSync(join(rulesDir, 'local', 'policy.yaml'), 'policy:\n  mode: audit\n');
    const after = await healthUntil((h) => h.ruleSetVersion !== before.ruleSetVersion);
    expect(after.rules.status).toBe('loaded');
    expect((await fetch(`http://127.0.0.1:${gateway.httpPort}/health`).then((r) => r.json())) as { mode: string }).toMatchObject({ mode: 'audit' });
  }, 30_000);
});

describe('a refused rule change in the log', () => {
  it('names file, line and setting, and never repeats the text of an example', async () => {
    rulesDir = mkdtempSync(join(tmpdir(), 'rules-reload-'));
    cpSync(SHIPPED_RULES_DIR, rulesDir, { recursive: true });
    mkdirSync(join(rulesDir, 'local'), { recursive: true });
    const engine = new LiveEngine(await loadEngine(rulesDir));
    const version = engine.ruleSet.version;
    const logs: string[] = [];
    const reload = watchRules({ dir: rulesDir, engine, log: jsonLogger((line) => logs.push(line)), settleMs: 60_000 });
    try {
      // An example with a resident's details in it, written wrongly (a number where text belongs, a misspelt key).
      writeFileSync(
        join(rulesDir, 'local', 'examples.yaml'),
        'recognizers:\n  uk-nino:\n    examples:\n      hold:\n        - body: Mrs Ada Clarke, NI JG 10 37 85 A\n          subjct: Claim for Mrs Clarke\n        - body: 447700900123\n',
      );
      await reload.reload();
      expect(engine.ruleSet.version).toBe(version);
      expect(reload.status()).toMatchObject({ status: 'refused', version });
      const [line, ...others] = logs;
      expect(others).toEqual([]);
      expect(line).toContain('local/examples.yaml:6: recognizers.uk-nino.examples.hold[1].subjct: unknown setting');
      expect(line).toContain('local/examples.yaml:7: recognizers.uk-nino.examples.hold[2].body: expected text (got a number)');
      for (const secret of ['Clarke', 'JG 10 37 85 A', 'Ada', '447700900123']) expect(line).not.toContain(secret);
    } finally {
      reload.close();
    }
  });
});
