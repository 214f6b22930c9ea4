// What makes a message sent again with an override tag the same message as the one held: the same
// sender, the same envelope recipients, the same subject once the tag is taken out, and the same
// text in every part. The bytes differ (a new Message-ID and Date, often new line wrapping), so
// the key is built from the parsed text with runs of white space collapsed.
import { createHash, type Hash } from 'node:crypto';
import type { Message } from '../message/types.ts';
import { findOverrideMarker } from '../policy/override.ts';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The subject as it would be delivered: without any override tag. */
export function subjectWithoutTag(subject: string): string {
  return collapse(findOverrideMarker(subject)?.subjectWithout ?? subject);
}

/** Slices of a long text collapsed at a time: one regex pass over 20 MB builds hundreds of MB of garbage. */
const SLICE = 1 << 16;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Hashes `collapse(text)` without building it: slice by slice, a run of white space that crosses a
 * slice's edge written once, none at either end. The bytes hashed are exactly collapse(text)'s, so
 * keys of messages held before stay the same.
 */
export function hashCollapsed(hash: Hash, text: string, slice = SLICE): void {
  let written = false; // something other than white space was hashed
  let space = false; // white space seen since
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + slice);
    // A surrogate pair stays whole: each half alone would be hashed as U+FFFD.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end += 1;
    const piece = text.slice(at, end).replace(/\s+/g, ' ');
    at = end;
    const core = piece.trim();
    if (core === '') {
      space ||= piece !== '';
      continue;
    }
    if (written && (space || piece.startsWith(' '))) hash.update(' ');
    hash.update(core);
    written = true;
    space = piece.endsWith(' ');
  }
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
    hashCollapsed(hash, part.text);
    hash.update('\u0000');
  }
  return hash.digest('hex').slice(0, 40);
}
