// The engine a running local gateway scans with, replaceable while it runs. Everything that holds
// the gateway's engine (the SMTP door, the WhatsApp doors, the review page) holds this one object,
// so a rule change reaches all of them at once without being handed round again.
import type { Detector } from '../detect/engine.ts';
import type { Engine } from '../pipeline/engine.ts';
import type { Policy } from '../policy/decide.ts';
import type { RuleSet } from '../rules/schema.ts';

export class LiveEngine implements Engine {
  private current: Engine;

  constructor(engine: Engine) {
    this.current = engine;
  }

  get ruleSet(): RuleSet {
    return this.current.ruleSet;
  }

  get detector(): Detector {
    return this.current.detector;
  }

  get policy(): Policy {
    return this.current.policy;
  }

  /** Scans that already started keep the parts they read; the next one reads the new rules. */
  replace(engine: Engine): void {
    this.current = engine;
  }
}
