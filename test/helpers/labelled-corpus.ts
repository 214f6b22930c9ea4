// A folder of .eml messages with expected.yaml beside them (see test/fixtures/corpus/README.md):
// every message scanned through the real pipeline with the shipped rules and decided as labelled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';

interface Expectation {
  file: string;
  decision: 'hold' | 'pass';
  rules: string[];
  types?: string[];
  override?: boolean;
  why: string;
  /** A case another part of the gateway must catch first: skipped, with the reason in its name. */
  pending?: string;
}

export interface CorpusMinimums {
  messages: number;
  holds: number;
  passes: number;
}

export function describeLabelledCorpus(name: string, dir: string, minimums: CorpusMinimums): void {
  const expectations = parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Expectation[];
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  describe(name, () => {
    it(`has at least ${minimums.messages} messages, holds and passes both well represented`, () => {
      expect(expectations.length).toBeGreaterThanOrEqual(minimums.messages);
      expect(expectations.filter((e) => e.decision === 'hold').length).toBeGreaterThanOrEqual(minimums.holds);
      expect(expectations.filter((e) => e.decision === 'pass').length).toBeGreaterThanOrEqual(minimums.passes);
    });

    const pending = expectations.filter((e) => e.pending !== undefined);
    if (pending.length > 0) it.skip.each(pending.map((e) => [e.file, e.pending] as const))('%s (pending: %s)', () => {});

    it.each(expectations.filter((e) => e.pending === undefined).map((e) => [e.file, e] as const))('%s', async (_file, expected) => {
      const result = await scanEmail(engine, readFileSync(join(dir, expected.file)));
      const rules = result.decision.reasons.map((r) => r.rule);
      const types = result.decision.reasons.flatMap((r) => r.findings.map((f) => f.type));
      const summary = { decision: result.decision.action, rules, types, error: result.error?.message };
      expect(summary, expected.why).toMatchObject({ decision: expected.decision });
      expect(rules, expected.why).toEqual(expect.arrayContaining(expected.rules));
      if (expected.decision === 'pass') expect(rules, expected.why).toEqual([]);
      if (expected.types) expect(types, expected.why).toEqual(expect.arrayContaining(expected.types));
      if (expected.override) expect(result.decision.override).toMatchObject({ applied: true });
      expect(result.error).toBeUndefined();
    });
  });
}
