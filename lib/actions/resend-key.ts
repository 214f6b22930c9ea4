// What makes a message sent again with an override tag the same message as the one held: the same
// sender, the same envelope recipients, the same subject once the tag is taken out, and the same
// text in every part. The bytes differ (a new Message-ID and Date, often new line wrapping), so
// the key is built from the parsed text with runs of white space collapsed.
import { createHash } from 'node:crypto';
import type { Message } from '../message/types.ts';
import { findOverrideMarker } from '../policy/override.ts';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The subject as it would be delivered: without any override tag. */
export function subjectWithoutTag(subject: string): string {
  return collapse(findOverrideMarker(subject)?.subjectWithout ?? subject);
}

export function resendKey(message: Message, sender: string, recipients: readonly string[]): string {
  const hash = createHash('sha256');
  const field = (value: string): void => {
    hash.update(value).update('\u0000');
  };
  field(message.channel);
  field(sender.toLowerCase());
  field([...new Set(recipients.map((r) => r.toLowerCase()))].sort().join('\n'));
  field(subjectWithoutTag(message.subject));
  for (const part of message.parts) {
    if (part.kind === 'subject') continue;
    field(part.id);
    field(collapse(part.text));
  }
  return hash.digest('hex').slice(0, 40);
}
