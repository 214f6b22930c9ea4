// The notice information governance receives for a hold: the decision record and one line built
// from it, so it is as free of personal data as the record is.
import type { DecisionRecord } from '../audit/decision-record.ts';
import type { IgNotice } from '../ports/notifier.ts';
import type { OverrideResolution } from './resolve-override.ts';

export function holdNotice(record: DecisionRecord, reference: string): IgNotice {
  if (record.error === 'DeliveryRefusedError') {
    const summary = `Not delivered ${reference}: the rules passed this ${record.channel} message but the mail service refused to send it; it is held for review.`;
    return { kind: 'processing-error', reference, summary, record };
  }
  const kind = record.rules.includes('processing-error') ? 'processing-error' : 'held';
  const types = record.findings.filter((f) => f.counted > 0).map((f) => `${f.type} x${f.counted}`);
  const summary =
    kind === 'processing-error'
      ? `Held ${reference}: the gateway could not check this ${record.channel} message (${record.error ?? 'error'}).`
      : `Held ${reference}: ${record.rules.join(', ')}${types.length ? ` (${types.join(', ')})` : ''}.`;
  return { kind, reference, summary, record };
}

/**
 * The reference of an override's notice: "O-" and the day, then the start of the delivery key, so a
 * retried message gives the same reference (and the same notice file) rather than a second one.
 */
export function overrideReference(key: string, at: Date): string {
  return `O-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${key.slice(0, 8).toUpperCase()}`;
}

/** IG hears of every override: who, which rules it lifted, the reason (as recorded) and the held copies. */
export function overrideNotice(record: DecisionRecord, reference: string, copies: OverrideResolution): IgNotice {
  const override = record.override;
  const rules = override?.rules.join(', ') || 'the rules';
  const parts = [`Override ${reference}: ${record.sender} sent this ${record.channel} message with an override tag, lifting ${rules}.`];
  parts.push(`Reason given: "${override?.reason ?? ''}".`);
  if (copies.released.length > 0) parts.push(`Not delivered: information governance had already released it (${copies.released.join(', ')}).`);
  else parts.push(record.delivered ? 'It was delivered.' : 'It was not delivered.');
  if (copies.overridden.length > 0) parts.push(`Held copy ${copies.overridden.join(', ')} is now marked overridden and can no longer be released.`);
  if (copies.rejected.length > 0) parts.push(`Information governance had rejected it (${copies.rejected.join(', ')}).`);
  return { kind: 'overridden', reference, summary: parts.join(' '), record, heldCopies: copies };
}
