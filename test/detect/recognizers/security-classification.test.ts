import { describe, expect, it } from 'vitest';
import { createSecurityClassification } from '../../../lib/detect/recognizers/security-classification.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';
import { PROSE_LINES, midText, verdicts, type Verdict } from './marking-verdicts.ts';

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
    ['It is classed as Official Sensitive by the police.', ['Official Sensitive']], // found, as a mention (below)
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

  it('scores a banner above running text and says where it was and why running text is a mention', () => {
    const [banner] = recognizer.find('OFFICIAL-SENSITIVE');
    const [prose] = recognizer.find('It is marked official-sensitive by the police.');
    expect(banner).toMatchObject({ score: 0.95, explanation: { pattern: 'classification', note: 'on a line of its own' } });
    expect(banner?.mention).toBeUndefined();
    expect(prose).toMatchObject({ score: 0.8, mention: true, explanation: { note: 'in running text: talked about, not applied' } });
  });

  // Applied: banners, labels and tags anywhere; a footer; a sentence about this message or its attachment.
  it.each<[string, Verdict[]]>([
    // Broken over lines that hold nothing else it is still a banner; wrapped in prose, a mention.
    ['OFFICIAL\nSENSITIVE\n\nBudget options for the service.', [['OFFICIAL\nSENSITIVE', 'use']]],
    ['> OFFICIAL\n> SENSITIVE\n> Budget options for the service.', [['OFFICIAL\n> SENSITIVE', 'use']]],
    ['Guidance on how to handle papers marked OFFICIAL\nSENSITIVE is on the intranet.', [['OFFICIAL\nSENSITIVE', 'mention']]],
    ['OFFICIAL/SENSITIVE', [['OFFICIAL/SENSITIVE', 'use']]],
    ['OFFICIAL-SENSITIVE', [['OFFICIAL-SENSITIVE', 'use']]],
    ['RE: FW: OFFICIAL-SENSITIVE: PERSONAL – case conference', [['OFFICIAL-SENSITIVE: PERSONAL', 'use']]],
    ['The attached briefing is marked Official-Sensitive, so keep it to yourself.', [['Official-Sensitive', 'use']]],
    ['This paper is OFFICIAL SENSITIVE until the board meets.', [['OFFICIAL SENSITIVE', 'use']]],
    [`${PROSE_LINES}\n\nKind regards\nJane\n\nOFFICIAL-SENSITIVE`, [['OFFICIAL-SENSITIVE', 'use']]],
    [`Official-Sensitive\n\n${PROSE_LINES}`, [['Official-Sensitive', 'use']]],
    // In the middle of a text, a banner in capitals or title case, a tag or a label is still applied.
    [midText('OFFICIAL-SENSITIVE'), [['OFFICIAL-SENSITIVE', 'use']]],
    [midText('Official - Sensitive'), [['Official - Sensitive', 'use']]],
    [midText('*** SECRET ***'), [['SECRET', 'use']]],
    [midText('[RESTRICTED] budget options'), [['RESTRICTED', 'use']]],
    [midText('OFFICIAL-SENSITIVE: PERSONAL'), [['OFFICIAL-SENSITIVE: PERSONAL', 'use']]],
    [midText('Draft minutes of the appointments panel – RESTRICTED'), [['RESTRICTED', 'use']]],
    [midText('Classification: OFFICIAL-SENSITIVE'), [['OFFICIAL-SENSITIVE', 'use']]],
    // A banner is followed by the document, not by an explanation of itself: applied, however it
    // is written, when the line under it does not repeat its words or says it is about this document.
    ['Official-sensitive\nThe tenant at number 4 has asked for a transfer.', [['Official-sensitive', 'use']]],
    ['Official-sensitive\nThis document is official-sensitive and must not be forwarded.', [
      ['Official-sensitive', 'use'],
      ['official-sensitive', 'use'],
    ]],
    ['Official-sensitive\nSensitive.', [['Official-sensitive', 'use']]],
    // In capitals it is a banner even with text directly under it, as real documents print it.
    [`${PROSE_LINES}\n\nOFFICIAL-SENSITIVE\nSensitive information about the tenancy follows below.`, [['OFFICIAL-SENSITIVE', 'use']]],
  ])('applied: %j → %j', (text, expected) => {
    expect(verdicts(recognizer, text)).toEqual(expected);
  });

  it('treats the first lines of a quoted block as an edge of its own when the blocks are given', () => {
    const before = `${PROSE_LINES}\n${PROSE_LINES}\n\n`;
    const text = `${before}On Tue, Jo Bloggs <jo@example.gov.uk> wrote:\n> Official-sensitive\n>\n> ${PROSE_LINES.replace(/\n/g, '\n> ')}`;
    const blocks = [
      { start: 0, end: before.length },
      { start: before.length, end: text.length },
    ];
    expect(verdicts(recognizer, text)).toEqual([['Official-sensitive', 'mention']]);
    const [match] = recognizer.find(text, blocks);
    expect(match).toMatchObject({ explanation: { note: 'on a line of its own' } });
    expect(match?.mention).toBeUndefined();
  });

  // Talked about: guidance, policies, lists of names, quotations (sources in test/fixtures/markings/README.md).
  it.each<[string, Verdict[]]>([
    ['‘OFFICIAL-SENSITIVE’ is not a classification.', [['OFFICIAL-SENSITIVE', 'mention']]],
    ['Any information marked ‘OFFICIAL-SENSITIVE’ in your organisation will need risk appropriate security measures.', [['OFFICIAL-SENSITIVE', 'mention']]],
    ['For example, \'official-sensitive\'.', [['official-sensitive', 'mention']]],
    ['When sending emails that contain OFFICIAL-SENSITIVE information the secure mail system must be used.', [['OFFICIAL-SENSITIVE', 'mention']]],
    ['It is classed as Official Sensitive by the police.', [['Official Sensitive', 'mention']]],
    ['- Official\n- Secret\n- Top Secret', [['Secret', 'mention'], ['Top Secret', 'mention']]],
    ['• OFFICIAL\n• OFFICIAL-SENSITIVE', [['OFFICIAL-SENSITIVE', 'mention']]],
    [
      '1. OFFICIAL: is to be used for all routine business operations.\n2. OFFICIAL-SENSITIVE: this should be used to indicate information which is highly sensitive.',
      [['OFFICIAL-SENSITIVE', 'mention']],
    ],
    [
      '  1. OFFICIAL\n    The majority of information.\n  2. SECRET\n    Very sensitive information.\n  3. TOP SECRET\n    The most sensitive information.',
      [['SECRET', 'mention'], ['TOP SECRET', 'mention']],
    ],
    [midText('OFFICIAL-SENSITIVE is used when it is particularly important to enforce the need-to-know principle.'), [['OFFICIAL-SENSITIVE', 'mention']]],
    [midText('SECRET plans were leaked, the paper said.'), [['SECRET', 'mention']]],
    [midText('Official-sensitive'), [['Official-sensitive', 'mention']]],
    // A section heading in sentence case, explained by the line directly under it, even among the
    // last lines of a text (Lincolnshire County Council's policy, test/fixtures/judgement/cases/sources.ts).
    [
      `${PROSE_LINES}\n\nOfficial-sensitive\nThe classification of 'official' can be supplemented by a handling caveat, 'sensitive', when it is particularly important to enforce the need-to-know principle.`,
      [['Official-sensitive', 'mention']],
    ],
  ])('talked about: %j → %j', (text, expected) => {
    expect(verdicts(recognizer, text)).toEqual(expected);
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
    ['a long list of names', '- Secret\n'.repeat(100_000)],
    ['a numbered list of names with descriptions', '1. OFFICIAL\n    text\n'.repeat(60_000)],
    ['names in one endless sentence', 'the OFFICIAL-SENSITIVE '.repeat(45_000)],
    ['quoted names', '‘OFFICIAL-SENSITIVE’ '.repeat(45_000)],
    ['sentence-case headings each explained', 'Official-sensitive\nThe official-sensitive caveat is explained here.\n'.repeat(20_000)],
    ['one quotation around many names', `“${'OFFICIAL-SENSITIVE '.repeat(50_000)}”`],
  ])('returns on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
