// parseEmail on real MIME: who, what, where each piece of text is, and what could not be read.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { parseEmail, type EmailOptions } from '../../lib/message/email.ts';
import type { Message, SegmentRole } from '../../lib/message/types.ts';
import { makePdf } from '../helpers/documents.ts';
import { compose, DEFAULT_LIMITS, VALEDICTIONS } from './mime-builders.ts';

const OPTIONS: EmailOptions = { limits: DEFAULT_LIMITS, valedictions: VALEDICTIONS };

function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(lines.join('\r\n'));
}

function part(message: Message, id: string): Message['parts'][number] {
  const found = message.parts.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no part ${id} among ${message.parts.map((p) => p.id).join(', ')}`);
  return found;
}

/** The text of each segment with the given role. */
function textsWithRole(message: Message, id: string, role: SegmentRole): string[] {
  const { text, segments } = part(message, id);
  return segments
    .filter((s) => s.role === role)
    .map((s) => text.slice(s.start, s.end).trim())
    .filter((t) => t !== '');
}

describe('parseEmail: sender and recipients', () => {
  const headers = [
    'From: "Cllr Jane Porter" <cllr.jporter@rushcliffe.gov.uk>',
    'To: Editor <editor@example.org>, Ward team: a@rushcliffe.gov.uk, b@example.net;',
    'Cc: clerk@rushcliffe.gov.uk',
    'Bcc: secret@example.com',
    'Subject: Ward update',
    '',
    'Hello',
  ];

  it('reads To, Cc and Bcc headers, flattening groups', async () => {
    const message = await parseEmail(crlf(headers), OPTIONS);
    expect(message.sender).toEqual({ address: 'cllr.jporter@rushcliffe.gov.uk', name: 'Cllr Jane Porter' });
    expect(message.recipients).toEqual([
      { address: 'editor@example.org', field: 'to' },
      { address: 'a@rushcliffe.gov.uk', field: 'to' },
      { address: 'b@example.net', field: 'to' },
      { address: 'clerk@rushcliffe.gov.uk', field: 'cc' },
      { address: 'secret@example.com', field: 'bcc' },
    ]);
  });

  it('prefers the envelope, which includes Bcc, and keeps the From display name', async () => {
    const envelope = { sender: 'bounces@rushcliffe.gov.uk', recipients: ['editor@example.org', 'hidden@example.com', 'editor@example.org'] };
    const message = await parseEmail(crlf(headers), { ...OPTIONS, envelope });
    expect(message.sender).toEqual({ address: 'bounces@rushcliffe.gov.uk', name: 'Cllr Jane Porter' });
    expect(message.recipients).toEqual([
      { address: 'editor@example.org', field: 'envelope' },
      { address: 'hidden@example.com', field: 'envelope' },
    ]);
  });

  it('falls back to the headers when the envelope lists nobody', async () => {
    const message = await parseEmail(crlf(headers), { ...OPTIONS, envelope: { recipients: [] } });
    expect(message.recipients.map((r) => r.field)).toEqual(['to', 'to', 'to', 'cc', 'bcc']);
  });
});

describe('parseEmail: id, subject and size', () => {
  it('uses the Message-ID header as the id', async () => {
    const message = await parseEmail(await compose({ subject: 'Ward update', text: 'Hi' }), OPTIONS);
    expect(message.id).toBe('<test-message@rushcliffe.gov.uk>');
    expect(message.channel).toBe('email');
  });

  it('hashes the raw bytes when there is no Message-ID', async () => {
    const raw = crlf(['From: a@example.org', 'Subject: no id', '', 'Body']);
    const message = await parseEmail(raw, OPTIONS);
    expect(message.id).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    expect(message.sizeBytes).toBe(raw.length);
  });

  it('makes the subject a part of its own', async () => {
    const message = await parseEmail(await compose({ subject: 'Mrs Clarke, 12 Rugby Road', text: 'See subject' }), OPTIONS);
    expect(message.subject).toBe('Mrs Clarke, 12 Rugby Road');
    expect(part(message, 'subject')).toMatchObject({ kind: 'subject', label: 'the subject line', text: 'Mrs Clarke, 12 Rugby Road' });
  });
});

describe('parseEmail: bodies', () => {
  it('reads an HTML-only reply with its blockquote as quoted "> " lines', async () => {
    const html =
      '<p>Thanks, I will raise it.</p><div class="gmail_quote"><div class="gmail_attr">On Mon, 4 Mar 2024 at 10:15, Edith Clarke &lt;edith@example.com&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote">My neighbour at 14 Rugby Road is ill.</blockquote></div>';
    const message = await parseEmail(await compose({ subject: 'Re: Noise', html }), OPTIONS);
    expect(message.parts.map((p) => p.id)).toEqual(['subject', 'body']);
    expect(textsWithRole(message, 'body', 'authored')).toEqual(['Thanks, I will raise it.']);
    expect(textsWithRole(message, 'body', 'quoted').join('\n')).toContain('> My neighbour at 14 Rugby Road is ill.');
  });

  it('scans one body when the plain and HTML versions say the same', async () => {
    const message = await parseEmail(await compose({ text: 'Hello Edith,\n\nSee you soon.', html: '<p>Hello Edith,</p><p>See you soon.</p>' }), OPTIONS);
    expect(message.parts.filter((p) => p.kind === 'body').map((p) => p.id)).toEqual(['body']);
  });

  it('scans the HTML version as well when it says something the plain text does not', async () => {
    const message = await parseEmail(
      await compose({ text: 'Hello, see you soon.', html: '<p>Hello, see you soon.</p><div style="display:none">NI JG103785A</div>' }),
      OPTIONS,
    );
    expect(part(message, 'body').text).toBe('Hello, see you soon.');
    expect(part(message, 'body-html')).toMatchObject({ kind: 'body', label: 'the formatted (HTML) version of the message body' });
    expect(part(message, 'body-html').text).toContain('NI JG103785A');
  });

  it.each([
    ['a reply', 'Re: Damp', 'quoted'],
    ['a reply behind a tag', '[EXTERNAL] RE: Damp', 'quoted'],
    ['a forward', 'Fwd: Damp', 'authored'],
    ['a new message', 'Damp', 'authored'],
  ])('in %s, text under an Outlook header block is %s', async (_name, subject, role) => {
    const text = 'Please see below.\n\nFrom: Edith Clarke <edith@example.com>\nSent: 04 March 2024 10:15\nTo: Porter, Jane\nSubject: Damp\n\nMy NI number is JG103785A';
    const message = await parseEmail(await compose({ subject, text }), OPTIONS);
    const roles = part(message, 'body').segments.map((s) => s.role);
    expect(roles.at(-1)).toBe(role);
  });

  it('turns &nbsp; between the groups of an identifier into plain spaces', async () => {
    const message = await parseEmail(await compose({ html: '<p>NI number JG&nbsp;10&nbsp;37&nbsp;85&nbsp;A</p>' }), OPTIONS);
    expect(part(message, 'body').text).toBe('NI number JG 10 37 85 A');
  });

  it('marks the sender\'s signature using their display name', async () => {
    const message = await parseEmail(await compose({ text: 'Happy to help.\n\nKind regards\nJane\n07700 900456' }), OPTIONS);
    expect(textsWithRole(message, 'body', 'signature')).toEqual(['Kind regards\nJane\n07700 900456']);
  });
});

describe('parseEmail: attachments', () => {
  it('scans attachment names and contents under labelled parts', async () => {
    const message = await parseEmail(
      await compose({
        text: 'Attached.',
        attachments: [{ filename: 'residents.csv', content: 'name,phone\nEdith Clarke,07700 900123\n' }],
      }),
      OPTIONS,
    );
    expect(part(message, 'attachment:1/name')).toMatchObject({ kind: 'attachment-name', label: 'the name of the attachment residents.csv', text: 'residents.csv' });
    expect(part(message, 'attachment:1')).toMatchObject({ kind: 'attachment', label: 'the attachment residents.csv' });
    expect(part(message, 'attachment:1').text).toContain('Edith Clarke,07700 900123');
  });

  it('labels an attachment without a name by its position', async () => {
    const raw = crlf([
      'From: a@example.org',
      'Content-Type: multipart/mixed; boundary=B',
      '',
      '--B',
      'Content-Type: text/plain',
      '',
      'Body',
      '--B',
      'Content-Type: text/csv',
      'Content-Disposition: attachment',
      '',
      'an unnamed note',
      '--B--',
    ]);
    const message = await parseEmail(raw, OPTIONS);
    expect(part(message, 'attachment:1')).toMatchObject({ label: 'attachment 1 (unnamed)', text: 'an unnamed note' });
    expect(message.parts.some((p) => p.id === 'attachment:1/name')).toBe(false);
  });

  it('reads a forwarded message recursively, naming its parts after it', async () => {
    const forwarded = await compose({
      from: 'Edith Clarke <edith@example.com>',
      to: 'cllr.jporter@rushcliffe.gov.uk',
      subject: 'Damp in my flat',
      text: 'My NI number is JG103785A',
      attachments: [{ filename: 'survey.pdf', content: Buffer.from(makePdf(['Survey of 12 Rugby Road'])) }],
    });
    const message = await parseEmail(
      await compose({ subject: 'Fwd: Damp in my flat', text: 'For your files.', attachments: [{ filename: 'Damp.eml', content: forwarded, contentType: 'message/rfc822' }] }),
      OPTIONS,
    );
    const prefix = 'the forwarded message "Damp in my flat" › ';
    expect(message.parts.map((p) => [p.id, p.label])).toEqual([
      ['subject', 'the subject line'],
      ['body', 'the message body'],
      ['attachment:1/name', 'the name of the attachment Damp.eml'],
      ['attachment:1/subject', `${prefix}the subject line`],
      ['attachment:1/headers', `${prefix}the From and To lines`],
      ['attachment:1/body', `${prefix}the message body`],
      ['attachment:1/attachment:1/name', `${prefix}the name of the attachment survey.pdf`],
      ['attachment:1/attachment:1', `${prefix}the attachment survey.pdf`],
    ]);
    expect(part(message, 'attachment:1/headers').text).toBe('From: "Edith Clarke" <edith@example.com>\nTo: cllr.jporter@rushcliffe.gov.uk');
    expect(part(message, 'attachment:1/body').text).toContain('JG103785A');
    expect(part(message, 'attachment:1/attachment:1').text).toContain('Survey of 12 Rugby Road');
    expect(message.unreadable).toEqual([]);
  });

  it('reports an attached message that has no headers', async () => {
    const message = await parseEmail(
      await compose({ text: 'x', attachments: [{ filename: 'broken.eml', content: 'no headers here at all', contentType: 'message/rfc822' }] }),
      OPTIONS,
    );
    expect(message.unreadable).toEqual([
      { partId: 'attachment:1', label: 'the attachment broken.eml', reason: 'corrupt', detail: 'the attached message has no readable headers' },
    ]);
  });
});

describe('parseEmail: damaged and non-email input', () => {
  it.each([
    ['empty input', ''],
    ['one line of prose', 'Mrs Edith Clarke, NI JG103785A'],
    ['a body with no headers', '\r\n\r\nJust a body'],
    ['binary', '\u0000\u0001\u0002\u0003'],
  ])('throws InputError for %s, naming no content', async (_name, input) => {
    const error = await parseEmail(Buffer.from(input), OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('the input is not an email message: it has no header fields');
  });

  it.each([
    ['a multipart message without its boundary', ['From: a@example.org', 'Subject: s', 'Content-Type: multipart/mixed', '', 'text']],
    ['a multipart message never closed', ['From: a@example.org', 'Content-Type: multipart/mixed; boundary=X', '', '--X', 'Content-Type: text/plain', '', 'Edith']],
    ['bad base64', ['From: a@example.org', 'Content-Transfer-Encoding: base64', '', '!!!not base64!!!']],
    ['an unknown charset', ['From: a@example.org', 'Content-Type: text/plain; charset=x-nonsense', '', 'Hello']],
    ['a header line without a colon', ['From: a@example.org', 'this line is broken', 'Subject: s', '', 'Hello']],
  ])('still yields a message for %s', async (_name, lines) => {
    const message = await parseEmail(crlf(lines), OPTIONS);
    expect(message.channel).toBe('email');
    expect(message.sender.address).toBe('a@example.org');
  });
});
