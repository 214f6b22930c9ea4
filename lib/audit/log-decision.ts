// The one log line per decided message, for every door: the decision record's ids, rule ids,
// finding types and timing — the same fields the record keeps, so never a value or any text.
import type { Logger } from '../log.ts';
import type { DecisionRecord } from './decision-record.ts';

export function logDecision(log: Logger, record: DecisionRecord, extra: Record<string, string | number> = {}): void {
  log.info('message decided', {
    channel: record.channel,
    key: record.key,
    decision: record.decision,
    delivered: record.delivered,
    rules: record.rules,
    findingTypes: record.findings.map((f) => f.type),
    holdReference: record.holdReference,
    totalMs: record.timings.totalMs,
    ...extra,
  });
}
