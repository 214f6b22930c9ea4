import { describe, expect, it } from 'vitest';
import { createEmailAddress } from '../../../lib/detect/recognizers/email-address.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createEmailAddress(shippedSettings('email-address'));

describe('email-address', () => {
  it.each<[string, string[]]>([
    // Valid: the address alone, in prose, in brackets, after mailto:, at the end of a sentence.
    ['edith.clarke@example.com', ['edith.clarke@example.com']],
    ['Her email is edith.clarke@example.com.', ['edith.clarke@example.com']],
    ['Reply to <jo.reid1975@example.org>', ['jo.reid1975@example.org']],
    ['mailto:alan.price@example.net', ['alan.price@example.net']],
    ["Write to o'brien@example.co.uk please", ["o'brien@example.co.uk"]],
    ['a.b-c+tag@sub.example.org', ['a.b-c+tag@sub.example.org']],
    ['First_Last@Example.ORG', ['First_Last@Example.ORG']],
    ['"edith@example.com"', ['edith@example.com']],
    // Internationalised domains, as Unicode and as punycode.
    ['jo@bücher.de', ['jo@bücher.de']],
    ['user@xn--80ak6aa92e.com', ['user@xn--80ak6aa92e.com']],
    ['a@xn--d1acufc.xn--p1ai', ['a@xn--d1acufc.xn--p1ai']],
    // Council addresses are found too: whether they count is the policy's decision.
    ['planning@rushcliffe.gov.uk', ['planning@rushcliffe.gov.uk']],
    ['Two: a@example.com, b@example.org', ['a@example.com', 'b@example.org']],
    // Invalid: no top-level domain, no local part, social handles, malformed addresses.
    ['my email is info@presidio.', []],
    ['this is not an email: hello-world here', []],
    ['Follow @RushcliffeBC', []],
    ['root@localhost', []],
    ['a@b.c', []],
    ['user@example.123', []],
    ['john.@example.com', []],
    ['john@@example.com', []],
    ['example.com', []],
    // Outlook's inline-image references are not addresses.
    ['[cid:image001.png@01D9A1B2.C3D4E5F0]', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores an address highly and higher still with an email word near', () => {
    const [plain] = recognizer.find('edith.clarke@example.com');
    const [withWord] = recognizer.find('Email: edith.clarke@example.com');
    expect(plain?.score).toBeGreaterThanOrEqual(0.8);
    expect(withWord?.score).toBeGreaterThan(plain?.score ?? 1);
    expect(withWord?.explanation).toEqual({ pattern: 'email-address', baseScore: 0.85, contextWord: 'email' });
  });

  it('rejects options it does not know', () => {
    expect(() => createEmailAddress(shippedSettings('email-address', { options: { domains: [] } }))).toThrow(RuleError);
  });

  it.each([
    ...adversarialInputs('email'),
    ['a@a. repeated', 'a@a.'.repeat(50_000)],
    ['a megabyte of letters', 'a'.repeat(1 << 20)],
    ['one local part and many labels', `x@${'a.'.repeat(200_000)}`],
    ['dotted local part without @', 'a.'.repeat(200_000)],
  ])('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
