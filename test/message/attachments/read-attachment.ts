// Reads one attachment the way the message reader does, for the extractor tests.
import { extractAttachment, type AttachmentInput } from '../../../lib/message/attachments/extract.ts';
import type { Extraction } from '../../../lib/message/attachments/types.ts';
import { DEFAULT_LIMITS } from '../mime-builders.ts';

export type TestInput = Partial<AttachmentInput> & { content: Uint8Array };

export async function extract(input: TestInput, limits = DEFAULT_LIMITS): Promise<Extraction> {
  return extractAttachment({ contentType: 'application/octet-stream', ...input }, { limits, maxChars: limits.maxTextChars });
}

export function textOf(result: Extraction): string {
  if (result.kind !== 'text') throw new Error(`expected text, got ${result.kind}`);
  return result.text;
}

/** The text of an attachment that must be read whole (no part left unread). */
export async function fullText(input: TestInput): Promise<string> {
  const result = await extract(input);
  if (result.kind === 'text' && result.problem !== undefined) throw new Error(`part unreadable: ${result.problem.detail}`);
  return textOf(result);
}
