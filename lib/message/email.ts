// Raw MIME → Message. Never throws for a damaged message (whatever cannot be read becomes an
// unreadable part, which holds external mail); only input that is not an email at all, with no
// header field to read, is an InputError.
import { InputError } from '../errors.ts';
import type { Limits } from '../rules/schema.ts';
import { nameFromAddress, recipientsOf, senderOf, type Envelope } from './addresses.ts';
import { ExtractionBudget } from './attachments/extract-pool.ts';
import { PartCollector } from './collector.ts';
import { collectContent, collectDifferentials } from './content.ts';
import { sha256Hex } from './hash.ts';
import { headerParts } from './header-parts.ts';
import { headerSection, parseMime } from './mime.ts';
import { isReplySubject } from './reply-subject.ts';
import { segmentText } from './segments.ts';
import type { Message } from './types.ts';

export interface EmailOptions {
  limits: Limits;
  /** Closing lines that start the sender's signature when their name follows. */
  valedictions: readonly string[];
  /** The SMTP envelope, where the door has one; its recipients include Bcc. */
  envelope?: Envelope;
}

export async function parseEmail(raw: Buffer, options: EmailOptions): Promise<Message> {
  const { limits } = options;
  // Over the size limit only the header section is read: enough to say who and what is held.
  const tooLarge = raw.length > limits.maxMessageBytes;
  const parsed = await parseMime(tooLarge ? headerSection(raw) : raw, limits);
  if (parsed === undefined) throw new InputError('the input is not an email message: it has no header fields');
  const { mail } = parsed;

  const sender = senderOf(mail, options.envelope);
  const recipients = recipientsOf(mail, options.envelope);
  const subject = mail.subject ?? '';
  const segmentOptions = {
    senderName: sender.name ?? nameFromAddress(sender.address),
    valedictions: options.valedictions,
    isReply: isReplySubject(subject),
  };
  const collector = new PartCollector(limits);
  if (tooLarge) {
    collector.addUnreadable({
      partId: 'message',
      label: 'the whole message',
      reason: 'too-large',
      detail: `the message is ${raw.length} bytes, over the limit of ${limits.maxMessageBytes}; only its headers were read`,
    });
  }
  if (parsed.problem !== undefined) {
    collector.addUnreadable({ partId: 'message', label: 'the whole message', ...parsed.problem });
  }
  collectDifferentials(parsed, { idPrefix: '', labelPrefix: '' }, collector, 'the whole message');
  await collectContent(mail, { idPrefix: '', labelPrefix: '', depth: 0 }, {
    collector,
    limits,
    bodySegmenter: (text, forwardedFrom) => segmentText(text, forwardedFrom === undefined ? segmentOptions : { ...segmentOptions, forwardedFrom }),
    budget: new ExtractionBudget(limits.extractTimeoutMs),
  });
  const participants = new Set([sender.address, ...recipients.map((r) => r.address)].map((a) => a.toLowerCase()));
  for (const header of headerParts(mail, { idPrefix: '', labelPrefix: '', participants })) collector.addText(header.draft, header.segmenter);

  return {
    channel: 'email',
    id: mail.messageId?.trim() || `sha256:${sha256Hex(raw)}`,
    sender,
    recipients,
    subject,
    parts: collector.parts,
    unreadable: collector.unreadable,
    sizeBytes: raw.length,
  };
}
