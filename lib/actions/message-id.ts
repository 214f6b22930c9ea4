// Identity of an email for idempotency, read from the raw bytes so it is the same whether or not
// the message could be parsed.
//
// A message is known by its content, not by its Message-ID: a sending server that retries sends
// the very same bytes, while a new message may reuse an earlier Message-ID (some clients do, and
// anyone forging mail can) — keyed by Message-ID, that new message would be taken for a retry and
// dropped.
import { createHash } from 'node:crypto';
import { headerText } from '../mime/raw-headers.ts';
import type { Envelope } from '../ports/envelope.ts';

const MAX_ID_CHARS = 500;

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** A hash of the bytes: what makes two deliveries the same message. */
export function emailContentId(raw: Buffer): string {
  return `sha256:${sha256(raw)}`;
}

/** The Message-ID header, for records and threading; the content id when there is none. */
export function headerMessageId(raw: Buffer): string {
  const header = headerText(raw, 'message-id');
  if (header && header.length <= MAX_ID_CHARS && !/[\s"]/.test(header)) return header;
  return emailContentId(raw);
}

/**
 * One decision per message and set of envelope recipients. A redelivery (same message, same
 * recipients) is recognised; a sending server that splits one message into several transactions
 * by recipient (Postfix does past 50 recipients) gets each part decided and delivered.
 */
export function deliveryKey(messageId: string, recipients: readonly string[]): string {
  const rcpts = [...new Set(recipients.map((r) => r.toLowerCase()))].sort().join('\n');
  return sha256(`${messageId}\n${rcpts}`).slice(0, 32);
}

/**
 * The delivery key of an email: its bytes and envelope recipients. The envelope sender is left
 * out: it is part of what the bytes say (the header From must agree with it), and every door
 * derives the key the same way.
 */
export function emailDeliveryKey(raw: Buffer, envelope: Envelope): string {
  return deliveryKey(emailContentId(raw), envelope.to);
}

/** Names the stored intake copy: the same bytes to the same envelope are the same item. */
export function intakeKey(raw: Buffer, envelope: Envelope): string {
  return createHash('sha256').update(JSON.stringify(envelope)).update('\n').update(raw).digest('hex').slice(0, 40);
}
