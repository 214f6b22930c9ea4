import { describe, expect, it } from 'vitest';
import { removeOverrideTag } from '../../lib/actions/strip-override.ts';
import { findFields } from '../../lib/mime/raw-headers.ts';
import { rawSubject } from '../../lib/mime/subject.ts';

const BODY = ['Content-Type: text/plain; charset=utf-8', '', 'Line one', 'Subject: [override: not a header] stays', ''];

function message(subjectLines: string[], eol = '\r\n'): Buffer {
  return Buffer.from(['From: cllr@rushcliffe.gov.uk', ...subjectLines, 'To: someone@example.org', ...BODY].join(eol), 'utf8');
}

function bodyOf(raw: Buffer): Buffer {
  return raw.subarray(raw.indexOf('Content-Type:'));
}

describe('removeOverrideTag', () => {
  it.each([
    ['a plain subject', ['Subject: [override: resident asked] Housing query'], 'Housing query'],
    ['a tag at the end', ['Subject: Housing query [override: resident asked]'], 'Housing query'],
    ['a folded subject', ['Subject: Housing query', ' [override: resident', ' asked me to]'], 'Housing query'],
    ['a B-encoded subject', [`Subject: =?UTF-8?B?${Buffer.from('[override: ok] Café meeting').toString('base64')}?=`], 'Café meeting'],
    ['a Q-encoded tag split over words', ['Subject: =?UTF-8?Q?=5Boverride=3A_con?=', ' =?UTF-8?Q?sent_given=5D_Caf=C3=A9?='], 'Café'],
    ['an upper-case field name', ['SUBJECT: [Override: yes] Agenda'], 'Agenda'],
    // Unusable as an override, but still an instruction to the gateway: never delivered.
    ['a tag without a reason', ['Subject: [override: ] Housing query'], 'Housing query'],
  ])('removes the tag from %s', (_name, lines, expected) => {
    const raw = message(lines);
    const out = removeOverrideTag(raw);
    expect(rawSubject(out)).toBe(expected);
    expect(bodyOf(out).equals(bodyOf(raw))).toBe(true);
    expect(out.subarray(0, out.indexOf('\r\n')).toString()).toBe('From: cllr@rushcliffe.gov.uk');
  });

  it.each([
    ['no tag', ['Subject: Housing query']],
    ['no subject', []],
  ])('returns the bytes unchanged with %s', (_name, lines) => {
    const raw = message(lines);
    expect(removeOverrideTag(raw).equals(raw)).toBe(true);
  });

  it('keeps LF line endings when the message uses them', () => {
    const out = removeOverrideTag(message(['Subject: [override: ok] Agenda'], '\n'));
    expect(out.toString()).toContain('\nSubject: Agenda\nTo: someone@example.org\n');
    expect(out.includes('\r')).toBe(false);
  });

  it('encodes a non-ASCII subject and folds a long one', () => {
    const long = `Réunion ${'about the budget '.repeat(10)}`.trim();
    const out = removeOverrideTag(message([`Subject: [override: ok] ${long}`]));
    const field = findFields(out, 'subject')[0]!;
    const text = out.subarray(field.start, field.end).toString('latin1');
    expect(text).toMatch(/^Subject: =\?UTF-8\?B\?/);
    expect(text.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(rawSubject(out)).toBe(long);
  });
});
