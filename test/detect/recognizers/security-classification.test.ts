import { describe, expect, it } from 'vitest';
import { createSecurityClassification } from '../../../lib/detect/recognizers/security-classification.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createSecurityClassification(shippedSettings('security-classification'));

describe('security-classification', () => {
  it.each<[string, string[]]>([
    // OFFICIAL-SENSITIVE in any dash, space, underscore or case variant, with descriptors.
    ['OFFICIAL-SENSITIVE', ['OFFICIAL-SENSITIVE']],
    ['OFFICIAL SENSITIVE', ['OFFICIAL SENSITIVE']],
    ['OFFICIAL_SENSITIVE', ['OFFICIAL_SENSITIVE']],
    ['OFFICIAL–SENSITIVE', ['OFFICIAL–SENSITIVE']],
    ['OFFICIAL — SENSITIVE', ['OFFICIAL — SENSITIVE']],
    ['Official-Sensitive', ['Official-Sensitive']],
    ['official-sensitive', ['official-sensitive']],
    ['OFFICIAL-SENSITIVE: PERSONAL', ['OFFICIAL-SENSITIVE: PERSONAL']],
    ['OFFICIAL-SENSITIVE COMMERCIAL', ['OFFICIAL-SENSITIVE COMMERCIAL']],
    ['OFFICIAL SENSITIVE - LOCSEN', ['OFFICIAL SENSITIVE - LOCSEN']],
    ['OFFICIAL-SENSITIVE: budget options for cabinet', ['OFFICIAL-SENSITIVE']],
    ['RE: FW: OFFICIAL-SENSITIVE: PERSONAL – case conference', ['OFFICIAL-SENSITIVE: PERSONAL']],
    // Distinctive enough to count in running text when dashed or capitalised.
    ['The attached briefing is marked Official-Sensitive, so keep it to yourself.', ['Official-Sensitive']],
    ['This paper is OFFICIAL SENSITIVE until the board meets.', ['OFFICIAL SENSITIVE']],
    ['It is classed as Official Sensitive by the police.', ['Official Sensitive']],
    // Lower case with a space could be prose ("an official sensitive to …"); only as a banner.
    ['A council official sensitive to residents’ concerns', []],
    ['[official sensitive] notes', ['official sensitive']],
    // Ordinary words as a banner line (decorated or not), in brackets, or as a heading.
    ['SECRET', ['SECRET']],
    ['*** TOP SECRET ***\nThe plan follows.', ['TOP SECRET']],
    ['Restricted\n\nMinutes of the meeting', ['Restricted']],
    ['== CONFIDENTIAL ==', ['CONFIDENTIAL']],
    ['> PROTECT', ['PROTECT']],
    ['PROTECT – PERSONAL', ['PROTECT – PERSONAL']],
    ['[RESTRICTED] Budget options 2025/26', ['RESTRICTED']],
    ['RE: [Restricted] staffing review', ['Restricted']],
    ['(confidential) draft response', ['confidential']],
    ['Staffing review [CONFIDENTIAL]', ['CONFIDENTIAL']],
    ['CONFIDENTIAL – draft minutes of the staffing committee', ['CONFIDENTIAL']],
    ['RESTRICTED: budget options', ['RESTRICTED']],
    ['SECRET briefing from the police follows', ['SECRET']],
    ['Confidential: staffing review', ['Confidential']],
    ['Draft minutes of the appointments panel – RESTRICTED', ['RESTRICTED']],
    ['Hello,\n\nTOP SECRET plans attached.\n', ['TOP SECRET']],
    // The word in prose.
    ["It's no secret that residents want the library open.", []],
    ['This is not a secret.', []],
    ['The restricted parking zone starts in April.', []],
    ["I'm confident the scheme will be approved.", []],
    ['Please treat the confidentiality clause with care.', []],
    ['We must protect the green belt.', []],
    ['The site is protected by a covenant.', []],
    ['Access is unrestricted at weekends.', []],
    ['The secretary will reply.', []],
    ['Residents said it was TOP SECRET, apparently.', []],
    // Lower case alone on a line, or shouted headings and everyday phrases.
    ['secret', []],
    ['Secret!', []],
    ['What is it?\nSecret.', []],
    ['SECRET.', ['SECRET']],
    ['Thanks\nsecret\n', []],
    ['CONFIDENTIAL WASTE COLLECTION DATES', []],
    ['RESTRICTED PARKING ZONE', []],
    ['Confidential waste collection is on Tuesdays.', []],
    ['Secret Santa: sign up by Friday', []],
    ['SECRET SANTA', []],
    ['PROTECT YOUR HOME FROM BURGLARY', []],
    ['Protect your home this winter', []],
    ['Secret garden open day', []],
    // Plain OFFICIAL and other non-markings.
    ['OFFICIAL', []],
    ['OFFICIAL: parish council minutes', []],
    ['NOT PROTECTIVELY MARKED', []],
    ['UNCLASSIFIED', []],
    ['NOT RESTRICTED', []],
    // In the middle of a long line it is prose, however it is written.
    [`${'word '.repeat(20)}RESTRICTED${' word'.repeat(20)}`, []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['CONFIDENTIAL: This email and any attachments are intended solely for the named addressee.', 'disclaimer opening with a capital'],
    [
      'Kind regards\nCllr Jane Smith\n\nCONFIDENTIAL\nThis e-mail and any files transmitted with it are confidential and intended solely for the use of the individual to whom they are addressed. If you have received this email in error please notify the sender.',
      'disclaimer under a banner',
    ],
    [
      'RESTRICTED: the information in this message is intended only for the addressee. Any views or opinions are those of the author.',
      'restricted disclaimer',
    ],
  ])('ignores email disclaimer boilerplate: %j (%s)', (text) => {
    expect(matchedText(recognizer, text)).toEqual([]);
  });

  it('still finds a real banner in a message that ends with a disclaimer', () => {
    const text =
      'RESTRICTED\n\nDear colleague, the draft is attached.\n\nKind regards\nCllr Jane Smith\n\n' +
      'This email is confidential and intended solely for the addressee. If you have received it in error please notify the sender.';
    expect(matchedText(recognizer, text)).toEqual(['RESTRICTED']);
  });

  it('scores a banner above running text and says where it was', () => {
    const [banner] = recognizer.find('OFFICIAL-SENSITIVE');
    const [prose] = recognizer.find('It is marked official-sensitive by the police.');
    expect(banner).toMatchObject({ score: 0.95, explanation: { pattern: 'classification', note: 'on a line of its own' } });
    expect(prose).toMatchObject({ score: 0.8, explanation: { note: 'in running text' } });
  });

  it('finds every marking in a longer text, in order', () => {
    const text = '[RESTRICTED] Minutes\n\nThe meeting discussed the secret ballot.\n\nOFFICIAL-SENSITIVE: PERSONAL\nAppendix';
    expect(matchedText(recognizer, text)).toEqual(['RESTRICTED', 'OFFICIAL-SENSITIVE: PERSONAL']);
  });

  it('rejects an unknown option with a RuleError', () => {
    const settings = shippedSettings('security-classification');
    expect(() => createSecurityClassification({ ...settings, options: { ...settings.options, classifications: [] } })).toThrow(RuleError);
  });

  it.each(adversarialInputs('RESTRICTED'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  it.each<[string, string]>([
    ['1 MB without a line break', 'RESTRICTED '.repeat(100_000)],
    ['long runs of dashes and spaces', `OFFICIAL${'-'.repeat(50_000)}${' '.repeat(50_000)}SENSITIVE`],
    ['many banner lines', '*** SECRET ***\n'.repeat(50_000)],
    ['long decoration around a word', `${'*'.repeat(100_000)}SECRET${'*'.repeat(100_000)}`],
    ['dots and brackets', '[.'.repeat(200_000)],
  ])('returns on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
