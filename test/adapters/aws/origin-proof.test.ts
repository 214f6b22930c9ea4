// The origin check on raw bytes: exactly one token header with the secret value, one From in the
// council's domains; the header (folded or not, any case) removed and every other byte kept.
import { describe, expect, it } from 'vitest';
import { checkOrigin, withoutOriginHeader } from '../../../lib/adapters/aws/origin-proof.ts';
import { simpleEml } from '../../helpers/eml.ts';

const TOKEN = 'Kq3vT8xW1mZ5bN9cR2dF6gH4jL7pS0aY3eU8iO5wQ2tV9rX1';
const POLICY = { token: TOKEN, internalDomains: ['rushcliffe.gov.uk'] };
const BODY = simpleEml({ to: 'editor@example.org', body: 'Surgery on Saturday.' });
const stamp = (header: string, body = BODY) => Buffer.from(`${header}\r\n${body}`);

describe('checkOrigin', () => {
  it.each([
    ['the plain header', `X-Gateway-Origin: ${TOKEN}`],
    ['another case', `x-gateway-origin: ${TOKEN}`],
    ['a folded value', `X-Gateway-Origin:\r\n ${TOKEN}`],
  ])('accepts %s and returns the message without it', (_what, header) => {
    const result = checkOrigin(stamp(header), POLICY);
    expect(result).toEqual({ ok: true, raw: Buffer.from(BODY), from: 'cllr.jporter@rushcliffe.gov.uk' });
  });

  it.each([
    ['no header', Buffer.from(BODY), 'no-token'],
    ['two headers', stamp(`X-Gateway-Origin: ${TOKEN}\r\nX-Gateway-Origin: ${TOKEN}`), 'several-tokens'],
    ['a token one character short', stamp(`X-Gateway-Origin: ${TOKEN.slice(1)}`), 'wrong-token'],
    ['a token of the right length but wrong', stamp(`X-Gateway-Origin: ${TOKEN.replace('K', 'k')}`), 'wrong-token'],
    ['an empty token', stamp('X-Gateway-Origin: '), 'wrong-token'],
    ['a From outside the council', stamp(`X-Gateway-Origin: ${TOKEN}`, simpleEml({ from: 'Jane <jane@rushcliffe.gov.uk.example>', body: 'x' })), 'from-outside'],
    ['two From mailboxes', stamp(`X-Gateway-Origin: ${TOKEN}`, simpleEml({ from: 'a@rushcliffe.gov.uk, b@example.org', body: 'x' })), 'no-single-from'],
    ['no From', stamp(`X-Gateway-Origin: ${TOKEN}`, 'Subject: hi\r\n\r\nbody\r\n'), 'no-single-from'],
  ])('refuses a message with %s', (_what, raw, reason) => {
    expect(checkOrigin(raw, POLICY)).toEqual({ ok: false, reason });
  });

  it('accepts a From in a subdomain of a council domain', () => {
    const raw = stamp(`X-Gateway-Origin: ${TOKEN}`, simpleEml({ from: 'cllr@members.rushcliffe.gov.uk', body: 'x' }));
    expect(checkOrigin(raw, POLICY)).toMatchObject({ ok: true, from: 'cllr@members.rushcliffe.gov.uk' });
  });

  it('refuses to run with a token too short to be a secret', () => {
    expect(() => checkOrigin(Buffer.from(BODY), { ...POLICY, token: 'short' })).toThrow('too short');
  });
});

describe('withoutOriginHeader', () => {
  it('removes every copy of the header and nothing else, leaving a body line that mentions it', () => {
    const body = 'X-Gateway-Origin: this line is in the body, not a header\r\n';
    const raw = Buffer.from(`X-Gateway-Origin: a\r\nFrom: a@rushcliffe.gov.uk\r\nX-Gateway-Origin: b\r\n  folded\r\nSubject: s\r\n\r\n${body}`);
    expect(withoutOriginHeader(raw).toString('latin1')).toBe(`From: a@rushcliffe.gov.uk\r\nSubject: s\r\n\r\n${body}`);
  });

  it('returns the same buffer when there is nothing to remove', () => {
    const raw = Buffer.from(BODY);
    expect(withoutOriginHeader(raw)).toBe(raw);
  });
});
