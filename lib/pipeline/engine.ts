// The scanning engine: one rule set's detector and policy, built once and reused for every message.
import { createDetector, type Detector } from '../detect/engine.ts';
import { createPolicy, type Policy } from '../policy/decide.ts';
import type { RuleSet } from '../rules/schema.ts';

export interface Engine {
  readonly ruleSet: RuleSet;
  readonly detector: Detector;
  readonly policy: Policy;
}

/** Throws RuleError when the rule set names unknown recognizers or carries bad options. */
export function createEngine(ruleSet: RuleSet): Engine {
  return { ruleSet, detector: createDetector(ruleSet), policy: createPolicy(ruleSet.policy) };
}
