// Lists and tables of people with their contact details: a canvass sheet, a visit list, a CSV of
// residents, a spreadsheet or a Word or HTML table of names with addresses, phone numbers or
// emails. One person's details in a letter are the contact-profile rule's business; several
// people's in one list is a disclosure of its own, whatever words surround it.
//
// A list is found from its shape, not from headings: personal names (lib/detect/person-names.ts),
// each with a contact detail of its own near it, one person after another. Readers lay tables out
// differently (a spreadsheet row on one line with tabs, an HTML or Word table one cell per line),
// so a detail belongs to the name on its own line, else to the name before it (a record starts with
// its name in most lists), else to the name after it. A person with several rows counts once.
//
// The address fields of a carried message ("To: Wayne Price <wayne@…>, Tim Spayner <tim@…>, …")
// name its correspondents: they are not a list.
//
// Council staff lists are not residents' data: a person whose details include an email address at
// one of `organisationalDomains` is reached at work, and is not counted. This is decided here rather
// than in the policy because only here is it known which details belong to which person; the
// policy's own list of internal domains is not visible to recognizers, so the shipped rules name the
// council's domain in both places. Venues and businesses are not counted either: a name among
// place words ("Victoria Hall", "Abbey Road") is not a personal name.
//
// Cost: details are found by one pass of bounded patterns (emails only around an '@'); names are
// looked for only around details that stand close enough together to form a list, so ordinary mail,
// with a detail here and there, costs one scan.
import { z } from 'zod';
import { createNameFinder, type PersonName } from '../person-names.ts';
import { readOptions } from '../recognizer-options.ts';
import { anchorsOf, matchesIn, regionsAround, type Region } from '../regions.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';
import { EMAIL_REGEX } from './email-address.ts';

const TYPE = 'people-list';

const OptionsSchema = z.strictObject({
  /** People needed in one list. */
  minPeople: z.number().int().min(2).max(100).default(3),
  /** Most characters between one person's details and the next person in the same list. */
  maxGap: z.number().int().min(20).max(2000).default(300),
  /** Most characters between a contact detail and its person's name. */
  reach: z.number().int().min(20).max(1000).default(200),
  /** Email domains (and their subdomains) of the council's own staff. */
  organisationalDomains: z.array(z.string().min(1)).default([]),
  /** Titles that make the next capitalised word a surname ("Mrs E Clarke"). */
  titles: z.array(z.string().min(1)).default([]),
  /** First names to add to the built-in list. */
  firstNames: z.array(z.string().min(1)).default([]),
  /** Built-in first names that are more often ordinary words ("West", "Park"). */
  notFirstNames: z.array(z.string().min(1)).default([]),
  /** Words that make capitalised words a street, building or body ("Road", "Hall", "Ltd"). */
  placeWords: z.array(z.string().min(1)).default([]),
});

/**
 * UK phone numbers as lists write them (national or +44), and postcodes. Each repetition is bounded
 * and the boundaries are checked in code on the characters either side.
 */
const PHONE = String.raw`(?:\+44 ?(?:\(0\) ?)?|\(?0)\d{2,4}\)?[ -]?\d{3,4}(?:[ -]?\d{3,4})?(?!\d)`;
const POSTCODE = String.raw`[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}`;
const DIGIT_DETAIL = new RegExp(`${PHONE}|${POSTCODE}`, 'g');
const UK_NATIONAL_DIGITS = new Set([10, 11]);
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
/** An email address reaches at most this far either side of its '@'. */
const EMAIL_REACH = 64 + 8 * 64 + 64;
/**
 * The address fields of a message carried in the text (a forward's or reply's header block, quoted
 * or not): the people there are that message's correspondents, not a list someone drew up. The
 * field names are the message format's own, not a setting.
 */
const ADDRESS_FIELD = /^[ \t>]{0,12}\*?(?:from|to|cc|bcc|reply-to) ?:/i;
/** A list of named people, each with a detail of their own, is what it looks like. */
const SCORE = 0.85;

interface Detail {
  start: number;
  end: number;
  /** An email address at an organisational domain. */
  organisational: boolean;
}

interface Person {
  name: PersonName;
  details: Detail[];
}

function isPhoneOrPostcode(text: string, start: number, end: number): boolean {
  if (start > 0 && ALPHANUMERIC.test(text[start - 1]!)) return false;
  if (end < text.length && ALPHANUMERIC.test(text[end]!)) return false;
  const value = text.slice(start, end);
  if (!/^[+(]?\d/.test(value)) return true; // a postcode
  const digits = value.replace(/\D/g, '');
  const national = digits.startsWith('44') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
  return UK_NATIONAL_DIGITS.has(national.length);
}

/**
 * The details not in a carried message's address fields. Details come sorted, so one walk forward
 * over the line breaks finds each detail's line: linear, even in a text without line breaks.
 */
function outsideAddressFields(text: string, details: readonly Detail[]): Detail[] {
  const out: Detail[] = [];
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  for (const d of details) {
    while (nextBreak !== -1 && nextBreak < d.start) {
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    if (!ADDRESS_FIELD.test(text.slice(lineStart, Math.min(d.start, lineStart + 40)))) out.push(d);
  }
  return out;
}

function atDomain(address: string, domains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Details close enough together to be part of a list of `min` people: runs of `min` or more. */
function clustered(details: readonly Detail[], min: number, gap: number): Detail[] {
  const out: Detail[] = [];
  let run: Detail[] = [];
  for (const d of details) {
    const last = run[run.length - 1];
    if (last && d.start - last.end > gap) {
      if (run.length >= min) out.push(...run);
      run = [];
    }
    run.push(d);
  }
  if (run.length >= min) out.push(...run);
  return out;
}

export function createPeopleList(settings: RecognizerSettings): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  const domains = options.organisationalDomains.map((d) => d.toLowerCase().replace(/^@/, ''));
  const names = createNameFinder(options);

  function detailsIn(text: string): Detail[] {
    const details: Detail[] = [];
    DIGIT_DETAIL.lastIndex = 0;
    for (const m of text.matchAll(DIGIT_DETAIL)) {
      const end = m.index + m[0].length;
      if (isPhoneOrPostcode(text, m.index, end)) details.push({ start: m.index, end, organisational: false });
    }
    const ats = anchorsOf(text, /@/g);
    if (ats.length > 0) {
      for (const m of matchesIn(text, EMAIL_REGEX, regionsAround(ats, EMAIL_REACH, text.length, 64))) {
        const start = m.absoluteIndex + m.index;
        details.push({ start, end: start + m[0].length, organisational: atDomain(m[0], domains) });
      }
    }
    return outsideAddressFields(text, details.sort((a, b) => a.start - b.start));
  }

  /** The name a detail belongs to: on its own line (the one before it first), else the one before it, else the one after. */
  function owner(text: string, found: readonly PersonName[], detail: Detail): number | undefined {
    // Names are few around any one detail: find the nearest either side by binary search.
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (found[mid]!.end <= detail.start) lo = mid + 1;
      else hi = mid;
    }
    const before = lo - 1 >= 0 && detail.start - found[lo - 1]!.end <= options.reach ? lo - 1 : undefined;
    const after = lo < found.length && found[lo]!.start >= detail.end && found[lo]!.start - detail.end <= options.reach ? lo : undefined;
    const sameLine = (i: number | undefined, from: number, to: number): boolean => i !== undefined && !text.slice(from, to).includes('\n');
    const beforeOnLine = before !== undefined && sameLine(before, found[before]!.end, detail.start);
    const afterOnLine = after !== undefined && sameLine(after, detail.end, found[after]!.start);
    // Reading order: "Margaret Okafor on 07700 900461, John Whitfield on …" gives each name the
    // detail after it, however near the next name is.
    if (beforeOnLine) return before;
    if (afterOnLine) return after;
    return before ?? after;
  }

  /** One match per run of counted people close enough together, when it names enough people. */
  function listsOf(people: Person[]): Match[] {
    const matches: Match[] = [];
    let keys = new Set<string>();
    let start = 0;
    let end = -Infinity;
    const close = (): void => {
      if (keys.size >= options.minPeople) {
        const note = `${keys.size} people with contact details`;
        matches.push({ start, end, score: SCORE, explanation: { pattern: 'people-with-contact-details', baseScore: SCORE, note } });
      }
      keys = new Set();
    };
    for (const person of people) {
      if (person.details.length === 0 || person.details.some((d) => d.organisational)) continue;
      let first = person.name.start;
      let last = person.name.end;
      for (const d of person.details) {
        first = Math.min(first, d.start);
        last = Math.max(last, d.end);
      }
      if (keys.size > 0 && first - end > options.maxGap) close();
      if (keys.size === 0) start = first;
      keys.add(person.name.key);
      end = Math.max(end, last);
    }
    close();
    return matches;
  }

  return {
    name: TYPE,
    type: TYPE,
    category: 'personal',
    why: 'A list of people with their addresses, phone numbers or emails discloses every one of them at once.',
    find(text: string): Match[] {
      const details = clustered(detailsIn(text), options.minPeople, options.maxGap);
      if (details.length === 0) return [];
      const regions: Region[] = regionsAround(details, options.reach, text.length);
      const found = names.find(text, regions);
      if (found.length < options.minPeople) return [];
      const people: Person[] = found.map((name) => ({ name, details: [] }));
      for (const detail of details) {
        const i = owner(text, found, detail);
        if (i !== undefined) people[i]!.details.push(detail);
      }
      return listsOf(people).filter((m) => m.score >= settings.minScore);
    },
  };
}
