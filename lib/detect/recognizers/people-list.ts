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
import { regionsAround, type Region } from '../regions.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';

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
 * UK phone numbers as lists write them (national or +44), and the inward code ending a postcode
 * (the outward code before it is checked from there). Each repetition is bounded and the
 * boundaries are checked in code on the characters either side. One alternation, each branch
 * starting with a character the engine can skip to, costs less than two scans.
 */
const PHONE_OR_INWARD_CODE = /\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])|(?:\+44 ?(?:\(0\) ?)?|\(?0)\d{2,4}\)?[ -]?\d{3,4}(?:[ -]?\d{3,4})?(?!\d)/g;
/** An inward code is three characters; a phone number is longer. */
const INWARD_CODE_LENGTH = 3;
const OUTWARD_CODE = /(?:^|[^\p{L}\p{N}])[A-Z]{1,2}\d[A-Z\d]? ?$/u;
/** An outward code and its space reach at most five characters before the inward code. */
const OUTWARD_REACH = 6;
const UK_NATIONAL_DIGITS = new Set([10, 11]);
/** Characters of an email address's local part and domain, as far as finding one needs. */
const EMAIL_LOCAL = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]/u;
const EMAIL_DOMAIN = /[\p{L}\p{N}.-]/u;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;
/** A domain ends in a dot and a top-level domain of letters. */
const DOMAIN_SHAPE = /^[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,7}\.\p{L}{2,63}$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
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

/** Whether a candidate is a UK number: 10 or 11 digits as written nationally, trunk 0 included. */
function isUkNumber(text: string, start: number, value: string): boolean {
  if (start > 0 && LETTER_OR_DIGIT.test(text[start - 1]!)) return false;
  let digits = 0;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += 1;
  }
  // "+44 7700 900123" drops the trunk 0 that "+44 (0)7700 900123" keeps.
  const national = value.startsWith('+') ? digits - 2 + (value.includes('(0)') ? 0 : 1) : digits;
  return UK_NATIONAL_DIGITS.has(national);
}

/**
 * Email addresses around each '@': the address characters either side, a local part of at most
 * 64 and a domain of dotted labels ending in letters. A walk from each '@', bounded either side,
 * costs less than a regex tried at every position, and the recognizer needs only where addresses
 * are and their domains, not the exact rules email-address.ts applies.
 */
function emailsIn(text: string, domains: readonly string[], out: Detail[]): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && EMAIL_LOCAL.test(text[start - 1]!)) start -= 1;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && EMAIL_DOMAIN.test(text[end]!)) end += 1;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end -= 1;
    while (start < at && text[start] === '.') start += 1;
    const domain = text.slice(at + 1, end);
    if (start === at || !DOMAIN_SHAPE.test(domain)) continue;
    out.push({ start, end, organisational: atDomain(domain, domains) });
  }
}

/** The postcode ending with the inward code at `at`, if an outward code stands before it. */
function postcodeAt(text: string, at: number): Detail | undefined {
  const from = Math.max(0, at - OUTWARD_REACH);
  const outward = OUTWARD_CODE.exec(text.slice(from, at));
  // The match starts at the outward code, or at the character before it.
  if (!outward) return undefined;
  return { start: from + outward.index + (/^[A-Z]/.test(outward[0]) ? 0 : 1), end: at + INWARD_CODE_LENGTH, organisational: false };
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

function atDomain(domain: string, domains: readonly string[]): boolean {
  const lower = domain.toLowerCase();
  return domains.some((d) => lower === d || lower.endsWith(`.${d}`));
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
    PHONE_OR_INWARD_CODE.lastIndex = 0;
    for (let m = PHONE_OR_INWARD_CODE.exec(text); m !== null; m = PHONE_OR_INWARD_CODE.exec(text)) {
      const value = m[0];
      if (value.length === INWARD_CODE_LENGTH && value.charCodeAt(1) >= 65) {
        const postcode = postcodeAt(text, m.index);
        if (postcode) details.push(postcode);
      } else if (isUkNumber(text, m.index, value)) {
        details.push({ start: m.index, end: m.index + value.length, organisational: false });
      }
    }
    emailsIn(text, domains, details);
    return details.sort((a, b) => a.start - b.start);
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
      // Clustered first: the address-field test then runs only where a list could be.
      const near = clustered(detailsIn(text), options.minPeople, options.maxGap);
      const details = near.length === 0 ? near : clustered(outsideAddressFields(text, near), options.minPeople, options.maxGap);
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
