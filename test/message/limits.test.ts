// Every limit holds rather than passes: what a limit stops from being read becomes an unreadable
// part, and what was read before it is still there to explain the hold.
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../lib/message/email.ts';
import type { Limits } from '../../lib/rules/schema.ts';
import { inflateBombDocx, inflateBombPdf, pageBombPdf, THREE_GB } from '../helpers/bombs.ts';
import { makePdf } from '../helpers/documents.ts';
import { compose, DEFAULT_LIMITS, VALEDICTIONS } from './mime-builders.ts';

async function parse(raw: Buffer, limits: Partial<Limits>) {
  return parseEmail(raw, { limits: { ...DEFAULT_LIMITS, ...limits }, valedictions: VALEDICTIONS });
}

/** A message forwarding a message forwarding … `depth` levels down, the innermost saying `text`. */
async function nested(depth: number, text: string): Promise<Buffer> {
  let raw = await compose({ subject: `Level ${depth}`, text });
  for (let level = depth - 1; level >= 0; level -= 1) {
    raw = await compose({ subject: `Level ${level}`, text: `Level ${level} body`, attachments: [{ filename: `level-${level + 1}.eml`, content: raw, contentType: 'message/rfc822' }] });
  }
  return raw;
}

describe('limits', () => {
  it('maxMessageBytes: reads only the headers of a message over the limit, and holds it', async () => {
    const raw = await compose({ subject: 'Big report', text: 'x'.repeat(5000), attachments: [{ filename: 'a.csv', content: 'Edith' }] });
    const message = await parse(raw, { maxMessageBytes: 1000 });
    expect(message.unreadable).toEqual([
      { partId: 'message', label: 'the whole message', reason: 'too-large', detail: `the message is ${raw.length} bytes, over the limit of 1000; only its headers were read` },
    ]);
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => p.id)).toEqual(['subject']);
    expect(message.recipients).toEqual([{ address: 'editor@example.org', field: 'to' }]);
    expect(message.sizeBytes).toBe(raw.length);
  });

  it('maxMessageBytes: a message at the limit is read in full', async () => {
    const raw = await compose({ subject: 'Small', text: 'Hello' });
    const message = await parse(raw, { maxMessageBytes: raw.length });
    expect(message.unreadable).toEqual([]);
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => p.id)).toEqual(['subject', 'body']);
  });

  it('maxAttachmentBytes: an attachment over the limit is unreadable, its name still scanned', async () => {
    const raw = await compose({ subject: 'Files', text: 'See attached', attachments: [{ filename: 'small.txt', content: 'ok' }, { filename: 'residents.csv', content: 'x'.repeat(200) }] });
    const message = await parse(raw, { maxAttachmentBytes: 100 });
    expect(message.unreadable).toEqual([
      { partId: 'attachment:2', label: 'the attachment residents.csv', reason: 'too-large', detail: 'the attachment is 200 bytes, over the limit of 100' },
    ]);
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => p.id)).toEqual(['subject', 'body', 'attachment:1/name', 'attachment:1', 'attachment:2/name']);
  });

  it.each([
    [0, 'attachment:1', ['subject', 'body', 'attachment:1/name']],
    [1, 'attachment:1/attachment:1', ['subject', 'body', 'attachment:1/name', 'attachment:1/subject', 'attachment:1/headers', 'attachment:1/body', 'attachment:1/attachment:1/name']],
  ])('maxDepth %i: a message nested deeper is unreadable at %s', async (maxDepth, partId, ids) => {
    const message = await parse(await nested(2, 'Innermost JG103785A'), { maxDepth });
    expect(message.unreadable).toEqual([expect.objectContaining({ partId, reason: 'too-deep' })]);
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => p.id)).toEqual(ids);
  });

  it('maxDepth: nesting within the limit is read to the bottom', async () => {
    const message = await parse(await nested(2, 'Innermost JG103785A'), { maxDepth: 2 });
    expect(message.unreadable).toEqual([]);
    expect(message.parts.find((p) => p.id === 'attachment:1/attachment:1/body')?.text).toContain('Innermost JG103785A');
  });

  it('maxParts: attachments past the limit, counted at every depth, are reported once', async () => {
    const inner = await compose({ subject: 'Inner', text: 'inner', attachments: [{ filename: 'c.txt', content: 'C' }, { filename: 'd.txt', content: 'D' }] });
    const raw = await compose({
      subject: 'Files',
      text: 'Body',
      attachments: [{ filename: 'a.txt', content: 'A' }, { filename: 'inner.eml', content: inner, contentType: 'message/rfc822' }, { filename: 'b.txt', content: 'B' }],
    });
    const message = await parse(raw, { maxParts: 3 });
    expect(message.unreadable).toEqual([
      {
        partId: 'attachment:2/attachment:2',
        label: 'the forwarded message "Inner" › the attachment d.txt',
        reason: 'too-many-parts',
        detail: 'the message has more than 3 attachments; the rest were not read',
      },
    ]);
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => p.id).filter((id) => !id.endsWith('/name'))).toEqual([
      'subject', 'body', 'attachment:1', 'attachment:2/subject', 'attachment:2/headers', 'attachment:2/body', 'attachment:2/attachment:1',
    ]);
  });

  it('maxTextChars: text past the limit is cut, reported once, and later parts are dropped', async () => {
    const raw = await compose({ subject: 'Short', text: 'a'.repeat(100), attachments: [{ filename: 'notes.txt', content: 'More text' }] });
    const message = await parse(raw, { maxTextChars: 50 });
    expect(message.parts.map((p) => [p.id, p.text.length])).toEqual([['subject', 5], ['body', 45]]);
    expect(message.parts[1]?.segments).toEqual([{ start: 0, end: 45, role: 'authored' }]);
    expect(message.unreadable).toEqual([
      { partId: 'body', label: 'the message body', reason: 'text-limit', detail: 'the message has more than 50 characters of text; the rest was not scanned' },
    ]);
  });
});

/** Parses `raw`, logging how long it took; the bounds asserted are generous (the machine may be busy). */
async function timedParse(name: string, raw: Buffer, limits: Partial<Limits> = {}) {
  const started = performance.now();
  const message = await parse(raw, limits);
  const ms = performance.now() - started;
  console.log(`bounded work: ${name} read in ${Math.round(ms)} ms`);
  return { message, ms };
}

const attached = (filename: string, content: Uint8Array, contentType = 'application/octet-stream') =>
  compose({ subject: 'Papers', text: 'Attached.', attachments: [{ filename, content: Buffer.from(content), contentType }] });

describe('bounded work per message', () => {
  it('maxPdfPages: a PDF of 20,000 pages is unreadable at once, not read page by page', async () => {
    const { message, ms } = await timedParse('PDF of 20,000 pages', await attached('pack.pdf', pageBombPdf(20_000), 'application/pdf'));
    expect(message.unreadable).toEqual([
      { partId: 'attachment:1', label: 'the attachment pack.pdf', reason: 'too-large', detail: 'the PDF has 20000 pages, over the limit of 2000' },
    ]);
    expect(ms).toBeLessThan(60_000);
  });

  it('maxInflatedBytes: a 3 MB PDF whose content inflates to 3 GB is unreadable, without inflating it', async () => {
    const pdf = inflateBombPdf(THREE_GB);
    expect(pdf.length).toBeLessThan(4_000_000);
    const rssBefore = process.memoryUsage.rss();
    const { message, ms } = await timedParse('PDF inflating to 3 GB', await attached('report.pdf', pdf, 'application/pdf'));
    expect(message.unreadable).toEqual([
      {
        partId: 'attachment:1',
        label: 'the attachment report.pdf',
        reason: 'too-large',
        detail: `the PDF's compressed streams expand to more than ${DEFAULT_LIMITS.maxInflatedBytes} bytes`,
      },
    ]);
    expect(ms).toBeLessThan(60_000);
    // The process grows by far less than the 3 GB the stream holds (the reading is in a worker thread of this process).
    expect(process.memoryUsage.rss() - rssBefore).toBeLessThan(1024 * 1024 * 1024);
  });

  it.each([
    ['declares its 3 GB', THREE_GB, 'too-large', `the archive expands to ${THREE_GB + 77} bytes, over the limit of ${DEFAULT_LIMITS.maxInflatedBytes}`],
    ['declares 50 KB', 50_000, 'corrupt', 'an archive entry is larger than it declares'],
  ])('a Word document whose main part inflates to 3 GB and %s is unreadable', async (name, declared, reason, detail) => {
    const { message, ms } = await timedParse(`Word document inflating to 3 GB that ${name}`, await attached('letter.docx', inflateBombDocx(THREE_GB, declared)));
    expect(message.unreadable).toEqual([{ partId: 'attachment:1', label: 'the attachment letter.docx', reason, detail }]);
    expect(ms).toBeLessThan(60_000);
  });

  it('extractTimeoutMs: reading stops at the message\'s time limit, and attachments after it are not started', async () => {
    const raw = await compose({
      subject: 'Papers',
      text: 'Attached.',
      attachments: [
        { filename: 'pack.pdf', content: Buffer.from(pageBombPdf(20_000)), contentType: 'application/pdf' },
        { filename: 'notes.pdf', content: Buffer.from(makePdf(['Notes'])), contentType: 'application/pdf' },
      ],
    });
    const { message, ms } = await timedParse('PDF of 20,000 pages with no page limit', raw, { maxPdfPages: 1_000_000, extractTimeoutMs: 3000 });
    const detail = "reading the message's attachments took longer than the limit of 3000 ms";
    expect(message.unreadable).toEqual([
      { partId: 'attachment:1', label: 'the attachment pack.pdf', reason: 'timeout', detail },
      { partId: 'attachment:2', label: 'the attachment notes.pdf', reason: 'timeout', detail },
    ]);
    expect(ms).toBeGreaterThanOrEqual(3000);
    expect(ms).toBeLessThan(60_000);
  });

  it('extractMemoryMb: a worker that needs more heap than the limit is stopped and the attachment held', async () => {
    const { message } = await timedParse('PDF of 20,000 pages in a 32 MB heap', await attached('pack.pdf', pageBombPdf(20_000), 'application/pdf'), {
      maxPdfPages: 1_000_000,
      extractMemoryMb: 32,
    });
    expect(message.unreadable).toEqual([
      { partId: 'attachment:1', label: 'the attachment pack.pdf', reason: 'too-large', detail: 'reading the attachment needed more memory than the limit of 32 MB' },
    ]);
  });

  it('reads an ordinary PDF in the worker as before', async () => {
    const { message } = await timedParse('one-page PDF', await attached('minutes.pdf', makePdf(['Minutes of the meeting']), 'application/pdf'));
    expect(message.unreadable).toEqual([]);
    expect(message.parts.find((p) => p.id === 'attachment:1')?.text).toContain('Minutes of the meeting');
  });
});
