// A message the rules passed but the mail service would not send (an unverified From domain, a
// suppressed address, sending paused on the account). Retrying cannot change that answer, so it
// is not left to retries and a dead-letter queue nobody reads: the message is kept as a hold for
// information governance, the councillor is told it was not delivered, and IG is notified.
import type { DecisionRecord } from '../audit/decision-record.ts';
import { GatewayError } from '../errors.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { IntakeItem } from '../ports/message-store.ts';
import { contactLine } from '../explain/contact.ts';
import type { ActionDeps } from './deps.ts';
import { storeHeld, type HoldIds } from './hold.ts';

/** Thrown by a mailer when the service refused the message for good (not throttling, not an outage). */
export class DeliveryRefusedError extends GatewayError {
  constructor(
    /** The service's error name (e.g. "MessageRejected"): never its message, which can quote addresses. */
    readonly serviceError: string,
    options?: { cause?: unknown },
  ) {
    super(`the mail service refused to send the message (${serviceError})`, options);
    this.name = 'DeliveryRefusedError';
  }
}

/** Keeps the refused message for IG and tells the sender; returns the reference. */
export async function holdRefused(deps: ActionDeps, item: IntakeItem, result: ScanResult, ids: HoldIds, error: DeliveryRefusedError, subject: string): Promise<string> {
  const failed: ScanResult = { ...result, error: { name: error.name, message: error.message } };
  const reference = await storeHeld(deps, { raw: item.raw, envelope: item.envelope, subject }, failed, ids);
  if (!item.envelope.from) return reference;
  const text = [
    `Your message "${subject}" was checked and allowed, but the mail service refused to send it (${error.serviceError}).`,
    '',
    'It has not been delivered to anyone outside the council. Information governance has been told and',
    `can send it on once the cause is fixed. Please quote reference ${reference} if you contact them.`,
    '',
    `Who to ask: ${contactLine(deps.engine.ruleSet.policy.contacts.informationGovernance)}`,
  ].join('\n');
  await deps.mailer.send({
    from: deps.bounceFrom,
    to: [item.envelope.from],
    envelopeFrom: '', // never bounces back
    subject: `Not delivered: ${subject}`,
    text,
    html: `<p>${text.split('\n\n').map(escapeHtml).join('</p><p>')}</p>`,
    ...(ids.messageId.startsWith('<') ? { inReplyTo: ids.messageId } : {}),
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Gateway-Hold-Reference': reference },
  });
  return reference;
}

/** The record of a refused delivery: what the rules decided, and that nothing was delivered. */
export function refusedRecord(record: DecisionRecord, reference: string, error: DeliveryRefusedError): DecisionRecord {
  return { ...record, delivered: false, holdReference: reference, error: error.name };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/\n/g, '<br>');
}
