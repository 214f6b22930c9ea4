// The one message shape every door produces and every later step reads.

export type Channel = 'email' | 'whatsapp';

/**
 * Whose words a stretch of text is. 'authored': the sender's own, new text. 'quoted': someone
 * else's words carried in the message — quoted in a reply, forwarded, or an attached message.
 * 'signature': the sender's signature block.
 */
export type SegmentRole = 'authored' | 'quoted' | 'signature';

/** Who wrote a quoted block, as its attribution line or header block names them. */
export interface Author {
  /** Lower-cased address, when the attribution gives one. */
  address?: string;
  /** Display name as written ("Jo Bloggs"), when the attribution gives one. */
  name?: string;
}

export interface Segment {
  start: number;
  end: number;
  role: SegmentRole;
  /**
   * For quoted text: who wrote it, from its attribution ("On … Jo <jo@example.org> wrote:", an
   * Outlook From/Sent/To block, forwarded-message headers, an attached message's From). Absent
   * when no attribution could be read: unknown authorship counts against the sender (fail closed).
   */
  author?: Author;
  /** For quoted text: how it arrived — quoted in a reply, or forwarded / attached whole. */
  via?: 'reply' | 'forward';
  /**
   * For quoted text: the quoted author's own signature block (after "-- ", or a closing line and
   * their name). Still their quoted words; the policy uses it to tell the sender's own contact
   * details in a quote of the sender's earlier message.
   */
  signature?: true;
}

/** 'header': a header line a mail client shows (address lines' names, Keywords, Comments). */
export type PartKind = 'subject' | 'body' | 'attachment-name' | 'attachment' | 'caption' | 'field' | 'header';

export interface TextPart {
  /** Stable within one message: "subject", "body", "attachment:2", "attachment:2/body" … */
  id: string;
  kind: PartKind;
  /** Plain-English place for a councillor: "the subject line", "the attachment residents.csv". */
  label: string;
  text: string;
  /** Covers the whole text in order; a part without quoting or signature is one 'authored' segment. */
  segments: Segment[];
}

export interface Recipient {
  address: string;
  /** Display name from the To/Cc/Bcc header, when it gives one: matches an attribution without an address. */
  name?: string;
  /** Where the address came from; envelope recipients include Bcc. */
  field: 'to' | 'cc' | 'bcc' | 'envelope' | 'whatsapp';
}

export interface Sender {
  address: string;
  /** Display name, used to recognise the sender's own signature block. */
  name?: string;
}

/** An attachment (or nested part) whose text could not be read; it holds external mail by itself. */
export interface UnreadablePart {
  partId: string;
  label: string;
  /** 'ambiguous': the MIME structure reads two ways (e.g. two different Content-Type fields). 'timeout': reading took longer than the limit allows. */
  reason: 'encrypted' | 'corrupt' | 'too-large' | 'too-deep' | 'too-many-parts' | 'unsupported' | 'text-limit' | 'ambiguous' | 'timeout';
  /** Safe for logs: names the problem, never the content. */
  detail: string;
}

export interface Message {
  channel: Channel;
  /** Message-ID (email) or a hash of the body (WhatsApp): the idempotency key. */
  id: string;
  sender: Sender;
  recipients: Recipient[];
  subject: string;
  parts: TextPart[];
  unreadable: UnreadablePart[];
  sizeBytes: number;
}
