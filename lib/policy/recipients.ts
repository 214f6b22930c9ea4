// Which addresses are inside the council.
import type { Message } from '../message/types.ts';

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/[>\s]+$/, '');
}

/** An internal domain also covers its subdomains (mail.rushcliffe.gov.uk). */
export function isInternalAddress(address: string, internalDomains: readonly string[]): boolean {
  const domain = domainOf(address);
  if (!domain) return false;
  return internalDomains.some((d) => {
    const internal = d.toLowerCase();
    return domain === internal || domain.endsWith(`.${internal}`);
  });
}

/** WhatsApp recipients are always outside the council; so is any email recipient not internal. */
export function hasExternalRecipient(message: Message, internalDomains: readonly string[]): boolean {
  if (message.channel === 'whatsapp') return true;
  // No recipients at all is suspicious rather than safe: treat as external so the rules apply.
  if (message.recipients.length === 0) return true;
  return message.recipients.some((r) => !isInternalAddress(r.address, internalDomains));
}
