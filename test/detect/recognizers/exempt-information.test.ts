import { describe, expect, it } from 'vitest';
import { createExemptInformation } from '../../../lib/detect/recognizers/exempt-information.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';
import { midText, verdicts, type Verdict } from './marking-verdicts.ts';

const recognizer = createExemptInformation(shippedSettings('exempt-information'));

describe('exempt-information', () => {
  it.each<[string, string[]]>([
    // "Not for publication" and "exempt information", anywhere and in any case.
    ['NOT FOR PUBLICATION', ['NOT FOR PUBLICATION']],
    ['NOT FOR PUBLICATION\nReport of the Director of Finance', ['NOT FOR PUBLICATION']],
    ['Please note this report is not for publication.', ['not for publication']],
    ['The appendix contains exempt information about the bidders.', ['exempt information']],
    ['Not  for\npublication', ['Not  for\npublication']],
    // Schedule 12A citations.
    // A citation found by two patterns is one finding spanning both.
    [
      'Exempt under Paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.',
      ['Exempt under Paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972'],
    ],
    ['Item 9 is para 1, Schedule 12A, so please wait.', ['para 1, Schedule 12A']],
    ['under Schedule 12A of the Local Government Act', ['Schedule 12A of the Local Government Act']],
    ['exempt by virtue of paragraph 1 of schedule 12a', ['exempt by virtue of paragraph 1 of schedule 12a']],
    ['Sch. 12A para 3 applies', ['Sch. 12A']],
    ['paragraphs 1 and 3 of Schedule 12A', ['Schedule 12A']],
    // The statutory exclusion of the press and public.
    ['The committee agreed the exclusion of the press and public for item 9.', ['exclusion of the press and public']],
    ['RESOLVED that under section 100A(4) the press and public be excluded', ['section 100A', 'press and public be excluded']],
    // Part 2 / Part B agenda headings.
    ['Part 2 – Exempt', ['Part 2 – Exempt']],
    ['PART B ITEMS\n10. Acquisition of the former bus depot', ['PART B ITEMS']],
    ['PART II - EXEMPT ITEMS', ['PART II - EXEMPT']],
    ['Part Two: confidential items', ['Part Two: confidential']],
    ['12. Part B (private)', ['Part B (private']],
    ['PART 2', ['PART 2']],
    ['*** PART B ***', ['PART B']],
    // A bracketed tag at the start of a subject or line marks the message.
    ["[PART B] Community centre - trust's bid", ['PART B']],
    ['RE: [Part 2] Disposal of land', ['Part 2']],
    ['Part B (not for publication)', ['Part B (not for publication']],
    // "Part 2" that is not an agenda heading.
    ['Part 2 of the report covers the consultation responses.', []],
    ['See Part 2 – Exempt for the figures.', []],
    ['Part 2', []],
    ['Part B of the form asks for your income.', []],
    ['See [Part 2] for the costs.', []],
    ['The partb exempt flag', []],
    // Near misses.
    ['Children under five are exempt from the charge.', []],
    ['The information will be published on Friday.', []],
    ['Schedule 12 of the contract sets out the payment terms.', []],
    ['Schedule 12AB is a typo', []],
    ['The public were excluded from the building during the fire alarm.', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores a Schedule 12A citation in running text, names the pattern and says why it is a mention', () => {
    const [match] = recognizer.find('The council said it was exempt under para 1, Schedule 12A.');
    expect(match).toMatchObject({
      score: 0.8,
      mention: true,
      explanation: { pattern: 'schedule-12a', note: 'in running text: talked about, not applied' },
    });
  });

  it('names a restriction notice about this document as applied', () => {
    const [match] = recognizer.find('Please note that this report is exempt under para 1, Schedule 12A.');
    expect(match).toMatchObject({ score: 0.8, explanation: { note: 'in running text, in a statement about this document' } });
    expect(match?.mention).toBeUndefined();
  });

  // Restriction notices as councils print them on reports, appendices and agendas: applied.
  it.each<[string, Verdict[]]>([
    [
      'NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972',
      [
        ['NOT FOR PUBLICATION', 'use'],
        ['paragraph 3 of Part 1 of Schedule 12A of the Local Government Act 1972', 'use'],
      ],
    ],
    [
      'Not for publication by virtue of paragraph 3of Part 1 of Schedule 12A of the Local Government Act 1972',
      [
        ['Not for publication', 'use'],
        ['paragraph 3of Part 1 of Schedule 12A of the Local Government Act 1972', 'use'],
      ],
    ],
    [
      midText('This report is not for publication because it contains exempt information as defined in paragraph 3 of Part 1 of Schedule 12A.'),
      [
        ['not for publication', 'use'],
        ['exempt information', 'use'],
        ['paragraph 3 of Part 1 of Schedule 12A', 'use'],
      ],
    ],
    [midText('Confidential appendix 2 – exempt from publication'), [['exempt from publication', 'use']]],
    [midText('The confidential appendix is exempt from publication.'), [['exempt from publication', 'use']]],
    [midText('Appendix 2 is exempt by virtue of paragraph 3.'), [['exempt by virtue of paragraph 3', 'use']]],
    [midText('Appendix 2 is exempt by virtue of paragraph 3 of Part 1 of Schedule 12A.'), [['exempt by virtue of paragraph 3 of Part 1 of Schedule 12A', 'use']]],
    [midText('Exempt information – Paragraph 3'), [['Exempt information', 'use']]],
    [midText('EXEMPT INFORMATION'), [['EXEMPT INFORMATION', 'use']]],
    [midText('Part 2 – Not for publication'), [['Part 2 – Not for publication', 'use']]],
    [midText('12. Part B (private)'), [['Part B (private', 'use']]],
    [midText('The item was taken after the exclusion of the press and public, as it contains exempt information.'), [
      ['exclusion of the press and public', 'use'],
      ['exempt information', 'use'],
    ]],
    ['Item 9 is para 1, Schedule 12A, so please wait.', [['para 1, Schedule 12A', 'use']]],
    [midText('Please find the exempt report for Thursday attached.'), [['exempt report', 'use']]],
    [midText('[PART B] Community centre bid'), [['PART B', 'use']]],
    // Quotation marks that close before the notice, or a blank line between, do not make it a quotation.
    ['He said "thanks".\nThe appendix is exempt by virtue of paragraph 3.', [['exempt by virtue of paragraph 3', 'use']]],
    ['"Draft\n\nThe appendix is exempt by virtue of paragraph 3."', [['exempt by virtue of paragraph 3', 'use']]],
    // An opening mark too far back to be sure of is not trusted to make a quotation (fail closed).
    [`"${'word '.repeat(400)}the appendix is exempt by virtue of paragraph 3."`, [['exempt by virtue of paragraph 3', 'use']]],
    // A resolution that ends without a full stop does not reach the banner or heading below it.
    [
      'RESOLVED that the public be excluded for the following item\n\nNOT FOR PUBLICATION\n\nPART B – EXEMPT ITEMS\n\n9. Disposal of land',
      [
        ['public be excluded', 'mention'],
        ['NOT FOR PUBLICATION', 'use'],
        ['PART B – EXEMPT', 'use'],
      ],
    ],
  ])('applied: %j → %j', (text, expected) => {
    expect(verdicts(recognizer, text)).toEqual(expected);
  });

  // Councils publish about exempt information all the time: found, but talked about.
  it.each<[string, Verdict[]]>([
    // Published minutes recording the resolution (Maldon District Council, see test/fixtures/markings/README.md).
    [
      'RESOLVED that under Section 100A(4) of the Local Government Act 1972 the public be excluded from the meeting for the following item of business on the grounds that it involves the likely disclosure of exempt information as defined in paragraph 3 of Part 1 of Schedule 12A',
      [
        ['Section 100A', 'mention'],
        ['public be excluded', 'mention'],
        ['exempt information', 'mention'],
        ['paragraph 3 of Part 1 of Schedule 12A', 'mention'],
      ],
    ],
    // The same resolution broken over blank lines, as copied from a web page (City of London).
    [
      'RESOLVED - That under Section 100(A) of the Local Government Act 1972, the\n\npublic be excluded from the meeting for the following items on the grounds that\n\nthey involve the likely disclosure of exempt information as defined in Part I of\n\nSchedule 12A of the Local Government Act.',
      [
        ['public be excluded', 'mention'],
        ['exempt information', 'mention'],
        ['Schedule 12A of the Local Government Act', 'mention'],
      ],
    ],
    ['RESOLVED that under section 100A(4) the press and public be excluded', [
      ['section 100A', 'mention'],
      ['press and public be excluded', 'mention'],
    ]],
    ['The Committee is asked to resolve that the press and public be excluded for item 9.', [['press and public be excluded', 'mention']]],
    // A published agenda's exclusion item.
    [midText('14. Exclusion of the press and public'), [['Exclusion of the press and public', 'mention']]],
    ['Exclusion of the Press and Public', [['Exclusion of the Press and Public', 'mention']]],
    ['The committee agreed the exclusion of the press and public for the next item.', [['exclusion of the press and public', 'mention']]],
    // A constitution's numbered heading over the Schedule 12A categories, and an FOI page heading.
    [midText('10. Exempt information'), [['Exempt information', 'mention']]],
    ['10.4 EXEMPT INFORMATION', [['EXEMPT INFORMATION', 'mention']]],
    [midText('Commonly exempt information'), [['exempt information', 'mention']]],
    // Running text that names no document of this message.
    ['The appendix contains exempt information about the bidders.', [['exempt information', 'use']]],
    ['Councils often mark reports not for publication when they are about staff.', [['not for publication', 'mention']]],
    ['There are seven categories of exempt information under Schedule 12A.', [
      ['exempt information', 'mention'],
      ['Schedule 12A', 'mention'],
    ]],
    ['The leaflet said “not for publication” in red.', [['not for publication', 'mention']]],
    // A published agenda's proposed resolution, in quotation marks (source in test/fixtures/judgement/cases/sources.ts).
    [
      'If the Council wishes to consider the remaining item in private, it will be appropriate for a resolution to be passed in the following terms: "that under Section 100A of the Local Government Act 1972 the press and public be excluded from the meeting for the following item(s) of business on the grounds that it involves the likely disclosure of exempt information as defined under paragraphs 1 to 7 of Part I of Schedule 12A to the Act."',
      [
        ['Section 100A', 'mention'],
        ['press and public be excluded', 'mention'],
        ['exempt information', 'mention'],
        ['Schedule 12A', 'mention'],
      ],
    ],
    // A decision record quoted over two lines (Slough Borough Council, test/fixtures/judgement/cases/sources.ts): the second sentence names "the Part II appendices" but is quoted too.
    [
      '"It is recommended that the Press and Public be excluded from the meeting during consideration of the item in Part 2 of the Agenda, as it involves the likely disclosure of exempt information as defined in Paragraph 3 of Part 1 of Schedule 12A.\n' +
        'The Part II appendices were considered and noted during Part I of the meeting, without disclosing any exempt information, therefore there was no requirement for the Cabinet to exclude press and public."',
      [
        ['Press and Public be excluded', 'mention'],
        ['exempt information', 'mention'],
        ['Paragraph 3 of Part 1 of Schedule 12A', 'mention'],
        ['exempt information', 'mention'],
      ],
    ],
  ])('talked about: %j → %j', (text, expected) => {
    expect(verdicts(recognizer, text)).toEqual(expected);
  });

  it.each(adversarialInputs('Schedule 12A paragraph'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  it.each<[string, string]>([
    ['1 MB without a line break', 'not for publication '.repeat(50_000)],
    ['paragraph numbers without the schedule', 'paragraph 1, '.repeat(80_000)],
    ['part headings without heading words', 'Part 2 '.repeat(150_000)],
    ['long runs of spaces between words', `Part${' '.repeat(500_000)}2`],
    ['many short lines', 'PART B ITEMS\n'.repeat(80_000)],
    ['resolutions without a full stop', 'RESOLVED that the public be excluded as exempt information '.repeat(15_000)],
    ['numbered headings', '10. Exempt information\n'.repeat(40_000)],
    ['paragraph citations without a schedule', 'exempt by virtue of paragraph 3 '.repeat(30_000)],
    ['notices inside one endless quotation', `"${'the appendix is not for publication '.repeat(25_000)}"`],
    ['notices after a quotation mark each', '"not for publication '.repeat(45_000)],
    ['bracketed tags', '[Part 2] '.repeat(100_000)],
  ])('returns on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
