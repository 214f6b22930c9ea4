import { describe, expect, it } from 'vitest';
import { createNhsNumber, nhsNumberValid } from '../../../lib/detect/recognizers/nhs-number.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const recognizer = createNhsNumber(shippedSettings('nhs-number'));

describe('nhs-number', () => {
  it.each<[string, string[]]>([
    // Valid check digit with a health word near.
    ['NHS number 401 023 2137', ['401 023 2137']],
    ['NHS_4010232137_letter.pdf', ['4010232137']],
    ['Patient 401-023-2137 was discharged.', ['401-023-2137']],
    ['GP: 4010232137', ['4010232137']],
    ['Her hospital record (943 476 5919) is wrong', ['943 476 5919']],
    ['NHS nos 401 023 2137, 943 476 5919', ['401 023 2137', '943 476 5919']],
    // Same number, no health word: not counted.
    ['Reference 401 023 2137', []],
    ['4010232137', []],
    // Invalid check digit, or a check digit that would be 10.
    ['NHS number 401 023 2138', []],
    ['NHS number 100 000 0010', []],
    // All the same digit passes modulus 11 but is a placeholder.
    ['NHS number 777 777 7777', []],
    ['NHS number 000 000 0000', []],
    // Mixed separators or another grouping: a reader still reads the ten digits as one number.
    ['NHS number 401 023-2137', ['401 023-2137']],
    ['NHS number 4010 23 2137', ['4010 23 2137']],
    ['NHS number 401.023.2137', ['401.023.2137']],
    ['NHS number 401 023\n> 2137', ['401 023\n> 2137']],
    // A date and an hour are ten digits too.
    ['GP appointment on 12/03/2024 10:30', []],
    // Part of a longer number.
    ['NHS number 40102321370', []],
    ['NHS number 1 401 023 2137', []],
    ['NHS number 401 023 2137 5', []],
    ['NHS numberA4010232137', []],
    // A hospital ward is named by its number ("Ward 7", "Ward C23"); a councillor's ward by its
    // name, so "ward" alone is not a health word.
    ['She is on Ward 7 at QMC; her number is 401 023 2137.', ['401 023 2137']],
    ['Moved to ward C23 yesterday, 943 476 5919', ['943 476 5919']],
    ['Her GP surgery has 401 023 2137 on file.', ['401 023 2137']],
    ['She has had surgery and goes to outpatients; 401 023 2137', ['401 023 2137']],
    // Council words that are not health words: the ward, the ward surgery, environmental
    // health, health and safety, discharging conditions or a housing duty, referrals.
    ['Ward councillors: council tax account 4010232137 is in arrears.', []],
    ['At my ward surgery on Saturday Mr Khan gave me 401 023 2137 as his account.', []],
    ['Abbey ward budget: order 401 023 2137 approved.', []],
    ['Environmental health complaint 4010232137 about noise.', []],
    ['Health and safety inspection ref 401 023 2137.', []],
    ['Application to discharge condition 4, ref 4010232137.', []],
    ['The council has discharged its housing duty, case 4010232137.', []],
    ['Referral to Early Help, case 4010232137.', []],
    ['At my advice clinic Mr Khan gave me 401 023 2137 as his account.', []],
    ['Ward 2025 budget line 4010232137', []],
    // Wording of a council's guide for members (members.lbbd.gov.uk/lbbd/your-ward/councillor-surgeries),
    // with a purchase order number of NHS shape.
    ['Members Ward Surgery Booklet and Surgery Premises Health and Safety Checklist, PO 4010232137', []],
    // Near-misses: phone numbers and invoice totals near a health word.
    ['The GP surgery is on 0115 981 9911', []],
    ['Hospital invoice total £4,010,232.13', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('scores a valid number 1.0 and names the check and the context word', () => {
    const [match] = recognizer.find('NHS number: 401 023 2137');
    expect(match).toMatchObject({ score: 1, explanation: { validated: true, contextWord: 'nhs number' } });
  });

  it('needs the health word inside the context window', () => {
    const far = `NHS ${'x'.repeat(120)} 401 023 2137`;
    expect(matchedText(recognizer, far)).toEqual([]);
    const wide = createNhsNumber(shippedSettings('nhs-number', { contextWindow: 200 }));
    expect(matchedText(wide, far)).toEqual(['401 023 2137']);
  });

  it('names a ward by the phrase, not by its number', () => {
    const [match] = recognizer.find('On Ward 7: 401 023 2137');
    expect(match?.explanation.contextWord).toBe('ward <number>');
  });

  it.each<[string, boolean]>([
    ['401 023 2137', true],
    ['401-023-2137', true],
    ['401 023 2138', false],
    ['7777777777', false],
  ])('nhsNumberValid(%j) → %s', (value, valid) => {
    expect(nhsNumberValid(value)).toBe(valid);
  });

  it.each(adversarialInputs('NHS patient'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
