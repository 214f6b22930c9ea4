// The judgement corpus: real public material (agendas, minutes, guidance, decisions) wrapped as a
// councillor's outbound mail, each with the decision the policy must reach. These cases turn on
// context: who wrote a quoted block, whether a marking is applied or only talked about, whether
// contact details belong to a person, a list of people or a venue.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';

const CORPUS = new URL('../fixtures/judgement/', import.meta.url).pathname;

interface Expectation {
  file: string;
  decision: 'hold' | 'pass';
  rules: string[];
  types?: string[];
  why: string;
}

const expectations = parse(readFileSync(join(CORPUS, 'expected.yaml'), 'utf8')) as Expectation[];

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

describe('judgement corpus', () => {
  it('has at least 90 messages, holds and passes both well represented', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(90);
    expect(expectations.filter((e) => e.decision === 'hold').length).toBeGreaterThanOrEqual(35);
    expect(expectations.filter((e) => e.decision === 'pass').length).toBeGreaterThanOrEqual(35);
  });

  it.each(expectations.map((e) => [e.file, e] as const))('%s', async (_file, expected) => {
    const result = await scanEmail(engine, readFileSync(join(CORPUS, expected.file)));
    const rules = result.decision.reasons.map((r) => r.rule);
    const types = result.decision.reasons.flatMap((r) => r.findings.map((f) => f.type));
    const summary = { decision: result.decision.action, rules, types, error: result.error?.message };
    expect(summary, expected.why).toMatchObject({ decision: expected.decision });
    expect(rules, expected.why).toEqual(expect.arrayContaining(expected.rules));
    if (expected.decision === 'pass') expect(rules, expected.why).toEqual([]);
    if (expected.types) expect(types, expected.why).toEqual(expect.arrayContaining(expected.types));
    expect(result.error).toBeUndefined();
  });
});
