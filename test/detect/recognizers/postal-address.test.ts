import { describe, expect, it } from 'vitest';
import { createPostalAddress } from '../../../lib/detect/recognizers/postal-address.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createPostalAddress(shippedSettings('postal-address'));

describe('postal-address', () => {
  it.each<[string, string[]]>([
    // The whole address, from the flat or house number to the postcode.
    ['Flat 3, 14 High Street, West Bridgford NG2 5AB', ['Flat 3, 14 High Street, West Bridgford NG2 5AB']],
    ['She lives at 12 Acacia Avenue, West Bridgford, Nottingham NG2 6AB.', ['12 Acacia Avenue, West Bridgford, Nottingham NG2 6AB']],
    ['12 Acacia Avenue\nWest Bridgford\nNottingham\nNG2 6AB', ['12 Acacia Avenue\nWest Bridgford\nNottingham\nNG2 6AB']],
    ["12a St John's Road, Ruddington NG11 6AB", ["12a St John's Road, Ruddington NG11 6AB"]],
    ['7 Church Lane NG11 6AB', ['7 Church Lane NG11 6AB']],
    ['22 ACACIA AVENUE, NG2 6AB', ['22 ACACIA AVENUE, NG2 6AB']],
    // A street line alone.
    ['She lives at 12 Acacia Avenue.', ['12 Acacia Avenue']],
    ['Apartment 4, 9 The Crescent', ['Apartment 4, 9 The Crescent']],
    // A postcode alone, in every BS 7666 shape, with or without the space, in either case.
    ['M1 1AA', ['M1 1AA']],
    ['M60 1NW', ['M60 1NW']],
    ['W1A 1HQ', ['W1A 1HQ']],
    ['CR2 6XH', ['CR2 6XH']],
    ['DN55 1PT', ['DN55 1PT']],
    ['EC1A 1BB', ['EC1A 1BB']],
    ['GIR 0AA', ['GIR 0AA']],
    ['SW1A1AA', ['SW1A1AA']],
    ['post it to ng2 7yg', ['ng2 7yg']],
    ['From SW1A 1AA to EC1A 1BB', ['SW1A 1AA', 'EC1A 1BB']],
    // Too far between street and postcode: the two are reported apart.
    [
      '12 Acacia Avenue is where the meeting was held before the hall moved to NG2 7YG',
      ['12 Acacia Avenue', 'NG2 7YG'],
    ],
    // Invalid postcodes: letters Royal Mail never uses in those places, wrong shapes, inside words.
    ['QA1 1AA', []],
    ['VA1 1AA', []],
    ['XA1 1AA', []],
    ['M1 1CA', []],
    ['M1 1AI', []],
    ['1A1 1AA', []],
    ['ABCM11AADEF', []],
    ['Roadworks in the NG12 area', []],
    // Not addresses: no house number, lower-case words, years, references, unknown street words.
    ['About 30 residents of Acacia Avenue came to the meeting', []],
    ['we walked 3 miles down the road', []],
    ['In 2024 Station Road was resurfaced', []],
    ['Planning application 24/00873/FUL', []],
    ['3 Kirk Wynd', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it.each<[string, string, number]>([
    ['a street and postcode', '14 High Street, West Bridgford NG2 5AB', 0.85],
    ['a street line alone', '14 High Street', 0.45],
    ['a postcode alone', 'NG2 5AB', 0.3],
  ])('scores %s as %d without context', (_name, text, score) => {
    expect(recognizer.find(text).map((m) => m.score)).toEqual([score]);
  });

  it('lets an address word lift a postcode alone past the policy threshold', () => {
    const [match] = recognizer.find('She lives at NG2 5AB');
    expect(match?.score).toBeGreaterThanOrEqual(0.5);
    expect(match?.explanation).toEqual({ pattern: 'postcode', baseScore: 0.3, contextWord: 'lives at' });
  });

  it('reads street words from the options', () => {
    const local = createPostalAddress(
      shippedSettings('postal-address', { options: { streetWords: ['Wynd'], flatWords: [], maxTownWords: 4 } }),
    );
    expect(matchedText(local, '3 Kirk Wynd, Dundee DD1 1AA')).toEqual(['3 Kirk Wynd, Dundee DD1 1AA']);
    expect(matchedText(recognizer, '3 Kirk Wynd, Dundee DD1 1AA')).toEqual(['DD1 1AA']);
  });

  it.each<[string, Record<string, unknown>]>([
    ['no street words', { flatWords: ['Flat'] }],
    ['an empty street word list', { streetWords: [] }],
    ['an unknown option', { streetWords: ['Road'], townWords: 3 }],
    ['too many town words', { streetWords: ['Road'], maxTownWords: 20 }],
  ])('rejects %s', (_name, options) => {
    expect(() => createPostalAddress(shippedSettings('postal-address', { options }))).toThrow(RuleError);
  });

  it.each([
    ...adversarialInputs('lives at'),
    ['a megabyte of digits', '1'.repeat(1 << 20)],
    ['a megabyte of spaces and dots', ' .'.repeat(1 << 19)],
    ['house numbers and capitalised words', '1 A B C D E '.repeat(20_000)],
    ['street lines without postcodes', '12 Acacia Avenue, West Bridgford, '.repeat(10_000)],
    ['postcode-like runs', 'NG2 7Y'.repeat(50_000)],
  ])('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
