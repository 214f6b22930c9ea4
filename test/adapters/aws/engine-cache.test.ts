import { afterEach, describe, expect, it } from 'vitest';
import { engineCache, failingEngine, UNAVAILABLE_RULE_SET_VERSION } from '../../../lib/adapters/aws/engine-cache.ts';
import { RuleError } from '../../../lib/errors.ts';
import { jsonLogger } from '../../../lib/log.ts';
import type { Engine } from '../../../lib/pipeline/engine.ts';
import { loadEngine } from '../../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../../lib/pipeline/scan.ts';
import { simpleEml } from '../../helpers/eml.ts';
import { removeRuleDirs, ruleDir } from '../../helpers/rule-dir.ts';

afterEach(removeRuleDirs);

const BENIGN = Buffer.from(simpleEml({ body: 'The meeting is on Thursday.' }));
const INTERNAL = { sender: 'cllr.jporter@rushcliffe.gov.uk', recipients: ['officer@rushcliffe.gov.uk'] };

describe('engineCache', () => {
  it('loads the engine once per container', async () => {
    let loads = 0;
    const cached = engineCache(async () => {
      loads += 1;
      return loadEngine();
    }, jsonLogger(() => undefined));
    const [a, b] = await Promise.all([cached(), cached()]);
    expect(a.engine).toBe(b.engine);
    expect((await cached()).error).toBeUndefined();
    expect(loads).toBe(1);
  });

  it('with an invalid rule set, holds everything (even internal mail) as a processing error and says why each time', async () => {
    const dir = await ruleDir({ 'policy.yaml': 'policy:\n  mode: sometimes\n' });
    const lines: string[] = [];
    const cached = engineCache(() => loadEngine(dir), jsonLogger((line) => lines.push(line)));
    const { engine, error } = await cached();
    await cached();
    expect(error).toBeInstanceOf(RuleError);
    expect(engine.ruleSet.version).toBe(UNAVAILABLE_RULE_SET_VERSION);
    const result = await scanEmail(engine, BENIGN, INTERNAL);
    expect(result.decision).toMatchObject({ action: 'hold', deliver: false });
    expect(result.decision.reasons.map((r) => r.rule)).toEqual(['processing-error']);
    expect(result.error?.name).toBe('RuleError');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 'ERROR', errorName: 'RuleError', detail: expect.stringContaining('policy.yaml') }),
      expect.objectContaining({ level: 'ERROR', errorName: 'RuleError' }),
    ]);
  });
});

describe('failingEngine', () => {
  it('keeps the rule set it is given, so limits and mode still apply', async () => {
    const real: Engine = await loadEngine();
    const engine = failingEngine(new Error('no recipients'), real.ruleSet);
    expect(engine.ruleSet).toBe(real.ruleSet);
    const result = await scanEmail(engine, BENIGN, INTERNAL);
    expect(result.decision.reasons.map((r) => r.rule)).toEqual(['processing-error']);
    // The message was still read: the explanation can name its subject.
    expect(result.message?.subject).toBe('Ward update');
  });
});
