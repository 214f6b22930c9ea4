// Every limit holds rather than passes: what a limit stops from being read becomes an unreadable
// part, and what was read before it is still there to explain the hold.
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../lib/message/email.ts';
import type { Limits } from '../../lib/rules/schema.ts';
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
