// Where MIME readers disagree: lines some read as body, structure that reads two ways.
import { describe, expect, it } from 'vitest';
import { mimeDifferentials } from '../../lib/mime/differentials.ts';
import { parseEmail } from '../../lib/message/email.ts';
import { DEFAULT_LIMITS, VALEDICTIONS } from '../message/mime-builders.ts';

const crlf = (lines: readonly string[]): Buffer => Buffer.from(`${lines.join('\r\n')}\r\n`);
const HEAD = ['From: a@rushcliffe.gov.uk', 'To: b@example.org', 'Subject: hi'];

describe('mimeDifferentials', () => {
  it.each([
    ['a line with no colon', [...HEAD, 'Her NI number is JG103785A', 'Content-Type: text/plain', '', 'body'], 'Her NI number is JG103785A\nContent-Type: text/plain'],
    ['a field name with a space before the colon', [...HEAD, 'X Note: JG103785A', '', 'body'], 'X Note: JG103785A'],
    ['the lines after a whitespace-only line', [...HEAD, ' \t', 'X-Note: JG103785A', '', 'body'], 'X-Note: JG103785A'],
    ['encoded words in such lines, decoded', [...HEAD, 'no colon =?utf-8?q?JG_10?=', '', 'body'], 'no colon JG 10'],
    ['the same in a part header', [...HEAD, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', 'stray JG103785A', '', 'x', '--b--'], 'stray JG103785A'],
  ])('reads as body text %s', (_name, lines, text) => {
    expect(mimeDifferentials(crlf(lines))).toEqual({ bodyStartText: text });
  });

  it.each([
    ['two different Content-Type fields', [...HEAD, 'Content-Type: text/plain', 'Content-Type: text/html', '', 'x'], /two different content-type/],
    ['two different Content-Transfer-Encoding fields', [...HEAD, 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: 7bit', '', 'x'], /content-transfer-encoding/],
    ['two different Content-Disposition fields', [...HEAD, 'Content-Disposition: inline', 'Content-Disposition: attachment; filename=a.txt', '', 'x'], /content-disposition/],
    ['a boundary given twice', [...HEAD, 'Content-Type: multipart/mixed; boundary="a"; boundary="b"', '', '--a', '', 'x', '--a--'], /boundary parameter twice/],
    ['a boundary given plainly and in the extended form', [...HEAD, "Content-Type: multipart/mixed; boundary=\"a\"; boundary*=us-ascii''b", '', '--a', '', 'x', '--a--'], /boundary parameter in two forms/],
    ['a charset given twice', [...HEAD, 'Content-Type: text/plain; charset=utf-8; charset=iso-2022-jp', '', 'x'], /charset parameter twice/],
    ['two Content-Type fields in a part', [...HEAD, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', 'Content-Type: image/png', '', 'x', '--b--'], /two different content-type/],
  ])('reports %s as ambiguous', (_name, lines, reason) => {
    expect(mimeDifferentials(crlf(lines)).ambiguous).toMatch(reason);
  });

  it('never repeats a parameter name it does not know: it is the sender\'s text', () => {
    const problem = mimeDifferentials(crlf([...HEAD, 'Content-Type: text/plain; JG103785A=1; JG103785A=2', '', 'x'])).ambiguous;
    expect(problem).toBe('a part gives a parameter twice with different values');
  });

  it.each([
    ['an ordinary message', [...HEAD, 'Content-Type: text/plain', '', 'Her NI: JG103785A', 'no colon here either']],
    ['the same Content-Type twice, spelt differently', [...HEAD, 'Content-Type: text/plain; charset=utf-8', 'Content-Type: text/plain; charset="UTF-8"', '', 'x']],
    ['an mbox From line first', ['From a@rushcliffe.gov.uk Tue Dec  1 10:00:00 2026', ...HEAD, '', 'x']],
    ['a boundary in both forms that agree', [...HEAD, "Content-Type: multipart/mixed; boundary=\"a b\"; boundary*=us-ascii'en'a%20b", '', 'x']],
    ['folded fields', [...HEAD, 'Content-Type: text/plain;', '\tcharset=utf-8', '', 'x']],
    ['body lines that look like headers', [...HEAD, 'Content-Type: multipart/mixed; boundary="b"', '', 'preamble', '--b', 'Content-Type: text/plain', '', 'no colon', 'Content-Type: text/html', '--b--', 'epilogue']],
  ])('finds nothing in %s', (_name, lines) => {
    expect(mimeDifferentials(crlf(lines))).toEqual({ bodyStartText: '' });
  });
});

describe('parseEmail with MIME differentials', () => {
  const options = { limits: DEFAULT_LIMITS, valedictions: VALEDICTIONS };

  it('scans header lines some readers show as body as a part of their own', async () => {
    const message = await parseEmail(crlf([...HEAD, 'Her NI number is JG103785A', 'Content-Type: text/plain', '', 'body']), options);
    expect(message.parts.find((p) => p.id === 'header-body')).toMatchObject({
      kind: 'header',
      label: 'header lines some mail programs show as the start of the body',
      text: 'Her NI number is JG103785A\nContent-Type: text/plain',
    });
    expect(message.unreadable).toEqual([]);
  });

  it('holds an ambiguous structure as unreadable, naming the problem and never the content', async () => {
    const message = await parseEmail(crlf([...HEAD, 'Content-Type: text/plain', 'Content-Type: text/html', '', 'JG103785A']), options);
    expect(message.unreadable).toEqual([
      { partId: 'message', label: 'the whole message', reason: 'ambiguous', detail: 'mail programs can read this message differently: a part has two different content-type fields' },
    ]);
  });

  it('checks an attached message too, naming it', async () => {
    const inner = [...HEAD, 'Subject: Inner', 'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: 8bit', '', 'x'].join('\r\n');
    const outer = crlf([...HEAD, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: message/rfc822', '', inner, '--b--']);
    const message = await parseEmail(outer, options);
    expect(message.unreadable).toEqual([expect.objectContaining({ partId: 'attachment:1', reason: 'ambiguous' })]);
  });

  it('reads a long message in one pass', () => {
    const body = Array.from({ length: 200_000 }, (_, i) => (i % 50 === 0 ? '--not-a-boundary' : 'Header-like: line')).join('\r\n');
    expect(mimeDifferentials(crlf([...HEAD, 'Content-Type: text/plain', '', body]))).toEqual({ bodyStartText: '' });
  });
});
