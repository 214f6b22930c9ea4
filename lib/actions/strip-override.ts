// Removes the councillor's "[override: reason]" tag from the Subject header before delivery. Only
// the Subject field's bytes change: the body, attachments and every other header stay as sent.
// The subject is read the way a mail client shows it (unfolded, RFC 2047 decoded) so a tag that is
// encoded or folded is found too, and the new subject is written back encoded and folded afresh.
import { encodeWords, foldLines } from 'nodemailer/lib/mime-funcs';
import { findOverrideMarker } from '../policy/override.ts';
import { findFields, replaceField } from '../mime/raw-headers.ts';
import { fieldText } from '../mime/subject.ts';

function subjectField(name: string, subject: string, eol: string): string {
  // encodeWords leaves printable ASCII alone and encodes runs of anything else as UTF-8 B-words.
  const folded = foldLines(`${name}: ${encodeWords(subject, 'B', 52)}`, 76);
  return `${folded.replace(/\r\n/g, eol)}${eol}`;
}

export function removeOverrideTag(raw: Buffer): Buffer {
  let out = raw;
  // Last field first, so the offsets of earlier fields stay valid after a replacement.
  for (const field of findFields(raw, 'subject').reverse()) {
    // Any tag goes, usable or not: it is an instruction to the gateway, never part of the message.
    const tag = findOverrideMarker(fieldText(raw, field));
    if (!tag) continue;
    out = replaceField(out, field, subjectField(field.name, tag.subjectWithout, field.eol || '\r\n'));
  }
  return out;
}
