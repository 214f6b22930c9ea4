import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from '../../lib/mime/encoded-words.ts';

describe('decodeEncodedWords', () => {
  it.each([
    ['plain text stays as it is', 'Budget figures', 'Budget figures'],
    ['B-encoded UTF-8', '=?UTF-8?B?UsOpc3Vtw6k=?=', 'Résumé'],
    ['Q-encoded with underscores for spaces', '=?iso-8859-1?Q?Caf=E9_menu?=', 'Café menu'],
    ['lower-case encoding letter', '=?utf-8?q?na=C3=AFve?=', 'naïve'],
    ['text around an encoded word keeps its spaces', 'Re: =?UTF-8?B?w6k=?= done', 'Re: é done'],
    ['whitespace between adjacent encoded words is dropped', '=?UTF-8?Q?a?= =?UTF-8?Q?b?=', 'ab'],
    ['a character split across two words is joined', '=?UTF-8?B?w4==?= =?UTF-8?B?qQ==?=', 'é'],
    ['a language suffix is ignored', '=?UTF-8*en?Q?hello?=', 'hello'],
    ['an unknown charset falls back to UTF-8', '=?x-unknown?Q?ok?=', 'ok'],
    ['a malformed word is left alone', '=?UTF-8?X?abc?=', '=?UTF-8?X?abc?='],
  ])('%s', (_name, input, expected) => {
    expect(decodeEncodedWords(input)).toBe(expected);
  });

  it('stays fast on adversarial input', () => {
    const input = '=?'.repeat(50_000) + '=?UTF-8?Q?'.repeat(10_000);
    expect(decodeEncodedWords(input).length).toBeGreaterThan(0);
  });
});
