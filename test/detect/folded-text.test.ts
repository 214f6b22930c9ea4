// The folded view every recognizer reads, and its map back to the text as sent.
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/engine.ts';
import { foldText, foldedSpans } from '../../lib/detect/folded-text.ts';
import type { Message } from '../../lib/message/types.ts';
import { loadRuleSet } from '../../lib/rules/load.ts';

describe('foldText', () => {
  it.each<[string, string, string]>([
    ['full-width letters and digits', 'ＪＧ１０３７８５Ａ', 'JG103785A'],
    ['mathematical digits', '𝟒𝟎𝟏 𝟶𝟸𝟹 𝟤𝟣𝟥𝟩', '401 023 2137'],
    ['circled and superscript digits', '① ²', '1 2'],
    ['Cyrillic look-alikes', 'ОFFІСІАL', 'OFFICIAL'],
    ['Greek look-alikes', 'ΑΒΕΗΚΜΝΟΡΤΧ', 'ABEHKMNOPTX'],
    ['a look-alike of O beside digits is a zero', 'JG1О3785A', 'JG103785A'],
    ['a run of look-alikes before a digit', 'ОО12З', '00123'],
    ['invisible separator, grapheme joiner, Mongolian vowel separator', 'J\u2063G\u034f1\u180e0', 'JG10'],
    ['variation selectors and zero-width characters', '4\ufe0f1\ufe001\u200b1\u200d', '4111'],
    ['bidi controls and NUL', '\u202aA\u202c\u2066B\u2069\u200eC\u0000D', 'ABCD'],
    ['combining overlays on letters and digits', 'O\u0336K\u0338 1\u20e3', 'OK 1'],
    ['accents on other letters are kept', 'Zoë', 'Zoë'],
    ['a bare CR is a line break; CRLF is kept', 'a\rb\r\nc', 'a\nb\r\nc'],
    ['Unicode dashes and spaces', 'CW\u20132024\u201100123\u00a0x\u2009y', 'CW-2024-00123 x y'],
    ['a right-to-left override is read as shown', 'NI \u202eA58730 1GJ\u202c ok', 'NI JG1 03785A ok'],
    ['letter-spaced words', 'O F F I C I A L - S E N S I T I V E', 'OFFICIAL - SENSITIVE'],
    ['letter spacing with dots, three letters', 'S.E.C.R.E.T and N O T', 'SECRET and NOT'],
    ['two-letter initials are left alone', 'J. R. R. Tolkien, U.S. trip', 'J. R. R. Tolkien, U.S. trip'],
  ])('%s', (_what, original, folded) => {
    expect(foldText(original).text).toBe(folded);
  });

  it('uses plain ASCII as it is, with no map', () => {
    const text = 'Her NI number is JG 10 37 85 A.\n\tThanks';
    const folded = foldText(text);
    expect(folded).toMatchObject({ text, folded: false });
    expect(folded.toOriginal(3, 9)).toEqual({ start: 3, end: 9 });
  });

  it('leaves text with no look-alikes, such as Japanese and emoji, as it is', () => {
    const text = '会議は午後です 😀';
    expect(foldText(text).folded).toBe(false);
  });

  it.each<[string, string, string, string]>([
    ['removed characters inside', 'NI J\u2063G\u20631\u206303785A.', 'JG103785A', 'J\u2063G\u20631\u206303785A'],
    ['full-width', 'x ＪＧ１０３７８５Ａ y', 'JG103785A', 'ＪＧ１０３７８５Ａ'],
    ['astral mathematical digits', 'NHS 𝟒𝟎𝟏 𝟎𝟐𝟑 𝟐𝟏𝟑𝟕.', '401 023 2137', '𝟒𝟎𝟏 𝟎𝟐𝟑 𝟐𝟏𝟑𝟕'],
    // The span ends with the last letter: an overlay after it was not part of what was matched.
    ['overlays', 'x O\u0336F\u0336F\u0336 y', 'OFF', 'O\u0336F\u0336F'],
    ['letter spacing', 'x J G 1 0 3 7 8 5 A y', 'JG103785A', 'J G 1 0 3 7 8 5 A'],
    ['a ligature expanded to two letters', 'the ﬁle CW1', 'file', 'ﬁle'],
    ['a reversed run', 'NI \u202eA58730 1GJ\u202c ok', 'JG1 03785A', 'A58730 1GJ'],
  ])('maps a span back to the original text: %s', (_what, original, value, expected) => {
    const folded = foldText(original);
    const at = folded.text.indexOf(value);
    expect(at).toBeGreaterThanOrEqual(0);
    const span = folded.toOriginal(at, at + value.length);
    expect(original.slice(span.start, span.end)).toBe(expected);
  });

  it('maps spans of the original into the folded text', () => {
    const original = 'ＪＧ\n> second line';
    const folded = foldText(original);
    const [span] = foldedSpans(folded, [{ start: 3, end: original.length, role: 'quoted' as const }]);
    expect(folded.text.slice(span!.start, span!.end)).toBe('> second line');
    expect(span!.role).toBe('quoted');
  });

  it('folds a long text in one pass and keeps its map the right length', () => {
    const original = `${'ｘ\u2063'.repeat(200_000)}JG\u00a010 37 85 A`;
    const folded = foldText(original);
    expect(folded.text).toBe(`${'x'.repeat(200_000)}JG 10 37 85 A`);
    const span = folded.toOriginal(200_000, folded.text.length);
    expect(original.slice(span.start, span.end)).toBe('JG\u00a010 37 85 A');
  });
});

describe('the detector on folded text', () => {
  it('points every finding at the value as it was sent', async () => {
    const detector = createDetector(await loadRuleSet());
    const text = 'Please pass ＪＧ１０\u2063３７８５Ａ and card 4111\u20131111\u20131111\u20131111 on.\n\nO F F I C I A L - S E N S I T I V E';
    const message: Message = {
      channel: 'email',
      id: 'folded-test',
      sender: { address: 'cllr@rushcliffe.gov.uk' },
      recipients: [{ address: 'editor@example.org', field: 'to' }],
      subject: '',
      parts: [{ id: 'body', kind: 'body', label: 'the message', text, segments: [{ start: 0, end: text.length, role: 'authored' }] }],
      unreadable: [],
      sizeBytes: text.length,
    };
    const found = detector.detect(message).map((f) => [f.type, text.slice(f.start, f.end)]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['uk-nino', 'ＪＧ１０\u2063３７８５Ａ'],
        ['payment-card', '4111\u20131111\u20131111\u20131111'],
        ['security-classification', 'O F F I C I A L - S E N S I T I V E'],
      ]),
    );
  });
});
