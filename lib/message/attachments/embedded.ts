// Files carried inside a document (a PDF's attached files, a workbook embedded in a Word document,
// an HTML or RTF chunk Word shows as part of the body) are read as attachments of their own: the
// recipient can open them. Their text follows the document's; one that cannot be read makes the
// whole attachment partly unreadable, so the message holds. Nesting is bounded by the same depth
// limit as attached messages, and all the files inside one attachment, at every level, share one
// budget of files and bytes: past it, nothing more is read and the attachment is held.
import { messageFileContent } from './message-file.ts';
import type { AttachmentInput, DocumentContent, ExtractContext, Extraction, Unreadable } from './types.ts';

/** Reads one attachment (the dispatcher, passed in so the formats need not import it). */
export type ReadAttachment = (input: AttachmentInput, ctx: ExtractContext) => Promise<Extraction>;

/** More embedded files than this in one attachment, at all levels, are not read (and it is held). */
export const MAX_EMBEDDED_FILES = 100;

const TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  htm: 'text/html',
  html: 'text/html',
  mht: 'message/rfc822',
  mhtml: 'message/rfc822',
  rtf: 'application/rtf',
  txt: 'text/plain',
  xml: 'application/xml',
};

function typeOf(name: string, declared: string | undefined): string {
  if (declared !== undefined && declared !== '') return declared;
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return TYPE_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/** What makes an embedded file unreadable, said without its content. */
function embeddedProblem(result: Extraction): Unreadable | undefined {
  switch (result.kind) {
    case 'unreadable':
      return { reason: result.reason, detail: `an embedded file cannot be read: ${result.detail}` };
    case 'text':
      return result.problem;
    case 'none':
    case 'message':
      return undefined;
  }
}

/** An email message inside a document (an MHTML altChunk, an .eml in a PDF), read with what it carries. */
async function readMessageFile(bytes: Uint8Array, ctx: ExtractContext, read: ReadAttachment): Promise<Extraction> {
  const content = await messageFileContent(bytes, ctx);
  if (content === undefined) return { kind: 'unreadable', reason: 'corrupt', detail: 'the embedded message has no readable headers' };
  const result = await readWithEmbedded(content, ctx, read);
  return content.problem === undefined || result.kind !== 'text' || result.problem !== undefined ? result : { ...result, problem: content.problem };
}

/** The document's text followed by the text of each file embedded in it. */
export async function readWithEmbedded(content: DocumentContent, ctx: ExtractContext, read: ReadAttachment): Promise<Extraction> {
  const texts = [content.text];
  let problem: Unreadable | undefined;
  const depth = (ctx.embeddedDepth ?? 0) + 1;
  const budget = ctx.embeddedBudget ?? { files: MAX_EMBEDDED_FILES, bytes: ctx.limits.maxAttachmentBytes };
  if (content.embedded.length > 0 && depth > ctx.limits.maxDepth) {
    problem = { reason: 'too-deep', detail: `files embedded more than ${ctx.limits.maxDepth} deep are not read` };
  } else {
    let remaining = ctx.maxChars - content.text.length;
    for (const file of content.embedded) {
      if (remaining <= 0) break;
      if (budget.files <= 0 || file.content.length > budget.bytes) {
        problem ??= { reason: 'too-many-parts', detail: `the attachment embeds more than ${MAX_EMBEDDED_FILES} files or ${ctx.limits.maxAttachmentBytes} bytes` };
        break;
      }
      budget.files -= 1;
      budget.bytes -= file.content.length;
      const nestedCtx = { ...ctx, maxChars: remaining, embeddedDepth: depth, embeddedBudget: budget };
      let result = await read({ content: file.content, contentType: typeOf(file.name, file.contentType), filename: file.name }, nestedCtx);
      if (result.kind === 'message') result = await readMessageFile(file.content, nestedCtx, read);
      if (result.kind === 'text' && result.text.trim() !== '') {
        texts.push(result.text);
        remaining -= result.text.length;
      }
      problem ??= embeddedProblem(result);
    }
  }
  const text = [...texts, content.trailer ?? ''].filter((t) => t.trim() !== '').join('\n\n');
  return problem === undefined ? { kind: 'text', text } : { kind: 'text', text, problem };
}
