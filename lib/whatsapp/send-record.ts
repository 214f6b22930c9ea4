// The decision record of a WhatsApp send. The sender is the council's business phone number
// id; a resident's number never reaches a record (phone numbers
// have no domain, so recipientDomains stays empty).
import { buildDecisionRecord, type DecisionRecord } from '../audit/decision-record.ts';
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
