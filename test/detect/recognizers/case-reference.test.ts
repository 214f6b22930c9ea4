import { describe, expect, it } from 'vitest';
import { createCaseReference } from '../../../lib/detect/recognizers/case-reference.ts';
import type { RecognizerSettings } from '../../../lib/detect/types.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs, matchedText } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';

const shipped = shippedSettings('case-reference');
const recognizer = createCaseReference(shipped);

function withOptions(options: Record<string, unknown>): RecognizerSettings {
  return { ...shipped, options: { ...shipped.options, ...options } };
}

describe('case-reference', () => {
  it.each<[string, string[]]>([
    // Councillor casework format, as a whole word only.
    ['Thanks for your help with CW-2024-00123, Mrs Khan is grateful.', ['CW-2024-00123']],
    ['(CW-2024-00123)', ['CW-2024-00123']],
    ['Re: CW-2024-00123.', ['CW-2024-00123']],
    ['"cw-2024-00123"', ['cw-2024-00123']],
    ['CW-2024-00123 and CW-2025-00007', ['CW-2024-00123', 'CW-2025-00007']],
    ['xCW-2024-00123', []],
    ['CW-2024-001234', []],
    ['CW-2024-00123x', []],
    ['CW-2024-0012', []],
    ['ACW-2024-00123-B', []],
    ['CW-24-00123', []],
    // Any reference introduced by an introducer.
    ['Our ref: ABC/123/45. I have chased housing again.', ['ABC/123/45']],
    ['Complaint ref 2024-1187 has gone to stage 2.', ['2024-1187']],
    ['case ref. no. 77812', ['77812']],
    ['Casework reference: HSG/2024/113', ['HSG/2024/113']],
    ['Enquiry ref #55102', ['55102']],
    ['OUR REF:\nHSG-991', ['HSG-991']],
    ['our ref is 4471-B', ['4471-B']],
    // ... but not words without a digit, the other side's reference, or a distant token.
    ['Our ref is attached to the letter.', []],
    ['Our ref: see above', []],
    ['Your ref: ABC/123/45', []],
    ['Our ref:                 ABC/123/45', []],
    // Council tax and housing benefit after their words.
    ['Her council tax account number is 12345678 and the bill is wrong.', ['12345678']],
    ['Council Tax account no. 1234567890', ['1234567890']],
    ['CTAX ref: 87654321', ['87654321']],
    ['Could you look at HB claim HB1234567? It has been six weeks.', ['HB1234567']],
    ['housing benefit claim ref 20241187', ['20241187']],
    ['council tax account 1234567', []],
    ['council tax account 12345678901', []],
    ['The council tax account page explains how to pay.', []],
    ['Her HB claim PENDING status', []],
    ['HB claim submitted yesterday', []],
    ['12345678', []],
    // Public references are never casework, even after "our ref".
    ['Planning application 24/00873/FUL goes to committee.', []],
    ['Our ref: 24/00873/FUL. The application will be decided by committee.', []],
    ['Our ref: INV-004512', []],
    ['Invoice 20240517 for the room hire is attached.', []],
    ['Please quote committee report number CAB/24/017.', []],
    // Benefit and council tax references written prefix, slash, number, as on council letters
    // and in their subject lines ("Our ref: HB/CTR 512345678").
    ['Her claim HB/123456 was suspended in March.', ['HB/123456']],
    ['CTR/1234567 is the council tax reduction claim.', ['CTR/1234567']],
    ['Please check CT/12345678 for the arrears.', ['CT/12345678']],
    ['Re: ctr-512345678 and CTS/5123456', ['ctr-512345678', 'CTS/5123456']],
    ['The DHP/204518 award ran out.', ['DHP/204518']],
    // Claim numbers after their words: all digits, six to ten of them.
    ['Her claim number is 512345678.', ['512345678']],
    ['Council tax reduction claim ref 1004518', ['1004518']],
    // ... but not public references of a similar shape, or too few digits.
    ['HB/1234 and CT/12', []],
    ['Report CT/24/017 goes to Cabinet.', []],
    ['Application 24/00873/FUL and appeal APP/P3040/W/24/3341234', []],
    ['The claim number field is blank.', []],
    ['HB claim HB/123456/2024 was closed.', ['HB/123456/2024']],
    // References in attachment and document names: the extension and underscores are not part
    // of the reference.
    ['Casework CW-2025-01873.pdf', ['CW-2025-01873']],
    ['CW-2025-01873_letter.docx', ['CW-2025-01873']],
    ['Attached: letter_CW-2025-01873_v2.docx', ['CW-2025-01873']],
    ['scan_HB-123456.PDF', ['HB-123456']],
    ['Our ref: ABC/123/45.pdf', ['ABC/123/45.pdf']],
    ['24_00873_FUL-decision.pdf and INV-004512.pdf', []],
    ['report-v2.1.docx', []],
  ])('%j → %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('explains which format matched and the introducing phrase', () => {
    const [format] = recognizer.find('CW-2024-00123');
    const [introducedRef] = recognizer.find('Our  Ref: ABC/123/45');
    const [afterWords] = recognizer.find('HB claim HB1234567');
    expect(format).toMatchObject({ score: 0.9, explanation: { pattern: 'councillor-casework' } });
    expect(introducedRef).toMatchObject({ score: 0.8, explanation: { pattern: 'introduced-reference', contextWord: 'our ref' } });
    expect(afterWords).toMatchObject({ explanation: { pattern: 'housing-benefit-claim', contextWord: 'hb claim' } });
  });

  it('reports a reference matched two ways once, by its format', () => {
    const found = recognizer.find('Our ref: CW-2024-00123');
    expect(found).toHaveLength(1);
    expect(found[0]?.explanation.pattern).toBe('councillor-casework');
  });

  it('keeps a format match after words that introduce public references; a notCasework pattern excludes it', () => {
    // "Invoice CW-2024-00123" is still a casework reference to whoever reads it: the words before
    // a reference cannot make the council's own format public. Public shapes are excluded by pattern.
    const broad = createCaseReference(
      withOptions({
        formats: [{ name: 'legacy-case', pattern: '[A-Z]{2,4}/\\d{2,4}/\\d{1,4}' }],
        notCasework: [{ name: 'committee-report', pattern: 'CAB/\\d{2}/\\d{1,4}' }],
      }),
    );
    expect(matchedText(broad, 'Legacy case HSG/24/17 and report no CAB/24/17 and invoice number ACC/24/17')).toEqual(['HSG/24/17', 'ACC/24/17']);
  });

  it.each<[string, string[]]>([
    ['Thanks re CW 2024 00123.', ['CW 2024 00123']],
    ['Re CW/2024/00123 please', ['CW/2024/00123']],
    ['CW202400123 update', ['CW202400123']],
    ['case CW-2024-\n00123 next', ['CW-2024-\n00123']],
    ['Invoice CW-2024-00123 attached', ['CW-2024-00123']],
    ['Her council tax account number is 1234 5678.', ['1234 5678']],
    ['HB 512345678 was stopped', ['HB 512345678']],
    // Five digits at least in one group: a committee report split by slashes is not a claim.
    ['Report CT/24/017 goes to Cabinet', []],
    ['In 2024 12345 people were housed', []],
  ])('finds a reference spread over groups or written solid: %j', (text, expected) => {
    expect(matchedText(recognizer, text)).toEqual(expected);
  });

  it('respects ignoreCase per format', () => {
    const strict = createCaseReference(withOptions({ formats: [{ name: 'strict', pattern: 'CW-\\d{4}-\\d{5}' }] }));
    expect(matchedText(strict, 'cw-2024-00123 CW-2024-00123')).toEqual(['CW-2024-00123']);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a nested quantifier', { formats: [{ name: 'bad-nested', pattern: '(\\d{1,3})+' }] }, /formats\[bad-nested\]\.pattern: pattern refused: .*open-ended/],
    ['a repeated group with a repetition', { formats: [{ name: 'bad-group', pattern: '(?:\\d{1,3}-){1,4}' }] }, /formats\[bad-group\]\.pattern: .*repeated group contains a repetition/],
    ['repeated alternatives', { notCasework: [{ name: 'bad-alt', pattern: '(?:a|a){1,9}' }] }, /notCasework\[bad-alt\]\.pattern: .*alternatives/],
    ['a backreference', { formats: [{ name: 'bad-backref', pattern: '(\\d)\\1' }] }, /formats\[bad-backref\]\.pattern: .*backreference/],
    ['a lookahead', { formats: [{ name: 'bad-look', pattern: '(?=CW)CW\\d{5}' }] }, /formats\[bad-look\]\.pattern: .*lookahead/],
    ['an invalid pattern', { formats: [{ name: 'bad-syntax', pattern: 'CW-(\\d{4}' }] }, /formats\[bad-syntax\]\.pattern: .*not a valid regular expression/],
    ['spaces in a pattern', { formats: [{ name: 'bad-space', pattern: '\\d{4} \\d{4}' }] }, /formats\[bad-space\]\.pattern: .*cannot contain spaces/],
    ['a duplicate name', { formats: [{ name: 'twice', pattern: 'A\\d' }, { name: 'twice', pattern: 'B\\d' }] }, /formats\[twice\]\.name: the name 'twice' is already used by item 1/],
    ['an unknown key', { formats: [{ name: 'typo', patern: 'A\\d' }] }, /options\.formats\[typo\]\.patern: unknown setting/],
    ['a badly written name', { formats: [{ name: 'Bad Name', pattern: 'A\\d' }] }, /options\.formats\[Bad Name\]\.name: format names are lower-case/],
  ])('refuses %s with a RuleError naming the format', (_what, options, message) => {
    expect(() => createCaseReference(withOptions(options))).toThrow(RuleError);
    expect(() => createCaseReference(withOptions(options))).toThrow(message);
  });

  it.each(adversarialInputs('our ref'))('returns on adversarial input: %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  it.each<[string, string]>([
    ['1 MB without a space', 'CW-2024-00123'.repeat(80_000)],
    ['many introducers', 'our ref: '.repeat(120_000)],
    ['introducers with long tokens', `our ref ${'1'.repeat(100)} `.repeat(10_000)],
    ['long runs of dashes and slashes', `council tax account ${'-/'.repeat(300_000)}`],
    ['many references', 'CW-2024-00123 HB claim HB1234567 '.repeat(30_000)],
    ['many file names', 'a_1_b_2.pdf '.repeat(80_000)],
    ['underscores without a space', `${'_1'.repeat(300_000)}.pdf`],
  ])('returns on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });
});
