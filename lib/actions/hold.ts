// The hold step: keep a copy for information governance and tell the sender why. Idempotent: a
// retry of the same delivery reuses its reference and overwrites its held copy.
import { buildBounce } from '../explain/bounce.ts';
import { rawSubject } from '../mime/subject.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { HeldMeta, IntakeItem } from '../ports/message-store.ts';
import { nowOf, type ActionDeps } from './deps.ts';
import { newHoldReference } from './hold-reference.ts';

export interface HoldIds {
  messageId: string;
  /** Delivery key (see deliveryKey). */
  key: string;
}

const MAX_REFERENCE_ATTEMPTS = 10;

async function referenceFor(deps: ActionDeps, key: string): Promise<string> {
  const existing = await deps.store.heldReference(key);
  if (existing) return existing;
  // References are random; over years a council would meet a collision, so check.
  for (let i = 0; i < MAX_REFERENCE_ATTEMPTS; i += 1) {
    const reference = newHoldReference(nowOf(deps));
    if (!(await deps.store.getHeldMeta(reference))) return reference;
  }
  throw new Error('could not find an unused hold reference');
}

function heldMeta(reference: string, item: IntakeItem, result: ScanResult, ids: HoldIds, subject: string, heldAt: Date, ruleSetVersion: string): HeldMeta {
  return {
    reference,
    key: ids.key,
    messageId: ids.messageId,
    channel: result.channel,
    status: 'held',
    heldAt: heldAt.toISOString(),
    envelope: item.envelope,
    subject,
    ruleSetVersion,
    reasons: result.decision.reasons.map(({ rule, category, type, explanation, allowOverride }) => ({ rule, category, type, explanation, allowOverride })),
    findings: result.decision.findings.map(({ type, category, partId, start, end, score, notCounted }) => ({
      type,
      category,
      partId,
      start,
      end,
      score,
      ...(notCounted ? { notCounted } : {}),
    })),
    ...(result.error ? { error: result.error } : {}),
  };
}

/** Stores the held copy and sends the explanatory bounce; returns the hold reference. */
export async function holdEmail(deps: ActionDeps, item: IntakeItem, result: ScanResult, ids: HoldIds): Promise<string> {
  const reference = await referenceFor(deps, ids.key);
  const subject = result.message?.subject ?? rawSubject(item.raw);
  const meta = heldMeta(reference, item, result, ids, subject, nowOf(deps), deps.engine.ruleSet.version);
  await deps.store.putHeld({ meta, raw: item.raw });

  if (!item.envelope.from) {
    deps.log.warn('held message has no sender to explain the hold to', { holdReference: reference });
    return reference;
  }
  const bounce = buildBounce({ result, reference, subject, recipients: item.envelope.to });
  await deps.mailer.send({
    from: deps.bounceFrom,
    to: [item.envelope.from],
    envelopeFrom: '', // a bounce: it must never itself bounce back (RFC 5321 §4.5.5)
    subject: bounce.subject,
    text: bounce.text,
    html: bounce.html,
    ...(ids.messageId.startsWith('<') ? { inReplyTo: ids.messageId } : {}),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Gateway-Hold-Reference': reference },
  });
  return reference;
}
