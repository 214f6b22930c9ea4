import { describe, expect, it } from 'vitest';
import { createConfidentialityNotice } from '../../../lib/detect/recognizers/confidentiality-notice.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';
import { midText, verdicts, type Verdict } from './marking-verdicts.ts';

const recognizer = createConfidentialityNotice(shippedSettings('confidentiality-notice'));

/** Disclaimer footers as councils and their partners really write them: boilerplate, never a marking. */
const DISCLAIMERS: Array<[string, string]> = [
  [
    'classic',
    'This email and any attachments are private and confidential and intended solely for the use of the individual to whom they are addressed. If you have received this email in error please notify the sender immediately.',
  ],
  [
    'privilege',
    'This e-mail may contain legally privileged information. If you are not the intended recipient, you must not copy, distribute or use it.',
  ],
  [
    'headed',
    'PRIVATE AND CONFIDENTIAL\nThis message is intended only for the addressee. If you have received this message in error, please delete it and notify us immediately.',
  ],
  [
    'commercial',
    'The information in this email is strictly confidential and may be subject to legal professional privilege. It is intended solely for the addressee. Unauthorised use is prohibited.',
  ],
  [
    'after a signature',
    'Thanks, see you on Tuesday.\n\nCllr Jane Smith\nRushcliffe Borough Council\n\nThis email is Private & Confidential and intended for the use of the named addressee only. Any views or opinions expressed are those of the author.',
  ],
  [
    'in confidence footer',
    'IN CONFIDENCE: this email is intended solely for the person to whom it is addressed. If you have received this in error, please tell the sender.',
  ],
];

describe('confidentiality-notice', () => {
  it.each<[string, string[]]>([
    // Notices that count wherever they appear.
    ['PRIVATE AND CONFIDENTIAL', ['PRIVATE AND CONFIDENTIAL']],
    ['PRIVATE AND CONFIDENTIAL\n\nDear Mr Ahmed, thank you for meeting me.', ['PRIVATE AND CONFIDENTIAL']],
    ['Private & Confidential', ['Private & Confidential']],
    ['STRICTLY PRIVATE AND CONFIDENTIAL', ['STRICTLY PRIVATE AND CONFIDENTIAL']],
    ['The letter was marked private and confidential.', ['private and confidential']],
    ['LEGALLY PRIVILEGED', ['LEGALLY PRIVILEGED']],
    ['The attached advice from the monitoring officer is legally privileged.', ['legally privileged']],
    ["This note is subject to legal professional privilege; please don't forward it.", ['subject to legal professional privilege']],
    ['Commercial in confidence – leisure contract bids', ['Commercial in confidence']],
    ['The bids are commercial in confidence until the award.', ['commercial in confidence']],
    ['Please keep this strictly confidential for now.', ['strictly confidential']],
    ['Privileged and Confidential: advice on the claim', ['Privileged and Confidential']],
    // "In confidence" only as a banner, tag or heading.
    ['IN CONFIDENCE', ['IN CONFIDENCE']],
    ['IN CONFIDENCE\nThe chief executive is likely to retire next month.', ['IN CONFIDENCE']],
    ['*** In Confidence ***', ['In Confidence']],
    ['[In confidence] leadership changes', ['In confidence']],
    ['IN CONFIDENCE – draft restructure', ['IN CONFIDENCE']],
    ['In confidence: the group will back the motion', ['In confidence']],
    ['Draft restructure - IN CONFIDENCE', ['IN CONFIDENCE']],
    // ... and not in prose.
    ['She told me in confidence that the group would support the motion.', []],
    ['In confidence, I think the vote will be close.', []],
    ['I have every confidence in the officers.', []],
    ["I'm confident we will have a decision soon.", []],
    ['in confidence', []],
    ['He spoke IN CONFIDENCE to the leader.', []],
    // Near misses.
    ['This is a private meeting of the confidential reporting group.', []],
    ['The confidentiality agreement was signed.', []],
    ['Legal advice privileges were discussed at training.', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it.each(DISCLAIMERS)('ignores the email disclaimer footer: %s', (_name, text) => {
    expect(matchedText(recognizer, text)).toEqual([]);
  });

  it('still finds a notice in the body of a message that ends with a disclaimer', () => {
    const [, disclaimer] = DISCLAIMERS[0]!;
    const text = `The advice below is legally privileged, so please keep it to yourself.\n\nKind regards\nCllr Jane Smith\n\n${disclaimer}`;
    expect(matchedText(recognizer, text)).toEqual(['legally privileged']);
  });

  // Applied: banners, tags and headings, and sentences about this message or what it carries.
  it.each<[string, Verdict[]]>([
    ['PRIVATE AND CONFIDENTIAL\n\nDear Mr Ahmed, thank you for meeting me.', [['PRIVATE AND CONFIDENTIAL', 'use']]],
    [midText('STRICTLY PRIVATE AND CONFIDENTIAL'), [['STRICTLY PRIVATE AND CONFIDENTIAL', 'use']]],
    [midText('Strictly Private and Confidential – not for circulation'), [['Strictly Private and Confidential', 'use']]],
    [midText('[In confidence] leadership changes'), [['In confidence', 'use']]],
    ['The attached advice from the monitoring officer is legally privileged.', [['legally privileged', 'use']]],
    ["This note is subject to legal professional privilege; please don't forward it.", [['subject to legal professional privilege', 'use']]],
    ['Please keep this strictly confidential for now.', [['strictly confidential', 'use']]],
    ['The figures below are commercial in confidence until the award.', [['commercial in confidence', 'use']]],
    ['Privileged and Confidential: advice on the claim', [['Privileged and Confidential', 'use']]],
    ['Please find the strictly confidential briefing attached.', [['strictly confidential', 'use']]],
    // A notice opening a line counts even when a sentence runs on from it: these are not names
    // that guidance explains, and a notice heading a pasted letter reads the same way.
    [midText('Legally privileged advice is attached for the group leaders.'), [['Legally privileged', 'use']]],
    // Quotation marks elsewhere on the line, already closed, do not make a quotation of it.
    ['He wrote "thanks".\nThe attached advice is legally privileged.', [['legally privileged', 'use']]],
  ])('applied: %j → %j', (text, expected) => {
    expect(verdicts(recognizer, text)).toEqual(expected);
  });

  // Talked about: a press statement quoting a letter's marking, and running text about other papers.
  it.each<[string, Verdict[]]>([
    // Anglesey County Council's statement on a leaked letter (test/fixtures/markings/README.md).
    [
      'Mr Bowles said that “the correspondence which had been marked as ‘Strictly Private and Confidential’ has been leaked, at least in part, in the past few days.”',
      [['Strictly Private and Confidential', 'mention']],
    ],
    ['The letter was marked private and confidential.', [['private and confidential', 'mention']]],
    ['The leader’s letter, marked "Private & Confidential", was read out at the meeting.', [['Private & Confidential', 'mention']]],
    ['The bids are commercial in confidence until the award.', [['commercial in confidence', 'mention']]],
    // A quotation of someone else's words over several sentences and lines, even when they speak of "the attached".
    [
      'The minutes record: "The attached advice is legally privileged and was noted by the committee.\nMembers agreed to keep it private."',
      [['legally privileged', 'mention']],
    ],
  ])('talked about: %j → %j', (text, expected) => {
    expect(verdicts(recognizer, text)).toEqual(expected);
  });

  it('names the pattern and the place', () => {
    const [match] = recognizer.find('[In confidence] leadership changes');
    expect(match).toMatchObject({ score: 0.95, explanation: { pattern: 'banner', note: 'as a bracketed tag' } });
  });

  it.each(adversarialInputs('PRIVATE AND CONFIDENTIAL'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  it.each<[string, string]>([
    ['1 MB of notices without a line break', 'private and confidential '.repeat(45_000)],
    ['notices among disclaimer words', 'intended recipient IN CONFIDENCE\n'.repeat(30_000)],
    ['long runs of spaces inside a phrase', `private${' '.repeat(300_000)}and${' '.repeat(300_000)}confidential`],
    ['blank lines', '\n\n'.repeat(300_000)],
    ['notices inside one endless quotation', `"${'the attached is legally privileged '.repeat(25_000)}"`],
    ['notices between unclosed quotation marks', '“legally privileged '.repeat(45_000)],
  ])('returns on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
