// The decision record of a WhatsApp send, and the log line that goes with it. The sender is the
// council's business phone number id; a resident's number never reaches a record (phone numbers
// have no domain, so recipientDomains stays empty).
import { buildDecisionRecord, type DecisionRecord } from '../audit/decision-record.ts';
import type { Logger } from '../log.ts';
import type { ScanResult } from '../pipeline/scan.ts';

export interface SendIds {
  messageId: string;
  key: string;
  phoneNumberId: string;
  recipients: readonly string[];
}

export function sendRecord(result: ScanResult, ids: SendIds, time: Date, ruleSetVersion: string, actMs: number, holdReference?: string): DecisionRecord {
  return buildDecisionRecord(result, {
    id: ids.messageId,
    key: ids.key,
    time,
    sender: ids.phoneNumberId,
    recipients: ids.recipients,
    ruleSetVersion,
    actMs,
    ...(holdReference ? { holdReference } : {}),
  });
}

export function logSendDecision(log: Logger, record: DecisionRecord, extra: Record<string, string | number> = {}): void {
  log.info('WhatsApp message decided', {
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
