// Identity of an email for idempotency, read from the raw bytes so it is the same whether or not
// the message could be parsed.
import { createHash } from 'node:crypto';
import { headerText } from '../mime/raw-headers.ts';
import type { Envelope } from '../ports/envelope.ts';

const MAX_ID_CHARS = 500;

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The Message-ID header, or a hash of the bytes when there is none. */
export function emailMessageId(raw: Buffer): string {
  const header = headerText(raw, 'message-id');
  if (header && header.length <= MAX_ID_CHARS && !/[\s"]/.test(header)) return header;
  return `sha256:${sha256(raw)}`;
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

/** Names the stored intake copy: the same bytes to the same envelope are the same item. */
export function intakeKey(raw: Buffer, envelope: Envelope): string {
  return createHash('sha256').update(JSON.stringify(envelope)).update('\n').update(raw).digest('hex').slice(0, 40);
}
