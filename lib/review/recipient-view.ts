// Who a held message goes to, as the queue shows it: every recipient (an officer must know who
// gets a message before releasing it), each marked when it is outside the council. WhatsApp
// numbers are a resident's personal number, so the queue shows only enough of one to tell two
// apart and to match it against what a councillor says: the last four digits.
import { isInternalAddress } from '../policy/recipients.ts';
import type { HeldRecord } from '../ports/held-items.ts';

export interface RecipientView {
  /** The email address in full; a WhatsApp number as its last four digits ("•••• 0123"). */
  shown: string;
  /** True when the recipient is outside the council (every WhatsApp recipient is). */
  outside: boolean;
}

const SHOWN_DIGITS = 4;

/** "447700900123" → "•••• 0123"; a number too short to hide part of is hidden whole. */
export function maskPhoneNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length <= SHOWN_DIGITS + 2) return '••••';
  return `•••• ${digits.slice(-SHOWN_DIGITS)}`;
}

/** Empty when the store has no recipients for the item (then only its domains are known). */
export function recipientViews(item: Pick<HeldRecord, 'channel' | 'recipients'>, internalDomains: readonly string[]): RecipientView[] {
  const recipients = [...new Set(item.recipients ?? [])];
  if (item.channel === 'whatsapp') return recipients.map((r) => ({ shown: maskPhoneNumber(r), outside: true }));
  return recipients.map((address) => ({ shown: address, outside: !isInternalAddress(address, internalDomains) }));
}
