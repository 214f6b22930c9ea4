// The header From is who the recipient sees the message as coming from. The SMTP door accepts a
// message only when it names one mailbox, in the council's sender domains, in the same domain as
// the envelope sender: else a councillor's account (or anything that can reach the door) could
// send as "HMRC Refunds <refunds@hmrc.gov.uk>" with the council's good name behind it. A colleague
// in the same domain is allowed (a ward office sending for a councillor).
import addressparser from 'nodemailer/lib/addressparser';
import { decodeEncodedWords } from '../mime/encoded-words.ts';
import { bytesToText, findFields, unfoldedValue } from '../mime/raw-headers.ts';
import { domainOf, isInternalAddress } from '../policy/recipients.ts';

export type HeaderFromRefusal = 'not-one-mailbox' | 'outside-sender-domains' | 'other-domain-than-envelope';

/** What the sending server (and the councillor, in its bounce) is told: the rule, never the address. */
export const HEADER_FROM_REPLIES: Record<HeaderFromRefusal, string> = {
  'not-one-mailbox': '5.7.1 Message refused: the header From must name exactly one address',
  'outside-sender-domains': "5.7.1 Message refused: the header From must be an address in the council's sender domains",
  'other-domain-than-envelope': '5.7.1 Message refused: the header From must be in the same domain as the envelope sender (MAIL FROM)',
};

/** The one mailbox in the one From field, or undefined when there are none or several. */
function singleFrom(raw: Buffer): string | undefined {
  const fields = findFields(raw, 'from');
  if (fields.length !== 1) return undefined;
  const value = decodeEncodedWords(bytesToText(unfoldedValue(raw, fields[0]!)));
  const mailboxes = addressparser(value, { flatten: true });
  if (mailboxes.length !== 1) return undefined;
  const address = mailboxes[0]!.address.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : undefined;
}

/** Undefined when the header From may be sent as; else the rule it breaks. */
export function checkHeaderFrom(raw: Buffer, envelopeSender: string, senderDomains: readonly string[]): HeaderFromRefusal | undefined {
  const from = singleFrom(raw);
  if (!from) return 'not-one-mailbox';
  if (!isInternalAddress(from, senderDomains)) return 'outside-sender-domains';
  if (domainOf(from) !== domainOf(envelopeSender)) return 'other-domain-than-envelope';
  return undefined;
}
