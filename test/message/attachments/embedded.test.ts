// Files inside documents are read as attachments, within one budget of files and bytes shared
// by every level, and no deeper than the nesting limit.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_EMBEDDED_FILES, readWithEmbedded, type ReadAttachment } from '../../../lib/message/attachments/embedded.ts';
import { extractAttachment } from '../../../lib/message/attachments/extract.ts';
import type { DocumentContent, ExtractContext } from '../../../lib/message/attachments/types.ts';
import { DEFAULT_LIMITS } from '../mime-builders.ts';
import { buildPdf, glyphByGlyph } from './pdf-builder.ts';
import { extract, textOf } from './read-attachment.ts';

const CTX: ExtractContext = { limits: DEFAULT_LIMITS, maxChars: DEFAULT_LIMITS.maxTextChars };

describe('readWithEmbedded', () => {
  it('stops a document that embeds itself over and over (as a PDF naming one file many times can)', async () => {
    let reads = 0;
    // Every file read is the same document again, embedding ten copies of itself.
    const selfEmbedding: DocumentContent = { text: 'Level', embedded: Array.from({ length: 10 }, () => ({ name: 'x.pdf', content: strToU8('%PDF') })) };
    const read: ReadAttachment = async (_input, ctx) => {
      reads += 1;
      return readWithEmbedded(selfEmbedding, ctx, read);
    };
    // A depth limit high enough that only the shared budget can stop it.
    const result = await readWithEmbedded(selfEmbedding, { ...CTX, limits: { ...DEFAULT_LIMITS, maxDepth: 1000 } }, read);
    expect(reads).toBe(MAX_EMBEDDED_FILES);
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'too-many-parts' } });
  });

  it('stops when the embedded files together exceed the attachment size limit', async () => {
    const big = new Uint8Array(600);
    const content: DocumentContent = { text: 'Cover', embedded: [{ name: 'a.txt', content: big }, { name: 'b.txt', content: big }] };
    const ctx = { ...CTX, limits: { ...DEFAULT_LIMITS, maxAttachmentBytes: 1000 } };
    const result = await readWithEmbedded(content, ctx, extractAttachment);
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'too-many-parts' } });
  });

  it('keeps a trailer after the embedded files\' text', async () => {
    const content: DocumentContent = { text: 'Body', embedded: [{ name: 'a.txt', content: strToU8('Embedded') }], trailer: 'Footer' };
    expect(await readWithEmbedded(content, CTX, extractAttachment)).toEqual({ kind: 'text', text: 'Body\n\nEmbedded\n\nFooter' });
  });

  it('holds a PDF that embeds more files than the budget', async () => {
    const files = Array.from({ length: MAX_EMBEDDED_FILES + 1 }, (_, i) => ({ name: `f${i}.txt`, content: strToU8(`file ${i}`) }));
    const pdf = buildPdf({ pages: [{ content: glyphByGlyph('Cover', 72, 700) }], embeddedFiles: files });
    expect(await extract({ content: pdf, contentType: 'application/pdf' })).toMatchObject({ kind: 'text', problem: { reason: 'too-many-parts' } });
  });

  it('reads an embedded email message and what it carries', async () => {
    const eml = [
      'Subject: Referral for Edith Clarke',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please see the attached.',
      '--b',
      'Content-Type: text/csv; name="residents.csv"',
      'Content-Disposition: attachment; filename="residents.csv"',
      '',
      'name,ni',
      'Edith Clarke,JG103785A',
      '--b--',
      '',
    ].join('\r\n');
    const content: DocumentContent = { text: 'Body', embedded: [{ name: 'referral.eml', content: strToU8(eml) }] };
    const result = await readWithEmbedded(content, CTX, extractAttachment);
    expect(result.kind === 'text' && result.problem).toBe(undefined);
    for (const fragment of ['Referral for Edith Clarke', 'Please see the attached.', 'Edith Clarke,JG103785A']) expect(textOf(result)).toContain(fragment);
  });

  it('holds an embedded "message" that has no headers to read', async () => {
    const content: DocumentContent = { text: 'Body', embedded: [{ name: 'x.eml', content: strToU8('\r\n\r\nno headers here') }] };
    expect(await readWithEmbedded(content, CTX, extractAttachment)).toMatchObject({ kind: 'text', problem: { reason: 'corrupt' } });
  });
});
