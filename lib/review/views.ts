// What the review API returns: summaries for the queue, and the detail of one item. Everything in
// here is safe to show an officer by default: detected values appear only masked.
import type { Category } from '../detect/types.ts';
import type { Channel } from '../message/types.ts';
import type { ReviewRecord } from '../ports/held-items.ts';
import type { HeldStatus } from '../ports/message-store.ts';
import type { AuditEvent } from './audit-trail.ts';
import type { TextPiece } from './masking.ts';
import type { RecipientView } from './recipient-view.ts';

export interface HeldSummary {
  reference: string;
  channel: Channel;
  /** Email: the councillor's address. WhatsApp: the business phone number id the send went from. */
  sender: string;
  /** WhatsApp: the name of the councillor's tooling token the send came with. */
  tooling?: string;
  recipientDomains: string[];
  /** Every recipient, Bcc included, outside ones marked; empty where only domains were kept. */
  recipients: RecipientView[];
  subject?: string;
  heldAt: string;
  ruleIds: string[];
  status: HeldStatus;
  expiresAt: string;
  review?: ReviewRecord;
}

export interface HeldListView {
  items: HeldSummary[];
  nextCursor?: string;
  counts: Record<HeldStatus, number>;
}

export interface ReasonView {
  rule: string;
  /** "a National Insurance number", or every kind the rule counted: "a phone number and a postal address" */
  what: string;
  /** The kinds one by one (empty where the hold recorded only the rule id). */
  kinds: string[];
  /** Why it matters, in plain English. */
  explanation: string;
}

export interface FindingView {
  /** The number to quote when asking for the value unmasked. */
  index: number;
  type: string;
  category: Category;
  what: string;
  /** "the message body", "the attachment residents.csv" */
  location: string;
  /** Empty where there is no value (an attachment that could not be read) or no content left. */
  masked: string;
  /** Why this kind of detail matters, and why it did not count where it did not. */
  explanation: string;
  counted: boolean;
}

export interface PartView {
  id: string;
  kind: string;
  label: string;
  pieces: TextPiece[];
  truncated: boolean;
}

export interface AttachmentView {
  /** The part label ("the attachment residents.csv"), masked where the name holds a value. */
  name: TextPiece[];
  /** True when its text was read (and appears among the parts). */
  read: boolean;
  /** Why it could not be read, in plain words. */
  problem?: string;
}

export interface MessageView {
  /** The text parts as the recipient would read them (HTML as text), values masked. */
  parts: PartView[];
  attachments: AttachmentView[];
}

export interface HeldDetailView extends HeldSummary {
  /** Plain-English sentence on why the message was held. */
  summary: string;
  reasons: ReasonView[];
  findings: FindingView[];
  /** 'expired': deleted after the retention period; 'unreadable': stored but could not be shown. */
  content: 'available' | 'expired' | 'unreadable';
  message?: MessageView;
  /** Findings recomputed from the content because the hold did not store them. */
  findingsRescanned: boolean;
  /** Held, shown in full, released, rejected, overridden: who and when, oldest first. */
  trail: AuditEvent[];
}

/** An API answer that is a file to download rather than JSON (the queue's CSV export). */
export interface FileAnswer {
  file: {
    contentType: string;
    /** The name the browser saves it under. */
    name: string;
    body: string;
    /** The export stopped at its row limit. */
    truncated?: boolean;
  };
}
