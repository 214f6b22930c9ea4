import { describe, expect, it } from 'vitest';
import { createExemptInformation } from '../../../lib/detect/recognizers/exempt-information.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

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
    [
      'Exempt under Paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.',
      ['Paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972'],
    ],
    ['Item 9 is para 1, Schedule 12A, so please wait.', ['para 1, Schedule 12A']],
    ['under Schedule 12A of the Local Government Act', ['Schedule 12A of the Local Government Act']],
    ['exempt by virtue of paragraph 1 of schedule 12a', ['paragraph 1 of schedule 12a']],
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
    ['Part B (not for publication)', ['Part B (not for publication']],
    // "Part 2" that is not an agenda heading.
    ['Part 2 of the report covers the consultation responses.', []],
    ['See Part 2 – Exempt for the figures.', []],
    ['Part 2', []],
    ['Part B of the form asks for your income.', []],
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

  it('scores a Schedule 12A citation in running text and names the pattern', () => {
    const [match] = recognizer.find('This is exempt under para 1, Schedule 12A.');
    expect(match).toMatchObject({ score: 0.8, explanation: { pattern: 'schedule-12a', note: 'in running text' } });
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
  ])('returns on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
