// X-Hub-Signature-256 over exact bytes, and constant-time comparison of presented secrets.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sameSecret } from '../../lib/whatsapp/secret-compare.ts';
import { signBody, verifySignature } from '../../lib/whatsapp/signature.ts';

const SECRET = 'app-secret';
const BODY = Buffer.from('{"object":"whatsapp_business_account","text":"Caf\\u00e9"}');
const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');

describe('verifySignature', () => {
  it('signs as Meta does: sha256= and the hex HMAC of the bytes', () => {
    expect(signBody(BODY, SECRET)).toBe(`sha256=${hex}`);
  });

  it.each<[string, string | undefined, boolean]>([
    ['the right signature', `sha256=${hex}`, true],
    ['the right signature in upper case hex', `sha256=${hex.toUpperCase()}`, true],
    ['the right signature with surrounding spaces', ` sha256=${hex} `, true],
    ['no header', undefined, false],
    ['an empty header', '', false],
    ['the hex without its prefix', hex, false],
    ['a sha1 prefix', `sha1=${hex}`, false],
    ['one digit changed', `sha256=${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`, false],
    ['a truncated signature', `sha256=${hex.slice(0, 40)}`, false],
    ['a signature made with another secret', signBody(BODY, 'other'), false],
    ['a signature of the body with é unescaped', signBody(Buffer.from(BODY.toString().replace('\\u00e9', 'é')), SECRET), false],
  ])('%s → %s', (_name, header, expected) => {
    expect(verifySignature(BODY, header, SECRET)).toBe(expected);
  });
});

describe('sameSecret', () => {
  it.each<[string, string, boolean]>([
    ['token', 'token', true],
    ['token', 'toke', false],
    ['token', 'tokenn', false],
    ['Token', 'token', false],
    ['', 'token', false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(sameSecret(a, b)).toBe(expected);
  });
});
