// Lists and tables of people with contact details, laid out as each reader renders them: CSV and
// plain lines, spreadsheet rows (cells joined by tabs, lib/message/attachments/xlsx.ts), HTML
// tables (one cell per line, lib/message/html-text.ts) and Word tables (one cell per paragraph,
// blank lines between, as mammoth writes them).
import { describe, expect, it } from 'vitest';
import { createPeopleList } from '../../../lib/detect/recognizers/people-list.ts';
import { RuleError } from '../../../lib/errors.ts';
import { adversarialInputs } from '../../helpers/match-spans.ts';
import { shippedSettings } from '../../helpers/recognizer-settings.ts';
import { shippedPolicy } from '../../helpers/shipped-policy.ts';

// The policy's lists (internal domains, name cues) reach the recognizer as the engine hands them over.
const context = { policy: shippedPolicy() };
const recognizer = createPeopleList(shippedSettings('people-list'), context);

const PEOPLE: Array<[string, string, string, string]> = [
  ['Margaret Okafor', '14 Abbey Road, West Bridgford NG2 5AB', '07700 900461', 'm.okafor@example.com'],
  ['John Whitfield', '3 Mill Lane, Ruddington NG11 6AA', '07700 900462', 'jwhitfield@example.org'],
  ['Priya Shah', '21 Rectory Road, West Bridgford NG2 7BB', '0115 496 0463', 'priya.shah@example.net'],
  ['Edward Clarke', '7 Church Lane, Keyworth NG12 5AB', '07700 900464', 'ted.clarke@example.com'],
];

const HEADER = ['Name', 'Address', 'Phone', 'Email'];

function lines(rows: string[][], cell: string, row: string): string {
  return rows.map((r) => r.join(cell)).join(row);
}

const csv = lines([HEADER, ...PEOPLE.slice(0, 3)].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c))), ',', '\n');
const sheet = `Canvass\n${lines([HEADER, ...PEOPLE.slice(0, 3)], '\t', '\n')}`;
const htmlTable = lines([HEADER, ...PEOPLE.slice(0, 3)], '\n', '\n');
const wordTable = `${lines([HEADER, ...PEOPLE.slice(0, 3)], '\n\n', '\n\n')}\n\n`;

function found(text: string): string[] {
  return recognizer.find(text).map((m) => m.explanation.note ?? '');
}

describe('people-list', () => {
  it.each<[string, string, string[]]>([
    ['CSV rows', csv, ['3 people with contact details']],
    ['spreadsheet rows', sheet, ['3 people with contact details']],
    ['an HTML table, one cell per line', htmlTable, ['3 people with contact details']],
    ['a Word table, one cell per paragraph', wordTable, ['3 people with contact details']],
    ['plain lines with one detail each', PEOPLE.map(([n, , p]) => `${n} - ${p}`).join('\n'), ['4 people with contact details']],
    ['first name and surname in cells of their own', 'First,Last,Phone\nMargaret,Okafor,07700 900461\nJohn,Whitfield,07700 900462\nPriya,Shah,07700 900463', ['3 people with contact details']],
    ['the name after the address', PEOPLE.slice(0, 3).map(([n, a, p]) => `${a}\t${n}\t${p}`).join('\n'), ['3 people with contact details']],
    ['titles and surnames', 'Mrs E Clarke 07700 900461\nMr R Patel 07700 900462\nMs J Reid 07700 900463', ['3 people with contact details']],
    ['names in running prose', 'Please call Margaret Okafor on 07700 900461, John Whitfield on 07700 900462 and Priya Shah on 0115 496 0463.', ['3 people with contact details']],
    ['two lists far apart', `${csv}\n${'The ward panel met on Tuesday. '.repeat(30)}\n${sheet}`, ['3 people with contact details', '3 people with contact details']],
    // Fewer than three people, or the same person again.
    ['two people', PEOPLE.slice(0, 2).map((r) => r.join(', ')).join('\n'), []],
    ['one person on three rows', 'Margaret Okafor, 07700 900461\nMargaret Okafor, m.okafor@example.com\nOKAFOR, Margaret, 14 Abbey Road NG2 5AB', []],
    // People without details, details without people, businesses, venues and council staff.
    ['an attendance list', 'Present: Margaret Okafor, John Whitfield, Priya Shah, Edward Clarke', []],
    ['addresses without names', '14 Abbey Road NG2 5AB\n16 Abbey Road NG2 5AB\n18 Abbey Road NG2 5AB\n20 Abbey Road NG2 5AB', []],
    ['venues', 'Victoria Hall, 2 Church Street, NG2 5AB, 0115 496 0100\nGrace Academy, 9 Mill Lane, NG2 6AA, 0115 496 0101\nAbbey Road Community Centre, NG2 7BB, 0115 496 0102', []],
    ['businesses', 'Bridgford Hardware Ltd 0115 496 0123\nRuby Way Motors Limited 0115 496 0124\nKingsley Florists Ltd 0115 496 0125', []],
    ['council officers', 'Sarah Brown, Planning, 0115 914 8000, sarah.brown@rushcliffe.gov.uk\nDavid Hill, Housing, 0115 914 8001, david.hill@rushcliffe.gov.uk\nEmma Jones, Waste, 0115 914 8002, emma.jones@rushcliffe.gov.uk', []],
    // A carried message's header block names its correspondents; it is not a list (a header from
    // the Perl MIME-tools test messages, mime4j-mimetools/frag.msg, had this shape).
    [
      "a forwarded message's address fields",
      'From: "Alan Price" <alan.price@example.com>\nTo: "Wayne Hart" <wayne.hart@example.com>, "Tim Boyd" <tim.boyd@example.com>,\n "Gary Jones" <gary.jones@example.com>\nCc: "Jo Reid" <jo.reid@example.com>\nSubject: Rota',
      [],
    ],
    // Names by their place in the row: the gazetteer lacks some first names, but a table's first
    // column is where names go. A mobile or an email with the name in it says it is a person.
    [
      'first names the gazetteer lacks, in an HTML table',
      'Name\nEmail\nPhone\nNia Roberts\nnia.roberts@example.com\n07700 900301\nSunil Mehta\nsunil.m@example.net\n0115 496 0302\nPrecious Adeyemi\nprecious.a@example.org\n0115 496 0303',
      ['3 people with contact details'],
    ],
    ['first names the gazetteer lacks, in CSV rows with mobiles', 'Nia Roberts, 07700 900301\nSunil Mehta, 07700 900302\nPrecious Adeyemi, 07700 900303', ['3 people with contact details']],
    ['services in first cells, with landlines', 'Pest Control, 0115 914 8000\nBulky Waste, 0115 914 8001\nGarden Waste, 0115 914 8002', []],
    ['services in first cells, with role addresses', 'Pest Control, pests@example.com\nBulky Waste, bulky@example.com\nGarden Waste, garden@example.com', []],
    // Addresses alone: a pasted recipient line of people's addresses is a list; a carried
    // message's header block, or a list of role addresses, is not.
    ['a pasted recipient line', 'They were all on this email:\n\nTo: jo.kerr@example.com; karen.holt@example.org; pauline.gray@example.com; d.ferris@example.com', ['4 people with contact details']],
    ['addresses listed in prose', 'I have spoken to karen.holt@example.org, pauline.gray@example.com and d.ferris@example.com about it.', ['3 people with contact details']],
    ['a carried header block without names', 'From: lewis.baxter@example.org\nSent: 4 June 2024 10:02\nTo: pauline.gray@example.com; d.ferris@example.com;\n j.kerr@example.com\nSubject: Licence', []],
    ['role addresses', 'To: planning.enquiries@example.com; mutt-users@example.org; info@example.net; bookings@example.com', []],
    ['people far apart in a letter', PEOPLE.slice(0, 3).map(([n, , p]) => `${n} rang about the bins on ${p}. ${'The ward panel met on Tuesday. '.repeat(15)}`).join('\n'), []],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('counts residents but not the officers listed with them', () => {
    const officers = 'Sarah Brown 0115 914 8000 sarah.brown@rushcliffe.gov.uk\nDavid Hill 0115 914 8001 david.hill@rushcliffe.gov.uk';
    expect(found(`${csv}\n${officers}`)).toEqual(['3 people with contact details']);
  });

  it('ends a list at its block: the signature below is not in it', () => {
    const body = 'To: karen.holt@example.org; pauline.gray@example.com; d.ferris@example.com\n\n';
    const text = `${body}-- \nCllr Daniel Okafor\nMobile: 07700 900734\n`;
    const matches = recognizer.find(text, [{ start: 0, end: body.length }, { start: body.length, end: text.length }]);
    expect(matches.map((m) => [m.start, m.end, m.explanation.note])).toEqual([[4, body.length - 2, '3 people with contact details']]);
  });

  it('counts a long list and spans it whole', () => {
    const first = ['Margaret', 'John', 'Priya', 'Edward', 'Susan', 'David', 'Helen', 'Peter', 'Fatima', 'George', 'Alice', 'Thomas'];
    const text = first.map((n, i) => `${n} Okafor\t${10 + i} Abbey Road NG2 5AB\t07700 9004${10 + i}`).join('\n');
    const [match, ...rest] = recognizer.find(text);
    expect(rest).toEqual([]);
    expect(match?.explanation.note).toBe('12 people with contact details');
    expect([match?.start, match?.end]).toEqual([0, text.length]);
  });

  it('explains without quoting anyone', () => {
    const [match] = recognizer.find(csv);
    const said = JSON.stringify(match?.explanation);
    for (const value of PEOPLE.flat().flatMap((v) => v.split(/[ ,]+/))) {
      if (value.length > 3) expect(said).not.toContain(value);
    }
  });

  it('takes the council domains from the policy', () => {
    const staff = createPeopleList(shippedSettings('people-list'), { policy: { ...context.policy, internalDomains: [] } });
    const officers = 'Sarah Brown, 0115 914 8000, sarah.brown@rushcliffe.gov.uk\nDavid Moss, 0115 914 8001, david.moss@rushcliffe.gov.uk\nEmma Jones, 0115 914 8002, emma.jones@rushcliffe.gov.uk';
    expect(staff.find(officers)).toHaveLength(1);
    expect(recognizer.find(officers)).toEqual([]);
  });

  it('rejects unknown options', () => {
    expect(() => createPeopleList(shippedSettings('people-list', { options: { minPeople: 3, peopel: 1 } }), context)).toThrow(RuleError);
    // The name lists live in the policy only.
    expect(() => createPeopleList(shippedSettings('people-list', { options: { firstNames: ['Nia'] } }), context)).toThrow(RuleError);
  });

  it('takes first names and place words from the policy', () => {
    const text = 'Zorba Kell, 0115 496 0301\nZorba Vance, 0115 496 0302\nZorba Reid, 0115 496 0303';
    const names = context.policy.personCues.names;
    const withZorba = { ...context.policy, personCues: { ...context.policy.personCues, names: { ...names, firstNames: [...names.firstNames, 'Zorba'] } } };
    expect(recognizer.find(text)).toEqual([]);
    expect(createPeopleList(shippedSettings('people-list'), { policy: withZorba }).find(text)).toHaveLength(1);
  });

  it.each(adversarialInputs('Margaret Okafor 07700 900461'))('returns promptly on %s', (_name, text) => {
    expect(Array.isArray(recognizer.find(text))).toBe(true);
  });

  it('returns promptly on a huge list', () => {
    const first = ['Margaret', 'John', 'Priya', 'Edward', 'Susan', 'David', 'Helen', 'Peter', 'Fatima', 'George'];
    const last = ['Okafor', 'Whitfield', 'Shah', 'Clarke', 'Reid', 'Patel', 'Brown', 'Jones', 'Evans', 'Khan'];
    const row = (i: number): string => `${first[i % 10]!} ${last[Math.floor(i / 10) % 10]!}\t${i} Abbey Road NG2 5AB\t07700 9${String(i).padStart(5, '0')}`;
    const text = Array.from({ length: 20_000 }, (_v, i) => row(i)).join('\n');
    expect(found(text)).toEqual(['100 people with contact details']);
  });
});
