// The scanning engine on Lambda: loaded from GATEWAY_RULES_DIR once per container and reused. An
// invalid rule set is remembered too — the files are part of the bundle and will not change — and
// yields an engine that fails every scan, so each message is held with reason processing-error
// (and IG alerted) rather than passed unscanned.
import type { Detector } from '../../detect/engine.ts';
import { WordStartPool } from '../../detect/word-start-pool.ts';
import { RuleError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import { createPolicy } from '../../policy/decide.ts';
import type { Engine } from '../../pipeline/engine.ts';
import { RuleSetSchema, type RuleSet } from '../../rules/schema.ts';

export const UNAVAILABLE_RULE_SET_VERSION = 'unavailable';

/** An engine whose every scan fails with `error`, giving the processing-error hold. */
export function failingEngine(error: Error, ruleSet?: RuleSet): Engine {
  const rules = ruleSet ?? { ...RuleSetSchema.parse({ recognizers: {}, policy: {} }), version: UNAVAILABLE_RULE_SET_VERSION, sources: [] };
  const detector: Detector = {
    recognizers: [],
    wordStarts: new WordStartPool(),
    detect: () => {
      throw error;
    },
  };
  return { ruleSet: rules, detector, policy: createPolicy(rules.policy) };
}

export interface EngineState {
  engine: Engine;
  /** Set when the rules could not be loaded: `engine` then fails every scan. */
  error?: Error;
}

export function engineCache(load: () => Promise<Engine>, log: Logger): () => Promise<EngineState> {
  let state: Promise<EngineState> | undefined;
  return () => {
    state ??= load().then(
      (engine) => ({ engine }),
      (cause: unknown) => {
        const error = cause instanceof Error ? cause : new Error(String(cause));
        return { engine: failingEngine(error), error };
      },
    );
    return state.then((s) => {
      // Said on every invocation, not only the first: it is the reason everything is being held.
      // A RuleError names the file, line and setting at fault (admin text, never message content).
      if (s.error) {
        log.error('the rule set could not be loaded; every message is being held', {
          ...errorFields(s.error),
          ...(s.error instanceof RuleError ? { detail: s.error.message } : {}),
        });
      }
      return s;
    });
  };
}
