// Reads one attachment's text, whatever its format. Fails closed: anything that should have text
// but cannot be read (encrypted, damaged, too big, a format we do not read) comes back as
// 'unreadable', which holds external mail; only pictures, sound, video and detached signatures
// are passed over as having no text.
import { htmlToAllText } from '../html-text.ts';
import { calendarText, isCalendarText } from './calendar.ts';
import { docxText } from './docx.ts';
import { readWithEmbedded } from './embedded.ts';
import { packageText } from './package-text.ts';
import { pdfText } from './pdf.ts';
import { rtfText } from './rtf.ts';
import { detectFormat, type Format } from './sniff.ts';
import { decodeText } from './text.ts';
import { UnreadableContentError, type AttachmentInput, type ExtractContext, type Extraction } from './types.ts';
import { xlsxText } from './xlsx.ts';

export type { AttachmentInput } from './types.ts';

async function readFormat(format: Format, input: AttachmentInput, ctx: ExtractContext): Promise<Extraction> {
  // What ZIP containers may expand to in all (their entries are checked one by one as they inflate).
  const maxBytes = ctx.limits.maxInflatedBytes;
  switch (format) {
    case 'message':
      return { kind: 'message' };
    case 'media':
    case 'signature':
      return { kind: 'none' };
    case 'encrypted':
      return { kind: 'unreadable', reason: 'encrypted', detail: 'the attachment is encrypted' };
    case 'unsupported':
      return { kind: 'unreadable', reason: 'unsupported', detail: 'attachments of this type are not read' };
    case 'text': {
      const text = decodeText(input.content, input.charset);
      return { kind: 'text', text: isCalendarText(text) ? calendarText(text) : text };
    }
    case 'rtf':
      return { kind: 'text', ...(await rtfText(input.content)) };
    case 'html': {
      const html = htmlToAllText(decodeText(input.content, input.charset));
      return html.problem === undefined
        ? { kind: 'text', text: html.text }
        : { kind: 'text', text: html.text, problem: { reason: 'corrupt', detail: html.problem } };
    }
    case 'pdf':
      return readWithEmbedded(await pdfText(input.content, ctx.maxChars, ctx.limits), ctx, extractAttachment);
    case 'docx':
      return readWithEmbedded(await docxText(input.content, maxBytes), ctx, extractAttachment);
    case 'xlsx':
      return readWithEmbedded(xlsxText(input.content, maxBytes, ctx.maxChars), ctx, extractAttachment);
    case 'pptx':
    case 'opendocument':
      return readWithEmbedded(packageText(input.content, format, maxBytes), ctx, extractAttachment);
  }
}

export async function extractAttachment(input: AttachmentInput, ctx: ExtractContext): Promise<Extraction> {
  const max = ctx.limits.maxAttachmentBytes;
  if (input.content.length > max) {
    return { kind: 'unreadable', reason: 'too-large', detail: `the attachment is ${input.content.length} bytes, over the limit of ${max}` };
  }
  try {
    return await readFormat(detectFormat(input.content, input), input, ctx);
  } catch (error) {
    if (error instanceof UnreadableContentError) return { kind: 'unreadable', reason: error.reason, detail: error.message };
    return { kind: 'unreadable', reason: 'corrupt', detail: 'the attachment cannot be read' };
  }
}
