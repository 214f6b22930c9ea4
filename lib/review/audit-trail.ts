// The audit trail of one held item, oldest first: when the gateway held it, every value an officer
// showed in full (who, when, which finding), and how it ended — released or rejected by whom, or
// overridden by the councillor with their reason. Built from what the item store keeps, so the
// trail and the record can never disagree.
import type { HeldRecord } from '../ports/held-items.ts';
import { typeLabel } from '../explain/type-labels.ts';

export type AuditEventKind = 'held' | 'shown-in-full' | 'released' | 'rejected' | 'overridden';

export interface AuditEvent {
  kind: AuditEventKind;
  /** ISO 8601. */
  at: string;
  /** The officer, the councillor (override), or "the gateway" (hold). */
  by: string;
  /** A sentence for the page: what happened, in plain words. */
  what: string;
  /** The note (release), reason (reject) or override reason, as given. */
  note?: string;
}

const GATEWAY = 'the gateway';

export function auditTrail(item: HeldRecord): AuditEvent[] {
  const events: AuditEvent[] = [{ kind: 'held', at: item.heldAt, by: GATEWAY, what: `Held for review (${item.ruleIds.join(', ') || 'no rule recorded'})` }];
  for (const unmask of item.unmasked ?? []) {
    events.push({ kind: 'shown-in-full', at: unmask.at, by: unmask.by, what: `Showed finding ${unmask.finding + 1} (${typeLabel(unmask.type)}) in full` });
  }
  const review = item.review;
  if (review) {
    const what =
      review.action === 'overridden'
        ? 'The councillor sent the message again with an override tag; that copy was delivered and this one can no longer be released'
        : review.action === 'released'
          ? 'Released: the message was sent to its recipients'
          : 'Rejected: the message was not sent, and the councillor was given the reason';
    events.push({ kind: review.action, at: review.at, by: review.by, what, note: review.note });
  }
  // Stable: the hold first when times tie.
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i).map(({ e }) => e);
}
