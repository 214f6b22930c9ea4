// The one decision record per message, appended once; has() makes every door idempotent.
import type { DecisionRecord } from '../audit/decision-record.ts';

export interface DecisionLog {
  /** Resolves once the record is durable. */
  append(record: DecisionRecord): Promise<void>;
  /** True when a record with this idempotency key (DecisionRecord.key) exists. */
  has(key: string): Promise<boolean>;
}
