// Header lines a mail client shows, read from real MIME through parseEmail.
import { describe, expect, it } from 'vitest';
import { parseEmail, type EmailOptions } from '../../lib/message/email.ts';
import type { Message } from '../../lib/message/types.ts';
import { DEFAULT_LIMITS, VALEDICTIONS } from './mime-builders.ts';

const OPTIONS: EmailOptions = { limits: DEFAULT_LIMITS, valedictions: VALEDICTIONS };

function raw(headers: readonly string[]): Buffer {
  return Buffer.from([...headers, 'Subject: Surgery', 'Content-Type: text/plain', '', 'Thanks.', ''].join('\r\n'));
}

const headerParts = (message: Message) =>
  Object.fromEntries(message.parts.filter((p) => p.kind === 'header').map((p) => [p.id, { label: p.label, text: p.text, roles: p.segments.map((s) => s.role) }]));

describe('header parts', () => {
  it('reads display names and group names, a participant by name alone on a line marked as their own', async () => {
    const message = await parseEmail(
      raw([
        'From: "Jane Porter (07700 900456)" <cllr.jporter@rushcliffe.gov.uk>',
        'To: Ward team: "Edith Clarke" <edith@example.org>, bob@example.org;, Mrs A <a@example.net>',
        'Reply-To: "Mrs B Smith 07700 900123" <b.smith@example.com>',
      ]),
      OPTIONS,
    );
    expect(headerParts(message)).toEqual({
      'header:from': { label: 'the From line', text: 'Jane Porter (07700 900456)', roles: ['signature'] },
      'header:reply-to': { label: 'the Reply-To line', text: 'Mrs B Smith 07700 900123 <b.smith@example.com>', roles: ['authored'] },
      'header:to': { label: 'the To line', text: 'Ward team:\nEdith Clarke\nMrs A', roles: ['authored', 'signature', 'signature'] },
    });
  });

  it('reads a Reply-To naming a participant as their own', async () => {
    const message = await parseEmail(raw(['From: Jane <cllr.jporter@rushcliffe.gov.uk>', 'To: editor@example.org', 'Reply-To: Jane Porter <cllr.jporter@rushcliffe.gov.uk>']), OPTIONS);
    expect(headerParts(message)['header:reply-to']).toMatchObject({ text: 'Jane Porter', roles: ['signature'] });
  });

  it('counts envelope recipients as participants even when the headers do not list them', async () => {
    const message = await parseEmail(raw(['From: a@rushcliffe.gov.uk', 'To: editor@example.org', 'Reply-To: "Hidden Bcc" <bcc@example.org>']), {
      ...OPTIONS,
      envelope: { sender: 'a@rushcliffe.gov.uk', recipients: ['bcc@example.org'] },
    });
    expect(headerParts(message)['header:reply-to']).toMatchObject({ text: 'Hidden Bcc', roles: ['signature'] });
  });

  it('reads every Keywords and Comments field, decoding encoded words, and every Subject when there are two', async () => {
    const message = await parseEmail(
      raw(['From: a@rushcliffe.gov.uk', 'To: editor@example.org', 'Keywords: one, =?utf-8?q?JG_10?=', 'Keywords: two', 'Comments: c1', 'Subject: Other']),
      OPTIONS,
    );
    const parts = headerParts(message);
    expect(parts['header:keywords']).toEqual({ label: 'the Keywords line', text: 'one, JG 10\ntwo', roles: ['authored', 'authored'] });
    expect(parts['header:comments']).toMatchObject({ text: 'c1' });
    expect(parts['header:subject']).toMatchObject({ label: 'the Subject lines (the message has more than one)', text: 'Other\nSurgery' });
  });

  it('adds no header part for a message whose participants have no display names', async () => {
    const message = await parseEmail(raw(['From: a@rushcliffe.gov.uk', 'To: editor@example.org']), OPTIONS);
    expect(headerParts(message)).toEqual({});
  });

  it('reads Keywords of a forwarded message as that message\'s author\'s words', async () => {
    const inner = ['From: Edith <edith@example.org>', 'To: a@rushcliffe.gov.uk', 'Keywords: NI JG103785A', 'Subject: Inner', '', 'Hi', ''].join('\r\n');
    const outer = [
      'From: a@rushcliffe.gov.uk', 'To: editor@example.org', 'Subject: Fwd', 'Content-Type: multipart/mixed; boundary="b"', '',
      '--b', 'Content-Type: text/plain', '', 'See below.', '--b', 'Content-Type: message/rfc822', '', inner, '--b--', '',
    ].join('\r\n');
    const message = await parseEmail(Buffer.from(outer), OPTIONS);
    const keywords = message.parts.find((p) => p.id === 'attachment:1/header:keywords');
    expect(keywords).toMatchObject({ label: 'the forwarded message "Inner" › the Keywords line', text: 'NI JG103785A' });
    expect(keywords?.segments[0]).toMatchObject({ role: 'quoted', via: 'forward', author: { address: 'edith@example.org' } });
  });
});
