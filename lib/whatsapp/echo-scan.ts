// smb_message_echoes are messages a councillor sent from the WhatsApp Business app itself: they
// never passed the gateway and have already been delivered. Each is scanned with the same rules;
// one the rules would have held raises an information-governance alert marked "sent before
// review", and its decision is recorded as delivered. Nothing can be recalled, so nothing is held.
import { deliveryKey } from '../actions/message-id.ts';
import { newHoldReference } from '../actions/hold-reference.ts';
import { buildDecisionRecord, type DecisionRecord } from '../audit/decision-record.ts';
import { scanWhatsAppSend } from '../pipeline/scan.ts';
import type { IgNotice } from '../ports/notifier.ts';
import { maskPhoneNumber } from '../review/recipient-view.ts';
import type { WhatsAppEventRecord } from '../ports/whatsapp-event-log.ts';
import type { WebhookDeps } from './deps.ts';
import type { WebhookEvent } from './webhook-events.ts';

export type EchoScan = NonNullable<WhatsAppEventRecord['scan']>;

/** Echo types with text a recipient reads; the rest (audio, stickers, reactions, deletions) have none. */
const SCANNED_TYPES = new Set(['text', 'image', 'video', 'document', 'location', 'contacts', 'interactive', 'template']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The echo as the send body that would have produced it; undefined when it has no text to read. */
export function echoSendBody(echo: Record<string, unknown>): Record<string, unknown> | undefined {
  // An edit echoes the new version of an earlier message; that new text is what was sent.
  const content = echo.type === 'edit' && isObject(echo.edit) && isObject(echo.edit.message) ? echo.edit.message : echo;
  const type = content.type;
  if (typeof type !== 'string' || !SCANNED_TYPES.has(type) || content[type] === undefined) return undefined;
  const to = typeof echo.to === 'string' && echo.to ? echo.to : 'unknown';
  return { messaging_product: 'whatsapp', to, type, [type]: content[type] };
}

/** Alert references share the hold references' shape with their own prefix: nothing is held under them. */
const alertReference = (now: Date): string => newHoldReference(now).replace(/^H-/, 'A-');

function alertNotice(record: DecisionRecord, reference: string, recipients: readonly string[], businessNumber: unknown): IgNotice {
  const unchecked = record.rules.includes('processing-error');
  const types = record.findings.filter((f) => f.counted > 0).map((f) => `${f.type} x${f.counted}`);
  const what = unchecked ? 'could not be checked' : `would have been held: ${record.rules.join(', ')}${types.length ? ` (${types.join(', ')})` : ''}`;
  return {
    kind: 'sent-before-review',
    reference,
    summary: `Sent before review ${reference}: a WhatsApp message sent from the Business app ${what}.`,
    record,
    // Enough for IG to tell who received it without keeping a resident's number in the notice.
    recipients: recipients.map(maskPhoneNumber),
    ...(typeof businessNumber === 'string' && /^\d{6,15}$/.test(businessNumber) ? { businessNumber } : {}),
  };
}

export async function scanEcho(deps: WebhookDeps, event: WebhookEvent): Promise<EchoScan> {
  const body = event.echo ? echoSendBody(event.echo) : undefined;
  if (!body) return { decision: 'not-scanned', rules: [], findingTypes: [] };
  const sender = event.phoneNumberId ?? 'whatsapp-business';
  const result = scanWhatsAppSend(deps.engine, body, sender, event.phoneNumberId);
  const to = result.message?.recipients.map((r) => r.address) ?? [];
  const wouldHold = result.decision.action === 'hold';
  const scan: EchoScan = {
    decision: wouldHold ? 'hold' : 'pass',
    rules: [...new Set(result.decision.reasons.map((r) => r.rule))],
    findingTypes: [...new Set(result.decision.findings.filter((f) => !f.notCounted).map((f) => f.type))].sort(),
  };
  const key = deliveryKey(`echo:${event.messageId ?? ''}`, [sender, ...to]);
  // Already decided (a retry after a later step failed): the alert, if any, has gone.
  if (await deps.decisions.has(key)) return scan;

  const time = deps.now?.() ?? new Date();
  const reference = wouldHold ? alertReference(time) : undefined;
  const record: DecisionRecord & { sentBeforeReview: boolean } = {
    ...buildDecisionRecord(result, {
      id: event.messageId ?? result.message?.id ?? key,
      key,
      time,
      sender,
      recipients: to,
      ruleSetVersion: result.ruleSetVersion,
      actMs: 0,
      ...(reference ? { holdReference: reference } : {}),
    }),
    // It was sent from the app before the gateway saw it.
    delivered: true,
    sentBeforeReview: wouldHold,
  };
  if (reference) await deps.notifier.notify(alertNotice(record, reference, to, event.echo?.from));
  await deps.decisions.append(record);
  if (reference) deps.log.warn('WhatsApp message sent from the Business app would have been held; information governance alerted', { key, alertReference: reference, rules: record.rules });
  return { ...scan, ...(reference ? { alertReference: reference } : {}) };
}
