// Who sent a message and to whom, from the SMTP envelope where the door has one (it includes Bcc
// recipients, which the headers of a sent message usually do not) and from the headers otherwise.
import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser';
import type { Author, Recipient, Sender } from './types.ts';

export interface Envelope {
  sender?: string;
  recipients?: string[];
}

function mailboxes(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  // Groups ("Ward team: a@example.org, b@example.org;") are flattened to their members.
  const flatten = (list: readonly EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flatten(a.group) : [a]));
  return objects.flatMap((object) => flatten(object.value));
}

export function senderOf(mail: ParsedMail, envelope: Envelope | undefined): Sender {
  const from = mailboxes(mail.from)[0];
  const address = envelope?.sender?.trim() || from?.address?.trim() || '';
  const name = from?.name.trim();
  return name ? { address, name } : { address };
}

/** A recipient with the display name the headers give its address, if any. */
function recipient(address: string, field: Recipient['field'], name: string | undefined): Recipient {
  return name ? { address, field, name } : { address, field };
}

export function recipientsOf(mail: ParsedMail, envelope: Envelope | undefined): Recipient[] {
  const headerMailboxes = [['to', mail.to], ['cc', mail.cc], ['bcc', mail.bcc]] as const;
  const envelopeRecipients = (envelope?.recipients ?? []).map((a) => a.trim()).filter((a) => a !== '');
  if (envelopeRecipients.length > 0) {
    // The envelope has no names; the headers give them for the recipients they list.
    const names = new Map<string, string>();
    for (const [, header] of headerMailboxes) {
      for (const mailbox of mailboxes(header)) {
        const address = mailbox.address?.trim().toLowerCase();
        const name = mailbox.name.trim();
        if (address && name && !names.has(address)) names.set(address, name);
      }
    }
    return [...new Set(envelopeRecipients)].map((address) => recipient(address, 'envelope', names.get(address.toLowerCase())));
  }
  const recipients: Recipient[] = [];
  const seen = new Set<string>();
  for (const [field, header] of headerMailboxes) {
    for (const mailbox of mailboxes(header)) {
      const address = mailbox.address?.trim();
      if (!address || seen.has(`${field} ${address.toLowerCase()}`)) continue;
      seen.add(`${field} ${address.toLowerCase()}`);
      recipients.push(recipient(address, field, mailbox.name.trim()));
    }
  }
  return recipients;
}

/** Who wrote an attached message: its From, the address lower-cased. Undefined when it has none. */
export function authorOf(mail: ParsedMail): Author | undefined {
  const from = mailboxes(mail.from)[0];
  const address = from?.address?.trim().toLowerCase();
  const name = from?.name.trim();
  if (!address && !name) return undefined;
  return { ...(address ? { address } : {}), ...(name ? { name } : {}) };
}

/** The address header lines of a message as text ("From: Name <address>"), for scanning. */
export function addressLines(mail: ParsedMail): string {
  const headers = [['From', mail.from], ['Reply-To', mail.replyTo], ['To', mail.to], ['Cc', mail.cc], ['Bcc', mail.bcc]] as const;
  return headers
    .flatMap(([name, header]) => {
      const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
      return list.map((object) => `${name}: ${object.text}`);
    })
    .join('\n');
}

/** A name to recognise a signature by when the From header has none: "jane.smith@…" → "jane smith". */
export function nameFromAddress(address: string): string {
  const local = address.slice(0, Math.max(0, address.indexOf('@')));
  return local.replace(/[._-]+/g, ' ').trim();
}
