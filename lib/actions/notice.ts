// The notice information governance receives for a hold: the decision record and one line built
// from it, so it is as free of personal data as the record is.
import type { DecisionRecord } from '../audit/decision-record.ts';
import type { IgNotice } from '../ports/notifier.ts';

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
