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

  it('reads To, Cc and Bcc headers, flattening groups, with the display names they give', async () => {
    const message = await parseEmail(crlf(headers), OPTIONS);
    expect(message.sender).toEqual({ address: 'cllr.jporter@rushcliffe.gov.uk', name: 'Cllr Jane Porter' });
    expect(message.recipients).toEqual([
      { address: 'editor@example.org', field: 'to', name: 'Editor' },
      { address: 'a@rushcliffe.gov.uk', field: 'to' },
      { address: 'b@example.net', field: 'to' },
      { address: 'clerk@rushcliffe.gov.uk', field: 'cc' },
      { address: 'secret@example.com', field: 'bcc' },
    ]);
  });

  it('prefers the envelope, which includes Bcc, naming its recipients as the headers do, and keeps the From display name', async () => {
    const envelope = { sender: 'bounces@rushcliffe.gov.uk', recipients: ['Editor@Example.org', 'hidden@example.com', 'Editor@Example.org'] };
    const message = await parseEmail(crlf(headers), { ...OPTIONS, envelope });
    expect(message.sender).toEqual({ address: 'bounces@rushcliffe.gov.uk', name: 'Cllr Jane Porter' });
    expect(message.recipients).toEqual([
      { address: 'Editor@Example.org', field: 'envelope', name: 'Editor' },
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
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => p.id)).toEqual(['subject', 'body']);
    expect(textsWithRole(message, 'body', 'authored')).toEqual(['Thanks, I will raise it.']);
    expect(textsWithRole(message, 'body', 'quoted').join('\n')).toContain('> My neighbour at 14 Rugby Road is ill.');
    expect(part(message, 'body').segments.at(-1)).toMatchObject({ role: 'quoted', via: 'reply', author: { address: 'edith@example.com', name: 'Edith Clarke' } });
  });

  it('scans one body when the plain and HTML versions say the same', async () => {
    const message = await parseEmail(await compose({ text: 'Hello Edith,\n\nSee you soon.', html: '<p>Hello Edith,</p><p>See you soon.</p>' }), OPTIONS);
    expect(message.parts.filter((p) => p.kind === 'body').map((p) => p.id)).toEqual(['body']);
  });

  it('scans the HTML version as well when it says something the plain text does not', async () => {
    const message = await parseEmail(
      await compose({ text: 'Hello, see you soon.', html: '<p>Hello, see you soon.</p><p>NI JG103785A</p>' }),
      OPTIONS,
    );
    expect(part(message, 'body').text).toBe('Hello, see you soon.');
    expect(part(message, 'body-html')).toMatchObject({ kind: 'body', label: 'the formatted (HTML) version of the message body' });
    expect(part(message, 'body-html').text).toContain('NI JG103785A');
  });

  it('scans the HTML version\'s hidden text and revealed attributes as parts of their own', async () => {
    const message = await parseEmail(
      await compose({
        text: 'Hello, see you soon.',
        html: '<p>Hello, see you soon.</p><div style="display:none">NI JG103785A</div><p title="ref CW-2024-00123">Bye</p>',
      }),
      OPTIONS,
    );
    expect(message.parts.find((p) => p.id === 'body-html')?.text ?? '').not.toContain('JG103785A');
    expect(part(message, 'body-html-hidden')).toMatchObject({ kind: 'body', label: 'text hidden in the formatted (HTML) version of the message body' });
    expect(part(message, 'body-html-hidden').text).toBe('NI JG103785A');
    expect(part(message, 'body-html-revealed').text).toBe('ref CW-2024-00123');
  });

  it.each([
    ['a reply', 'Re: Damp', 'reply'],
    ['a reply behind a tag', '[EXTERNAL] RE: Damp', 'reply'],
    ['a forward', 'Fwd: Damp', 'forward'],
    ['a new message', 'Damp', 'forward'],
  ])('in %s, text under an Outlook header block is quoted from its author via a %s', async (_name, subject, via) => {
    const text = 'Please see below.\n\nFrom: Edith Clarke <edith@example.com>\nSent: 04 March 2024 10:15\nTo: Porter, Jane\nSubject: Damp\n\nMy NI number is JG103785A';
    const message = await parseEmail(await compose({ subject, text }), OPTIONS);
    expect(part(message, 'body').segments.at(-1)).toMatchObject({ role: 'quoted', via, author: { address: 'edith@example.com', name: 'Edith Clarke' } });
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

describe('parseEmail: who wrote the quoted part of an HTML reply', () => {
  // The markup each client writes around a quote (Gmail's gmail_quote/gmail_attr, Apple Mail's
  // blockquote type="cite" holding the attribution, Outlook's divRplyFwdMsg and border-top block).
  const edith = { address: 'edith@example.com', name: 'Edith Clarke' };
  it.each<[string, string, string, { address?: string; name?: string }, 'reply' | 'forward']>([
    [
      'Gmail reply',
      'Re: Damp',
      '<div dir="ltr">Thanks, I will raise it.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 4 Mar 2024 at 10:15, ' +
        'Edith Clarke &lt;<a href="mailto:edith@example.com">edith@example.com</a>&gt; wrote:<br></div><blockquote class="gmail_quote" ' +
        'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">I live at 14 Rugby Road.</div></blockquote></div>',
      edith,
      'reply',
    ],
    [
      'Gmail forward',
      'Fwd: Damp',
      '<div dir="ltr">FYI</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: ' +
        '<strong class="gmail_sendername" dir="auto">Edith Clarke</strong> <span dir="auto">&lt;<a href="mailto:edith@example.com">edith@example.com</a>&gt;</span><br>' +
        'Date: Mon, 4 Mar 2024 at 10:15<br>Subject: Damp<br>To: &lt;<a href="mailto:cllr.jporter@rushcliffe.gov.uk">cllr.jporter@rushcliffe.gov.uk</a>&gt;<br></div>' +
        '<br><br><div dir="ltr">I live at 14 Rugby Road.</div></div>',
      edith,
      'forward',
    ],
    [
      'Apple Mail reply',
      'Re: Damp',
      '<html><body><div>Thanks, I will raise it.</div><div><br><blockquote type="cite">On 4 Mar 2024, at 10:15, Edith Clarke &lt;edith@example.com&gt; wrote:<br><br></blockquote></div>' +
        '<blockquote type="cite"><div>I live at 14 Rugby Road.</div></blockquote></body></html>',
      edith,
      'reply',
    ],
    [
      'Outlook on the web reply (divRplyFwdMsg)',
      'RE: Damp',
      '<div>Thanks, I will raise it.</div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" ' +
        'style="font-size:11pt"><b>From:</b> Edith Clarke &lt;edith@example.com&gt;<br><b>Sent:</b> 04 March 2024 10:15<br><b>To:</b> Cllr Jane Porter ' +
        '&lt;cllr.jporter@rushcliffe.gov.uk&gt;<br><b>Subject:</b> Damp</font><div>&nbsp;</div></div><div>I live at 14 Rugby Road.</div>',
      edith,
      'reply',
    ],
    [
      'Outlook desktop reply (border-top From block, name only)',
      'RE: Damp',
      '<p class="MsoNormal">Thanks, I will raise it.</p><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">' +
        '<b><span lang="EN-US">From:</span></b><span lang="EN-US"> Edith Clarke <br><b>Sent:</b> 04 March 2024 10:15<br><b>To:</b> Porter, Jane<br>' +
        '<b>Subject:</b> Damp<o:p></o:p></span></p></div><p class="MsoNormal">I live at 14 Rugby Road.</p>',
      { name: 'Edith Clarke' },
      'reply',
    ],
  ])('%s', async (_client, subject, html, author, via) => {
    const message = await parseEmail(await compose({ subject, html }), OPTIONS);
    const body = part(message, 'body');
    const quoted = body.segments.find((s) => body.text.slice(s.start, s.end).includes('14 Rugby Road'));
    expect(quoted).toMatchObject({ role: 'quoted', via, author });
    const first = body.segments[0]!;
    expect(first.role).toBe('authored');
    expect(body.text.slice(first.start, first.end)).toMatch(/^(?:Thanks, I will raise it\.|FYI)\n[-\s]*$/);
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
    expect(message.parts.filter((p) => p.kind !== 'header').map((p) => [p.id, p.label])).toEqual([
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

  it('quotes every part of an attached message from its From, via a forward; the outer message stays the sender\'s', async () => {
    const inner = await compose({ from: 'Agent <agent@party.example.org>', subject: 'Noise', text: 'Noted.\n\nOn Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n> 12 Rugby Road' });
    const forwarded = await compose({
      from: 'Edith Clarke <Edith@Example.com>',
      to: 'cllr.jporter@rushcliffe.gov.uk',
      subject: 'Damp in my flat',
      text: 'My NI number is JG103785A',
      attachments: [
        { filename: 'survey.txt', content: 'Survey of 12 Rugby Road' },
        { filename: 'Noise.eml', content: inner, contentType: 'message/rfc822' },
      ],
    });
    const message = await parseEmail(
      await compose({ subject: 'Fwd: Damp in my flat', text: 'For your files.', attachments: [{ filename: 'Damp.eml', content: forwarded, contentType: 'message/rfc822' }] }),
      OPTIONS,
    );
    const edith = { role: 'quoted', via: 'forward', author: { address: 'edith@example.com', name: 'Edith Clarke' } };
    const roles = Object.fromEntries(message.parts.map((p) => [p.id, p.segments.map(({ start: _s, end: _e, ...shape }) => shape)]));
    expect(roles).toMatchObject({
      subject: [{ role: 'authored' }],
      body: [{ role: 'authored' }],
      'attachment:1/name': [{ role: 'authored' }],
      'attachment:1/subject': [edith],
      'attachment:1/headers': [edith],
      'attachment:1/body': [edith],
      'attachment:1/attachment:1/name': [edith],
      'attachment:1/attachment:1': [edith],
      'attachment:1/attachment:2/body': [
        { role: 'quoted', via: 'forward', author: { address: 'agent@party.example.org', name: 'Agent' } },
        { role: 'quoted', via: 'forward', author: { address: 'edith@example.com', name: 'Edith Clarke' } },
      ],
    });
  });

  it('quotes an attached message without a From as having no author', async () => {
    const forwarded = Buffer.from('Subject: Damp\r\n\r\nMy NI number is JG103785A\r\n');
    const message = await parseEmail(
      await compose({ subject: 'Fwd: Damp', text: 'FYI', attachments: [{ filename: 'Damp.eml', content: forwarded, contentType: 'message/rfc822' }] }),
      OPTIONS,
    );
    expect(part(message, 'attachment:1/body').segments).toEqual([{ start: 0, end: part(message, 'attachment:1/body').text.length, role: 'quoted', via: 'forward' }]);
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
