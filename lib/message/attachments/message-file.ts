// An email message stored inside a document: most often a Word altChunk saved as MHTML (a web
// page as a MIME message, which Word shows as part of the body), sometimes an .eml attached to a
// PDF. Its subject and body are read as the document shows them, and its own attachments (other
// than the pictures of a web page) are read as embedded files in turn.
import type { Attachment } from 'mailparser';
import { htmlToAllText } from '../html-text.ts';
import { parseMime } from '../mime.ts';
import type { EmbeddedFile, ExtractContext, Unreadable } from './types.ts';

export interface MessageFileContent {
  text: string;
  embedded: EmbeddedFile[];
  problem?: Unreadable;
}

function isPicture(attachment: Attachment): boolean {
  return attachment.contentType.toLowerCase().startsWith('image/');
}

/** Undefined when the bytes are not an email message at all. */
export async function messageFileContent(bytes: Uint8Array, ctx: ExtractContext): Promise<MessageFileContent | undefined> {
  const parsed = await parseMime(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ctx.limits);
  if (parsed === undefined) return undefined;
  const { mail } = parsed;
  // Read as every HTML part is: rendered, hidden and revealed text alike.
  const html = typeof mail.html === 'string' ? htmlToAllText(mail.html) : undefined;
  const body = html?.text ?? mail.text ?? '';
  const problem: Unreadable | undefined =
    parsed.problem ?? (html?.problem === undefined ? undefined : { reason: 'corrupt', detail: html.problem });
  const embedded = mail.attachments
    .filter((attachment) => !isPicture(attachment))
    .map((attachment) => ({ name: attachment.filename ?? '', content: attachment.content, contentType: attachment.contentType }));
  const text = [mail.subject ?? '', body].filter((t) => t.trim() !== '').join('\n');
  return problem === undefined ? { text, embedded } : { text, embedded, problem };
}
