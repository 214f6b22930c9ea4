// Who wrote a quoted block, read from the attribution line or the From field that introduces it.
// The shapes are those mail clients write; where a public page shows the shape, its URL is beside it.
import { describe, expect, it } from 'vitest';
import { authorOfAttribution, authorOfFromValue, findAddress, normaliseName } from '../../lib/message/attribution.ts';
import type { Author } from '../../lib/message/types.ts';

describe('authorOfAttribution', () => {
  it.each<[string, string, Author]>([
    // Gmail (UK locale) and Outlook on the web: date, "at" time, comma, name and address.
    ['Gmail, UK date', 'On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', { address: 'edith@example.com', name: 'Edith Clarke' }],
    // Gmail (US locale): no comma between the time and the name.
    ['Gmail, US date', 'On Wed, Oct 4, 2023 at 3:15 PM John Doe <john.doe@example.com> wrote:', { address: 'john.doe@example.com', name: 'John Doe' }],
    ['Gmail, address only', 'On Mon, 4 Mar 2024 at 10:15, <edith@example.com> wrote:', { address: 'edith@example.com' }],
    // Apple Mail: "On 3 Mar 2025, at 10:15, NAME <address> wrote:".
    ['Apple Mail', 'On 3 Mar 2025, at 10:15, Jane Smith <jane@example.org> wrote:', { address: 'jane@example.org', name: 'Jane Smith' }],
    ['weekday only', 'On Mon, Jo Bloggs <jo@example.org> wrote:', { address: 'jo@example.org', name: 'Jo Bloggs' }],
    // Thunderbird: numeric date and time, then the name alone.
    ['Thunderbird', 'On 04/03/2024 10:15, Edith Clarke wrote:', { name: 'Edith Clarke' }],
    ['Thunderbird, 12-hour clock', 'On 3/4/24 10:15 AM, Edith Clarke wrote:', { name: 'Edith Clarke' }],
    // Fastmail's default "On %a, %d %b %Y %H:%M %z, %+f wrote:"
    // (https://www.fastmail.com/help/send/replyattribution.html?domain=fastmail.fm).
    ['Fastmail', 'On Thu, 10 Sep 2009 3:15, Joe Bloggs wrote:', { name: 'Joe Bloggs' }],
    // Mutt, from a mailing-list archive (SourceForge mailchecker-developers, 2001:
    // http://veesta.com/p5/index.php?q=aHR0cHM6Ly9Tb3VyY2VGb3JnZS5uZXQvcC9tYWlsY2hlY2tlci9tYWlsbWFuL21haWxjaGVja2VyLWRldmVsb3BlcnMv).
    ['Mutt', 'On Thu, Oct 11, 2001 at 09:43:10PM -0400, Stuart D. Gathman wrote:', { name: 'Stuart D. Gathman' }],
    // MH's replcomps: "On <day> <month> <year> at <hh>:<mm>, <from> wrote:"
    // (http://demo1.faikvm.com/html/debian/pool/main/m/mh-book/mh-book_200605.orig.tar.gz:/tmp/tarfile_extract_di_4o_xa/MH-book-200605/examples/mh/Mail/replxcomps).
    ['MH', 'On 4 March 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', { address: 'edith@example.com', name: 'Edith Clarke' }],
    ['undated, name and address', 'Jane Smith <jane@example.org> wrote:', { address: 'jane@example.org', name: 'Jane Smith' }],
    ['undated, quoted "Surname, First"', '"Smith, Jane" <jane@example.org> wrote:', { address: 'jane@example.org', name: 'Smith, Jane' }],
    ['undated, address only', 'jane@example.org wrote:', { address: 'jane@example.org' }],
    ['an HTML link converted to text', 'Jane Smith <mailto:jane@example.org> wrote:', { address: 'jane@example.org', name: 'Jane Smith' }],
    ['address in capitals', 'On 3 Mar 2025, at 10:15, Jane Smith <Jane.Smith@Example.ORG> wrote:', { address: 'jane.smith@example.org', name: 'Jane Smith' }],
  ])('%s: %s', (_client, line, expected) => {
    expect(authorOfAttribution(line)).toEqual(expected);
  });

  it.each([
    ['not ending "wrote:"', 'On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> said:'],
    ['an address in a sentence, not before "wrote:"', 'I emailed bob@example.org and he wrote:'],
    ['undated without an address', 'Edith Clarke wrote:'],
    ['no name and no address', 'On Mon, 4 Mar 2024 at 10:15, wrote:'],
    ['too long to be an attribution', `On ${'x '.repeat(300)}Edith <edith@example.com> wrote:`],
  ])('names no author for %s', (_name, line) => {
    expect(authorOfAttribution(line)).toBeUndefined();
  });
});

describe('authorOfFromValue', () => {
  it.each<[string, string, Author | undefined]>([
    ['name and address', ' Jane Smith <jane@example.org>', { address: 'jane@example.org', name: 'Jane Smith' }],
    // Outlook desktop (older): "From: Jane Smith [mailto:jane@example.org]".
    ['Outlook mailto in brackets', ' Jane Smith [mailto:jane@example.org]', { address: 'jane@example.org', name: 'Jane Smith' }],
    // Outlook's plain text from HTML keeps the link target: "jane@…<mailto:jane@…>".
    ['Outlook address with its link', ' Jane Smith <jane@example.org<mailto:jane@example.org>>', { address: 'jane@example.org', name: 'Jane Smith' }],
    ['"Surname, First" in quotes', ' "Smith, Jane" <Jane.Smith@Example.org>', { address: 'jane.smith@example.org', name: 'Smith, Jane' }],
    ['Outlook with the name only', ' Jane Smith', { name: 'Jane Smith' }],
    ['Outlook "Surname, First" without an address', ' Smith, Jane', { name: 'Smith, Jane' }],
    ['address only', ' jane@example.org', { address: 'jane@example.org' }],
    ['address in angle brackets only', ' <jane@example.org>', { address: 'jane@example.org' }],
    ['empty', '', undefined],
    ['no letters', ' 12345', undefined],
  ])('%s', (_name, value, expected) => {
    expect(authorOfFromValue(value)).toEqual(expected);
  });
});

describe('findAddress', () => {
  it.each([
    ['jane@example.org', 'jane@example.org'],
    ['<JANE@EXAMPLE.ORG>.', 'jane@example.org'],
    ['mailto:jane@example.org', 'jane@example.org'],
    ['@ twitter and jane@example.org', 'jane@example.org'],
  ])('finds the address in %s', (text, address) => {
    expect(findAddress(text)?.address).toBe(address);
  });

  it.each(['no address', 'jane@localhost', 'jane@.org', '@example.org', 'jane@example..org'])('finds none in %s', (text) => {
    expect(findAddress(text)).toBeUndefined();
  });

  it('stays fast on long runs of address characters and @ signs', () => {
    const started = performance.now();
    findAddress(`${'a'.repeat(200_000)}@${'b'.repeat(200_000)}`);
    findAddress('a@'.repeat(100_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('normaliseName', () => {
  it.each([
    ['Jane  Smith', 'jane smith'],
    ['"Jane Smith"', 'jane smith'],
    [' JANE\tSMITH ', 'jane smith'],
    ['Zoë Fairbrother', 'zoë fairbrother'],
  ])('%s → %s', (name, expected) => {
    expect(normaliseName(name)).toBe(expected);
  });
});
