// What a councillor reads when an override re-send is not delivered because information
// governance had already released the held copy: the message has gone once and must not go twice.
import { renderHtml, renderText, type Block } from './document.ts';

export interface AlreadyReleasedInput {
  subject: string;
  /** The held copies IG released. */
  references: readonly string[];
  /** Blocks naming whom to ask (lib/explain/contact.ts), the same in every notice. */
  contact: Block[];
}

export function buildAlreadyReleased(input: AlreadyReleasedInput): { subject: string; text: string; html: string } {
  const shownSubject = input.subject || '(no subject)';
  const blocks: Block[] = [
    { kind: 'paragraph', text: 'You sent this message again with an override tag, but it has not been sent again: information governance had already released the copy the gateway held, so the recipients have it.' },
    { kind: 'facts', rows: [['Subject', shownSubject], ['Released hold reference', input.references.join(', ')]] },
    ...input.contact,
    { kind: 'paragraph', text: 'This is an automatic message from the council\'s mail gateway.' },
  ];
  const subject = `Already sent: ${shownSubject}`;
  return { subject, text: renderText(blocks), html: renderHtml(blocks, subject) };
}
