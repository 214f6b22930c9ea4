// Personal names with the shipped rule lists: what the name finder takes for a person, and what it
// must take for a street, a venue, a town or a committee. Several lines come from published
// council minutes and parish newsletters (sources beside them), where names and places mix.
import { describe, expect, it } from 'vitest';
import { createNameFinder } from '../../lib/detect/person-names.ts';
import { adversarialInputs } from '../helpers/match-spans.ts';
import { shippedPolicy } from '../helpers/shipped-policy.ts';

const policy = shippedPolicy();
const finder = createNameFinder({
  ...policy.personCues.names,
  titles: policy.personCues.titles,
  placeWords: [...policy.personCues.names.placeWords, ...policy.organisationCues.flatMap((c) => c.split(/\s+/))],
});

function names(text: string): string[] {
  return finder.find(text).map((n) => text.slice(n.start, n.end));
}

describe('person names', () => {
  it.each<[string, string, string[]]>([
    ['first name and surname', 'Margaret Okafor, 14 Abbey Road', ['Margaret Okafor']],
    ['with a middle initial', 'Margaret A. Okafor called', ['Margaret A. Okafor']],
    ['title, first name and surname', 'My neighbour Mrs Edith Clarke lives at', ['Mrs Edith Clarke']],
    ['title and initials', 'Cllr Mr A H Porter (Chair)', ['Mr A H Porter']],
    ['surname first, in capitals', 'OKAFOR, Margaret', ['OKAFOR, Margaret']],
    ['spreadsheet cells', 'Margaret\tOkafor\t14 Abbey Road', ['Margaret\tOkafor']],
    ['CSV cells', 'Margaret,Okafor,14 Abbey Road', ['Margaret,Okafor']],
    ['added first names', 'Priya Shah and Niamh Doyle', ['Priya Shah', 'Niamh Doyle']],
    // https://moderngov.southwark.gov.uk/mgAi.aspx?ID=19436
    [
      'names in minutes',
      'There were apologies for absence from Councillors Lorraine Lauder MBE (due to mayoral business), and Darren Merrill',
      ['Lorraine Lauder', 'Darren Merrill'],
    ],
    // http://meetings.eastkenthousing.org.uk/ieListDocuments.aspx?MId=12136
    ['a contact line', 'Contact: Josie Newman  01227 862 009', ['Josie Newman']],
    // Streets, venues, towns and events: a first name among place words is not a person.
    ['a street after a house number', '14 Abbey Road, West Bridgford', []],
    ['a street named after a person', 'the corner of Will Scarlet Close', []],
    ['a street without a number', 'parking on Grace Street and Mary Street', []],
    ['a hall', 'The meeting is at Victoria Hall', []],
    ['a school', 'outside Grace Academy', []],
    ['a hospital', 'the Florence Nightingale Hospital', []],
    ['a town', 'West Bridgford and Kingsley', []],
    ['a month', 'In May Cllr Porter said', []],
    ['a first name alone', 'Tony attended the last meeting', []],
    ['a sentence start', 'May I ask about the bins?', []],
    // https://www.fordbankresidents.org.uk/ward-coordination-meeting/
    ['a park and a company', 'Christmas Fair to be held at Parsonage Trust', []],
    ['capitals inside a word', 'McDonald and O’Brien', []],
  ])('%s', (_name, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['a first name the gazetteer lacks, alone on its line', 'Name\nEmail\nNia Roberts\nnia.roberts@example.com', ['Nia Roberts']],
    ['the first cell of a CSV line', 'Precious Adeyemi, Flat 6, 10 Mona Road', ['Precious Adeyemi']],
    ['a gazetteer name is found as before', 'Graham Ince\t07700 900302', ['Graham Ince']],
    ['not in the middle of a line', 'We met Nia Roberts, who', []],
    ['not a place', 'Gamston Community Centre, 0115 496 0501', []],
    ['not three words', 'Edwalton Golf Club function room', []],
    ['not after a title', 'Mr Adeyemi, Flat 6', ['Mr Adeyemi']],
  ])('row names: %s', (_name, text, expected) => {
    const byRow = createNameFinder({ ...policy.personCues.names, titles: policy.personCues.titles, rowNames: true });
    expect(byRow.find(text).map((n) => text.slice(n.start, n.end))).toEqual(expected);
  });

  it('gives a row name only when asked', () => {
    expect(names('Nia Roberts\nnia.roberts@example.com')).toEqual([]);
  });

  it('gives one key to a name however it is written', () => {
    const keys = ['Margaret Okafor', 'OKAFOR, Margaret', 'Margaret\tOkafor'].map((t) => finder.find(t)[0]?.key);
    expect(new Set(keys)).toEqual(new Set(['margaret okafor']));
  });

  it('looks only in the regions it is given', () => {
    const text = `Margaret Okafor ${'x'.repeat(500)} John Whitfield`;
    const start = text.indexOf('John');
    expect(finder.find(text, [{ start, end: text.length }]).map((n) => text.slice(n.start, n.end))).toEqual(['John Whitfield']);
  });

  it.each(adversarialInputs('Margaret'))('returns promptly on %s', (_name, text) => {
    expect(Array.isArray(finder.find(text))).toBe(true);
  });

  it('returns promptly on a long run of capitalised first names', () => {
    expect(finder.find('Margaret '.repeat(20_000)).length).toBeGreaterThan(0);
  });
});
