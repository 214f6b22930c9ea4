// The decision record of a WhatsApp send. The sender is the council's business phone number
// id; a resident's number never reaches a record (phone numbers
// have no domain, so recipientDomains stays empty). `tooling` names the gateway token the
// councillor's tooling presented: its name, never the token.
import { buildDecisionRecord, type DecisionRecord } from '../audit/decision-record.ts';
import type { ScanResult } from '../pipeline/scan.ts';

export interface SendIds {
  messageId: string;
  key: string;
  phoneNumberId: string;
  recipients: readonly string[];
  /** The name of the tooling token the send came with. */
  tooling: string;
}

export type SendRecord = DecisionRecord & { tooling: string };

export function sendRecord(result: ScanResult, ids: SendIds, time: Date, ruleSetVersion: string, actMs: number, holdReference?: string): SendRecord {
  const record = buildDecisionRecord(result, {
    id: ids.messageId,
    key: ids.key,
    time,
    sender: ids.phoneNumberId,
    recipients: ids.recipients,
    ruleSetVersion,
    actMs,
    ...(holdReference ? { holdReference } : {}),
  });
  return { ...record, tooling: ids.tooling };
}
