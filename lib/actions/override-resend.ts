// The act step's side of an override re-send (see resolve-override.ts for why): settle the held
// copies of the message before it is delivered, tell the councillor when IG had already sent it,
// and note the held copies in the decision record.
import type { DecisionRecord } from '../audit/decision-record.ts';
import { recordableOverrideReason } from '../audit/override-reason.ts';
import { buildAlreadyReleased } from '../explain/already-released.ts';
import { contactBlocks } from '../explain/contact.ts';
import { rawSubject } from '../mime/subject.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { IntakeItem } from '../ports/message-store.ts';
import { nowOf, type ActionDeps } from './deps.ts';
import { resendKey, subjectWithoutTag } from './resend-key.ts';
import { NOTHING_RESOLVED, resolveOverride, type OverrideResolution } from './resolve-override.ts';

/** For a message an override lets through: its held copies, now overridden or already decided. */
export async function settleHeldCopies(deps: ActionDeps, item: IntakeItem, result: ScanResult): Promise<OverrideResolution> {
  const override = result.decision.override;
  if (!override?.applied || !result.message) return NOTHING_RESOLVED;
  if (!deps.held) {
    deps.log.warn('override used where held items cannot be looked up; a held copy may still be waiting for review');
    return NOTHING_RESOLVED;
  }
  const key = resendKey(result.message, item.envelope.from, item.envelope.to);
  return resolveOverride(deps.held, key, {
    by: item.envelope.from || 'the sender',
    at: nowOf(deps).toISOString(),
    action: 'overridden',
    // The same reason as the decision record keeps: detected values in it masked.
    note: recordableOverrideReason(override.reason, result.message, result.findings),
  });
}

export async function tellAlreadyReleased(deps: ActionDeps, item: IntakeItem, result: ScanResult, released: string[], messageId: string): Promise<void> {
  if (!item.envelope.from) return;
  const subject = subjectWithoutTag(result.message?.subject ?? rawSubject(item.raw));
  const notice = buildAlreadyReleased({ subject, references: released, contact: contactBlocks(deps.engine.ruleSet.policy.contacts.informationGovernance) });
  await deps.mailer.send({
    from: deps.bounceFrom,
    to: [item.envelope.from],
    envelopeFrom: '',
    ...notice,
    ...(messageId.startsWith('<') ? { inReplyTo: messageId } : {}),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Gateway-Hold-Reference': released[0]! },
  });
}

/** The record names the held copies an override answered (references only: no personal data). */
export function withHeldCopies(record: DecisionRecord, copies: OverrideResolution): DecisionRecord {
  const any = copies.overridden.length + copies.released.length + copies.rejected.length > 0;
  if (!record.override || !any) return record;
  return { ...record, override: { ...record.override, heldCopies: copies } };
}
