// Reads one attachment's text, whatever its format. Fails closed: anything that should have text
// but cannot be read (encrypted, damaged, too big, a format we do not read) comes back as
// 'unreadable', which holds external mail; only pictures, sound, video and detached signatures
// are passed over as having no text.
import { htmlToText } from '../html-text.ts';
import { docxText } from './docx.ts';
import { packageText } from './package-text.ts';
import { pdfText } from './pdf.ts';
import { detectFormat, type Format } from './sniff.ts';
import { decodeText } from './text.ts';
import { UnreadableContentError, type ExtractContext, type Extraction } from './types.ts';
import { xlsxText } from './xlsx.ts';

export interface AttachmentInput {
  content: Uint8Array;
  contentType: string;
  filename?: string;
  /** The charset parameter of the part's Content-Type, for text. */
  charset?: string;
}

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
    case 'text':
      return { kind: 'text', text: decodeText(input.content, input.charset) };
    case 'html': {
      const html = htmlToText(decodeText(input.content, input.charset));
      return html.problem === undefined
        ? { kind: 'text', text: html.text }
        : { kind: 'text', text: html.text, problem: { reason: 'corrupt', detail: html.problem } };
    }
    case 'pdf':
      return { kind: 'text', text: await pdfText(input.content, ctx.maxChars, ctx.limits) };
    case 'docx':
      return { kind: 'text', text: await docxText(input.content, maxBytes) };
    case 'xlsx':
      return { kind: 'text', text: xlsxText(input.content, maxBytes, ctx.maxChars) };
    case 'pptx':
    case 'opendocument':
      return { kind: 'text', text: packageText(input.content, format, maxBytes) };
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
