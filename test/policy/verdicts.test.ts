// Every finding ends with one verdict: counted towards named rules, or not counted with a reason.
// "Counted" means exactly "behind a reason", so the decision log's counts, the CLI's --explain and
// the review page agree. Real messages through mailparser, the shipped rules through the loader.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecisionRecord } from '../../lib/audit/decision-record.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import { simpleEml } from '../helpers/eml.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const NINO_AND_LONE_PHONE = 'His National Insurance number is JG 10 37 85 A.\n\nThe library opens at nine; ring 0115 496 0123 for the room.';

async function scan(body: string, to = 'editor@example.org') {
  return scanEmail(engine, Buffer.from(simpleEml({ body, to })));
}

describe('finding verdicts', () => {
  it('names the rules a counted finding was behind', async () => {
    const { decision } = await scan(NINO_AND_LONE_PHONE);
    const nino = decision.findings.find((f) => f.type === 'uk-nino');
    expect(nino).toMatchObject({ rules: ['strong-identifier'] });
    expect(nino?.notCounted).toBeUndefined();
  });

  it('gives findings behind the same rules one list that no reader can change', async () => {
    const { decision } = await scan(`${NINO_AND_LONE_PHONE}\n\nHer National Insurance number is AB 12 34 56 C.`);
    const ninos = decision.findings.filter((f) => f.type === 'uk-nino');
    expect(ninos).toHaveLength(2);
    expect(ninos[0]!.rules).toEqual(['strong-identifier']);
    expect(ninos[1]!.rules).toBe(ninos[0]!.rules);
    expect(() => (ninos[0]!.rules as string[]).push('another-rule')).toThrow(TypeError);
    expect(ninos[1]!.rules).toEqual(['strong-identifier']);
  });

  it('says a finding no rule held for did not count, instead of calling it counted', async () => {
    const { decision } = await scan(NINO_AND_LONE_PHONE);
    const phone = decision.findings.find((f) => f.type === 'phone-number');
    expect(phone).toMatchObject({ notCounted: 'no-rule' });
    expect(phone?.rules).toBeUndefined();
  });

  it('gives every finding of an internal message the reason that nothing holds internally', async () => {
    const { decision } = await scan(NINO_AND_LONE_PHONE, 'housing@rushcliffe.gov.uk');
    expect(decision.action).toBe('pass');
    expect(decision.findings.length).toBeGreaterThan(0);
    expect(decision.findings.every((f) => f.notCounted === 'all-internal' || f.notCounted === 'organisational')).toBe(true);
  });

  it('keeps the decision record’s counted figures equal to the findings behind the reasons', async () => {
    const result = await scan(NINO_AND_LONE_PHONE);
    const record = buildDecisionRecord(result, {
      id: 'x', key: 'k'.repeat(32), time: new Date('2026-12-01T00:00:00Z'), sender: 'cllr.jporter@rushcliffe.gov.uk',
      recipients: ['editor@example.org'], ruleSetVersion: 'v', actMs: 0,
    });
    const behindReasons = new Set(result.decision.reasons.flatMap((r) => r.findings));
    for (const entry of record.findings) {
      const ofType = result.decision.findings.filter((f) => f.type === entry.type);
      expect(entry.counted, entry.type).toBe(ofType.filter((f) => behindReasons.has(f)).length);
    }
    expect(record.findings.find((f) => f.type === 'phone-number')).toMatchObject({ count: 1, counted: 0 });
  });
});

describe('mentions', () => {
  it('records words that are only talked about (listed, not said of anyone) as a finding that never counts', async () => {
    // A list of protected characteristics (Nottinghamshire County Council's equality impact
    // assessment guidance) names ethnicity, religion and sexuality without a person.
    const body =
      'Protected characteristics are:\n- age\n- disability\n- gender reassignment\n- pregnancy and maternity\n- race (includes ethnic or national origins, colour or nationality)\n- religion or belief (this includes lack of belief)\n- sex\n- sexual orientation.\nThey must be considered.';
    const { decision } = await scan(body);
    const mentions = decision.findings.filter((f) => f.mention);
    expect(mentions.length).toBeGreaterThan(0);
    for (const f of mentions) expect(f.notCounted).toBe('mention-not-use');
    expect(decision.action).toBe('pass');
  });
});
