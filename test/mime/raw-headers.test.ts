import { describe, expect, it } from 'vitest';
import { findFields, headerText, rawFields, replaceField } from '../../lib/mime/raw-headers.ts';
import { rawSubject } from '../../lib/mime/subject.ts';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

describe('rawFields', () => {
  it('finds fields with their continuation lines and stops at the blank line', () => {
    const raw = crlf(['From: a@example.gov.uk', 'Subject: one', '\ttwo', 'X-Empty:', '', 'Subject: not a header']);
    const fields = rawFields(raw);
    expect(fields.map((f) => f.name)).toEqual(['From', 'Subject', 'X-Empty']);
    const subject = fields[1]!;
    expect(raw.subarray(subject.start, subject.end).toString()).toBe('Subject: one\r\n\ttwo\r\n');
    expect(subject.eol).toBe('\r\n');
  });

  it.each([
    ['LF line endings', 'Subject: a\n b\n\nbody', 'a b'],
    ['CRLF line endings', 'Subject: a\r\n b\r\n\r\nbody', 'a b'],
    ['raw UTF-8 bytes in a header', 'Subject: café\r\n\r\n', 'café'],
    ['encoded words in a folded subject', 'Subject: =?UTF-8?B?w6k=?=\r\n =?UTF-8?Q?t=C3=A9?=\r\n\r\n', 'été'],
    ['no subject at all', 'From: a@b.c\r\n\r\n', ''],
  ])('reads the subject with %s', (_name, text, expected) => {
    expect(rawSubject(Buffer.from(text, 'utf8'))).toBe(expected);
  });

  it('stops at a line that is neither a field nor a continuation', () => {
    expect(rawFields(crlf(['Subject: a', 'garbage line', 'To: b@c.d', '', ''])).map((f) => f.name)).toEqual(['Subject']);
  });

  it('reads the Message-ID case-insensitively', () => {
    expect(headerText(crlf(['message-ID:  <abc@example.gov.uk> ', '', '']), 'Message-Id')).toBe('<abc@example.gov.uk>');
  });

  it('replaces one field and leaves every other byte as it was', () => {
    const raw = crlf(['From: a@example.gov.uk', 'Subject: old', ' folded', 'To: b@example.org', '', 'body\u00e9']);
    const field = findFields(raw, 'subject')[0]!;
    const out = replaceField(raw, field, 'Subject: new\r\n');
    expect(out.toString('utf8')).toBe(['From: a@example.gov.uk', 'Subject: new', 'To: b@example.org', '', 'body\u00e9'].join('\r\n'));
  });
});
