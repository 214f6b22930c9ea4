// What the councillor is told when information governance decides on a held message. Written for
// them: what happened, the reference, and (for a rejection) the officer's reason.
import { contactBlocks } from '../explain/contact.ts';
import { renderHtml, renderText, type Block } from '../explain/document.ts';
import type { Contact } from '../rules/schema.ts';
import type { ComposedMessage } from '../ports/mailer.ts';
import type { HeldRecord, ReviewRecord } from '../ports/held-items.ts';

/** The councillor can be written to only when the sender is an email address. */
export function canTellSender(item: HeldRecord): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(item.sender);
}

function facts(item: HeldRecord): Block {
  const what = item.channel === 'whatsapp' ? 'WhatsApp message' : 'Subject';
  return {
    kind: 'facts',
    rows: [
      [what, item.channel === 'whatsapp' ? `held at ${item.heldAt}` : item.subject || '(no subject)'],
      ['Hold reference', item.ref],
    ],
  };
}

function blocks(item: HeldRecord, review: ReviewRecord): Block[] {
  if (review.action === 'released') {
    return [
      { kind: 'paragraph', text: 'Information governance has reviewed your held message and released it. It has now been sent, exactly as you wrote it, to the recipients you addressed.' },
      facts(item),
      { kind: 'paragraph', text: 'You do not need to do anything. This is an automatic message from the council\'s mail gateway.' },
    ];
  }
  return [
    { kind: 'paragraph', text: 'Information governance has reviewed your held message and decided not to send it. It has not been sent to anyone.' },
    facts(item),
    { kind: 'heading', text: 'Reason' },
    { kind: 'paragraph', text: review.note },
    { kind: 'heading', text: 'What you can do' },
    {
      kind: 'list',
      items: [
        'If the recipient needs the information, send it without the details the reason mentions, or through a secure route your council provides.',
        `If you have questions, contact information governance and quote the hold reference ${item.ref}.`,
      ],
    },
    { kind: 'paragraph', text: 'This is an automatic message from the council\'s mail gateway.' },
  ];
}

/** `contact`: whom to ask (the rules' policy.contacts.informationGovernance), closing every notice. */
export function decisionNotice(item: HeldRecord, review: ReviewRecord, from: string, contact?: Contact): ComposedMessage {
  const shown = item.subject || '(no subject)';
  const subject = review.action === 'released' ? `Message released: ${shown}` : `Message not sent: ${shown}`;
  const doc = [...blocks(item, review), ...(contact ? contactBlocks(contact) : [])];
  return {
    from,
    to: [item.sender],
    subject,
    text: renderText(doc),
    html: renderHtml(doc, subject),
    // Not a bounce, but it must not start a loop with an auto-responder either.
    envelopeFrom: '',
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Gateway-Hold-Reference': item.ref },
  };
}
