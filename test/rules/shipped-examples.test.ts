// Every example written into the shipped rule files, through the whole pipeline: a recognizer's
// hold examples are found by it and its pass examples are not; a policy rule's hold examples are
// held by it and its pass examples are not. One test per example, so a failure names it.
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { runExamples } from '../../lib/rules/examples.ts';

const engine = await loadEngine();
const outcomes = await runExamples(engine);

describe('shipped rule examples', () => {
  it('covers every enabled recognizer and policy rule with hold and pass examples', () => {
    const owners = [
      ...engine.detector.recognizers.map((r) => `recognizers.${r.type}`),
      ...engine.ruleSet.policy.rules.filter((r) => r.enabled && r.id !== 'unreadable-attachment').map((r) => `policy.rules.${r.id}`),
    ];
    for (const owner of owners) {
      expect(outcomes.some((o) => o.owner === owner && o.expected === 'hold'), `${owner} has a hold example`).toBe(true);
      expect(outcomes.some((o) => o.owner === owner && o.expected === 'pass'), `${owner} has a pass example`).toBe(true);
    }
  });

  it.each(outcomes.map((o) => [`${o.owner} ${o.expected} #${o.index + 1}`, o] as const))('%s', (_name, outcome) => {
    expect(outcome.detail).toBeUndefined();
    expect(outcome.ok).toBe(true);
  });
});
