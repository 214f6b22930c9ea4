// The hold step: keep a copy for information governance and tell the sender why. Idempotent: a
// retry of the same delivery reuses its reference and overwrites its held copy.
import { buildBounce } from '../explain/bounce.ts';
import { rawSubject } from '../mime/subject.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { Envelope } from '../ports/envelope.ts';
import type { HeldMeta, IntakeItem } from '../ports/message-store.ts';
import { nowOf, type ActionDeps } from './deps.ts';
import { newHoldReference } from './hold-reference.ts';
import { resendKey } from './resend-key.ts';

export interface HoldIds {
  messageId: string;
  /** Delivery key (see deliveryKey). */
  key: string;
}

/** What storing a held copy needs; the WhatsApp doors have no mailer. */
export type HoldDeps = Pick<ActionDeps, 'engine' | 'store' | 'now'>;

/** The bytes to keep and what the review page shows about them, for any channel. */
export interface HeldCopy {
  raw: Buffer;
  envelope: Envelope;
  subject: string;
  /** WhatsApp: the Graph API version of the send request, so a release is sent the same way. */
  graphVersion?: string;
  /** WhatsApp: the tooling token's name, so the review page can say whose tooling sent it. */
  tooling?: string;
}

const MAX_REFERENCE_ATTEMPTS = 10;

async function referenceFor(deps: HoldDeps, key: string): Promise<string> {
  const existing = await deps.store.heldReference(key);
  if (existing) return existing;
  // References are random; over years a council would meet a collision, so check.
  for (let i = 0; i < MAX_REFERENCE_ATTEMPTS; i += 1) {
    const reference = newHoldReference(nowOf(deps));
    if (!(await deps.store.getHeldMeta(reference))) return reference;
  }
  throw new Error('could not find an unused hold reference');
}

function heldMeta(reference: string, copy: HeldCopy, result: ScanResult, ids: HoldIds, heldAt: Date): HeldMeta {
  return {
    reference,
    key: ids.key,
    messageId: ids.messageId,
    channel: result.channel,
    status: 'held',
    heldAt: heldAt.toISOString(),
    envelope: copy.envelope,
    subject: copy.subject,
    ...(copy.graphVersion ? { graphVersion: copy.graphVersion } : {}),
    ...(copy.tooling ? { tooling: copy.tooling } : {}),
    ...(result.channel === 'email' && result.message ? { resendKey: resendKey(result.message, copy.envelope.from, copy.envelope.to) } : {}),
    ruleSetVersion: result.ruleSetVersion,
    reasons: result.decision.reasons.map(({ rule, category, type, explanation, allowOverride, findings }) => ({
      rule,
      category,
      type,
      types: [...new Set(findings.map((f) => f.type))],
      explanation,
      allowOverride,
    })),
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

/** Stores the held copy of a message of any channel; returns the hold reference (the same on a retry). */
export async function storeHeld(deps: HoldDeps, copy: HeldCopy, result: ScanResult, ids: HoldIds): Promise<string> {
  const reference = await referenceFor(deps, ids.key);
  const meta = heldMeta(reference, copy, result, ids, nowOf(deps));
  await deps.store.putHeld({ meta, raw: copy.raw });
  return reference;
}

/** Stores the held copy and sends the explanatory bounce; returns the hold reference. */
export async function holdEmail(deps: ActionDeps, item: IntakeItem, result: ScanResult, ids: HoldIds): Promise<string> {
  const subject = result.message?.subject ?? rawSubject(item.raw);
  const reference = await storeHeld(deps, { raw: item.raw, envelope: item.envelope, subject }, result, ids);

  if (!item.envelope.from) {
    deps.log.warn('held message has no sender to explain the hold to', { holdReference: reference });
    return reference;
  }
  const bounce = buildBounce({ result, reference, subject, recipients: item.envelope.to, contact: deps.engine.ruleSet.policy.contacts.informationGovernance });
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
