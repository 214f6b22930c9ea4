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
// A name the gazetteer lacks ("Nia", "Sunil") still counts when it fills a row's first cell and
// has a mobile number or an email address with the name in it: the row is the evidence. Email
// addresses no name claims count by themselves when they read as a person's ("jo.kerr",
// "d.ferris"): a pasted "To:" line of residents is the group email that should have used Bcc. A
// list lies within one block of the message, so the sender's signature is never part of it.
//
// The address fields of a carried message's header block ("From: … / To: Wayne Price <wayne@…>,
// Tim Spayner <tim@…>, …") name its correspondents: they are not a list.
//
// Council staff lists are not residents' data: a person whose details include an email address at
// one of the policy's internalDomains is reached at work, and is not counted. This is decided here
// rather than in the policy because only here is it known which details belong to which person;
// the engine hands the policy to the recognizer, so the domains and the name lists
// (policy.personCues) are written once, in rules/policy.yaml. Venues and businesses are not counted either: a name among
// place words ("Victoria Hall", "Abbey Road") is not a personal name.
//
// Cost: details are found by one pass of bounded patterns (emails only around an '@'); names are
// looked for only around details that stand close enough together to form a list, so ordinary mail,
// with a detail here and there, costs one scan.
import * as z from 'zod';
import { createNameFinder, policyNameOptions, type NameFinderOptions, type PersonName } from '../person-names.ts';
import { readOptions } from '../recognizer-options.ts';
import { regionsAround, type Region } from '../regions.ts';
import { sharedExplanation } from '../shared-explanation.ts';
import type { Match, Recognizer, RecognizerContext, RecognizerSettings, TextSpan } from '../types.ts';

const TYPE = 'people-list';

const OptionsSchema = z.strictObject({
  /** People needed in one list. */
  minPeople: z.number().int().min(2).max(100).default(3),
  /** Most characters between one person's details and the next person in the same list. */
  maxGap: z.number().int().min(20).max(2000).default(300),
  /** Most characters between a contact detail and its person's name. */
  reach: z.number().int().min(20).max(1000).default(200),
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
/** A UK mobile number: 07, or 7 after +44. */
const MOBILE = /^(?:\+44 ?(?:\(0\) ?)?|0)7/;
/** Characters of an email address's local part and domain, as far as finding one needs. */
const EMAIL_LOCAL = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]/u;
const EMAIL_DOMAIN = /[\p{L}\p{N}.-]/u;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;
/** A domain ends in a dot and a top-level domain of letters. */
const DOMAIN_SHAPE = /^[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,7}\.\p{L}{2,63}$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/**
 * The fields of a message header as it is carried in the text (a forward's or reply's header block,
 * quoted or not). The field names are the message format's own, not a setting.
 */
const HEADER_FIELD = /^[ \t>]{0,12}\*?(?:from|to|cc|bcc|reply-to|sent|date|subject) ?:/i;
const ADDRESS_FIELD = /^[ \t>]{0,12}\*?(?:from|to|cc|bcc|reply-to) ?:/i;
/** How far a header field's folded continuation lines are followed back. */
const MAX_CONTINUATION_LINES = 8;
/**
 * An email address's local part in two pieces, as people's addresses are made: "jo.kerr",
 * "d.ferris", "amrit_sandhu". The first piece must then be an initial or a first name: "info",
 * "planning.enquiries" or "mutt-users" are not anyone's.
 */
const TWO_PIECE_LOCAL_PART = /^(\p{L}{1,30})[._]\p{L}{2,30}$/u;
/** Lower-case words of an email's local part, to compare with a name's words. */
const LOCAL_WORDS = /[^\p{L}]+/u;
/** A list of named people, each with a detail of their own, is what it looks like. */
const SCORE = 0.85;

interface Detail {
  start: number;
  end: number;
  /** An email address at an organisational domain. */
  organisational: boolean;
  /** A mobile number: a person's own, where a landline may be a venue's or a business's. */
  mobile?: true;
  /** An email address's local part, lower-cased. */
  local?: string;
}

interface Person {
  name: PersonName;
  details: Detail[];
}

/** Someone counted in a list: by name, or by a personal email address no name claims. */
interface Entry {
  key: string;
  start: number;
  end: number;
  /** Where the entry's block starts: a list lies within one block. */
  block: number;
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
    out.push({ start, end, organisational: atDomain(domain, domains), local: text.slice(start, at).toLowerCase() });
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

/** The start of the line holding `at`. */
function lineStartOf(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

/** The header field a line is, following a folded line back to its field; undefined if none. */
function fieldLine(text: string, lineStart: number): number | undefined {
  let start = lineStart;
  for (let i = 0; i <= MAX_CONTINUATION_LINES; i += 1) {
    const head = text.slice(start, start + 40);
    if (HEADER_FIELD.test(head)) return start;
    // A folded field's continuation starts with white space; anything else is not a header.
    if (start === 0 || !(head.startsWith(' ') || head.startsWith('\t'))) return undefined;
    start = lineStartOf(text, start - 1);
  }
  return undefined;
}

/**
 * Whether the address field starting at `lineStart` stands in a header block: another header field
 * on the line before it or after it (past its folded lines). A carried message's header block
 * ("From: … / Sent: … / To: …") names that message's correspondents, who are not a list someone
 * drew up; a lone "To:" line pasted into the sender's own words is a group email's recipients,
 * the disclosure a group email makes when it should have used Bcc.
 */
function inHeaderBlock(text: string, lineStart: number): boolean {
  if (lineStart > 0) {
    const previous = fieldLine(text, lineStartOf(text, lineStart - 1));
    if (previous !== undefined) return true;
  }
  let next = text.indexOf('\n', lineStart);
  for (let i = 0; next !== -1 && i <= MAX_CONTINUATION_LINES; i += 1) {
    const head = text.slice(next + 1, next + 41);
    if (HEADER_FIELD.test(head)) return true;
    if (!(head.startsWith(' ') || head.startsWith('\t'))) return false;
    next = text.indexOf('\n', next + 1);
  }
  return false;
}

/**
 * The details not in the address fields of a carried message's header block. Each line holding
 * details is judged once, looking at most at its neighbours.
 */
function outsideHeaderBlocks(text: string, details: readonly Detail[]): Detail[] {
  const out: Detail[] = [];
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  let verdictLine = -1;
  let carried = false;
  // Details come sorted: one walk forward over the line breaks finds each detail's line.
  for (const d of details) {
    while (nextBreak !== -1 && nextBreak < d.start) {
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    if (lineStart !== verdictLine) {
      const field = fieldLine(text, lineStart);
      carried = field !== undefined && ADDRESS_FIELD.test(text.slice(field, field + 40)) && inHeaderBlock(text, field);
      verdictLine = lineStart;
    }
    if (!carried) out.push(d);
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

/** The block (message segment) holding `at`: a person's details stay in their block. */
function blockAround(blocks: readonly TextSpan[] | undefined, at: number): [number, number] {
  if (!blocks) return [0, Infinity];
  // Blocks are few per text: a linear walk is cheaper than anything cleverer.
  const block = blocks.find((b) => at >= b.start && at < b.end);
  return block ? [block.start, block.end] : [0, Infinity];
}

/** Whether an email address's local part names the person ("nia.roberts", "g.ince" for "Graham Ince"). */
function namedBy(detail: Detail, name: PersonName): boolean {
  if (detail.local === undefined) return false;
  const words = new Set(name.key.split(' '));
  return detail.local.split(LOCAL_WORDS).some((w) => w.length >= 2 && words.has(w));
}

/**
 * Whether a person counts. A name found only from its place in a row ("Nia Roberts" in a table's
 * first column, a first name the gazetteer lacks) needs a detail that only a person has: a mobile
 * number, or an email address with the name in it. A row "Pest Control, 0115 …" stays a service.
 */
function counts(person: Person): boolean {
  if (person.details.length === 0 || person.details.some((d) => d.organisational)) return false;
  return !person.name.byRow || person.details.some((d) => d.mobile === true || namedBy(d, person.name));
}

/** Without a policy (a recognizer built on its own), names are the gazetteer's and no domain is the council's. */
const NO_NAME_OPTIONS: NameFinderOptions = { firstNames: [], notFirstNames: [], placeWords: [], titles: [] };

export function createPeopleList(settings: RecognizerSettings, context?: RecognizerContext): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  const policy = context?.policy;
  const domains = (policy?.internalDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, ''));
  const names = createNameFinder({ ...(policy ? policyNameOptions(policy) : NO_NAME_OPTIONS), rowNames: true });

  function personalLocalPart(local: string | undefined): boolean {
    const pieces = local === undefined ? null : TWO_PIECE_LOCAL_PART.exec(local);
    return pieces !== null && (pieces[1]!.length === 1 || names.isFirstName(pieces[1]!));
  }

  function detailsIn(text: string): Detail[] {
    const details: Detail[] = [];
    PHONE_OR_INWARD_CODE.lastIndex = 0;
    for (let m = PHONE_OR_INWARD_CODE.exec(text); m !== null; m = PHONE_OR_INWARD_CODE.exec(text)) {
      const value = m[0];
      if (value.length === INWARD_CODE_LENGTH && value.charCodeAt(1) >= 65) {
        const postcode = postcodeAt(text, m.index);
        if (postcode) details.push(postcode);
      } else if (isUkNumber(text, m.index, value)) {
        const detail: Detail = { start: m.index, end: m.index + value.length, organisational: false };
        if (MOBILE.test(value)) detail.mobile = true;
        details.push(detail);
      }
    }
    emailsIn(text, domains, details);
    return details.sort((a, b) => a.start - b.start);
  }

  /**
   * The name a detail belongs to: on its own line (the one before it first), else the one before
   * it, else the one after; always in the detail's own block, so the sender's name in the
   * signature does not claim the details in the text above it.
   */
  function owner(text: string, found: readonly PersonName[], detail: Detail, blocks: readonly TextSpan[] | undefined): number | undefined {
    // Names are few around any one detail: find the nearest either side by binary search.
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (found[mid]!.end <= detail.start) lo = mid + 1;
      else hi = mid;
    }
    const [from, to] = blockAround(blocks, detail.start);
    const near = (i: number): boolean => found[i]!.start >= from && found[i]!.end <= to;
    const before = lo - 1 >= 0 && detail.start - found[lo - 1]!.end <= options.reach && near(lo - 1) ? lo - 1 : undefined;
    const after =
      lo < found.length && found[lo]!.start >= detail.end && found[lo]!.start - detail.end <= options.reach && near(lo) ? lo : undefined;
    const sameLine = (i: number | undefined, a: number, b: number): boolean => i !== undefined && !text.slice(a, b).includes('\n');
    const beforeOnLine = before !== undefined && sameLine(before, found[before]!.end, detail.start);
    const afterOnLine = after !== undefined && sameLine(after, detail.end, found[after]!.start);
    // Reading order: "Margaret Okafor on 07700 900461, John Whitfield on …" gives each name the
    // detail after it, however near the next name is.
    if (beforeOnLine) return before;
    if (afterOnLine) return after;
    return before ?? after;
  }

  /** One match per run of counted people close enough together, when it names enough people. */
  function listsOf(entries: readonly Entry[]): Match[] {
    // A list ends where its block does: the sender's signature below a list is not part of it.
    const matches: Match[] = [];
    let keys = new Set<string>();
    let start = 0;
    let end = -Infinity;
    const close = (): void => {
      if (keys.size >= options.minPeople) {
        const note = `${keys.size} people with contact details`;
        matches.push({ start, end, score: SCORE, explanation: sharedExplanation('people-with-contact-details', SCORE, undefined, undefined, note) });
      }
      keys = new Set();
    };
    let block = 0;
    for (const entry of entries) {
      if (keys.size > 0 && (entry.start - end > options.maxGap || entry.block !== block)) close();
      block = entry.block;
      if (keys.size === 0) start = entry.start;
      keys.add(entry.key);
      end = Math.max(end, entry.end);
    }
    close();
    return matches;
  }

  /** The people named with their details, and the personal email addresses no name claims. */
  function entriesOf(text: string, details: readonly Detail[], blocks: readonly TextSpan[] | undefined): Entry[] {
    const regions: Region[] = regionsAround(details, options.reach, text.length);
    const found = names.find(text, regions);
    const people: Person[] = found.map((name) => ({ name, details: [] }));
    const entries: Entry[] = [];
    for (const detail of details) {
      const i = found.length === 0 ? undefined : owner(text, found, detail, blocks);
      if (i !== undefined) people[i]!.details.push(detail);
      // "jo.kerr@example.com; amrit.sandhu@example.net; …" with no names: each address is
      // someone, named by the address itself.
      else if (!detail.organisational && personalLocalPart(detail.local)) {
        const key = text.slice(detail.start, detail.end).toLowerCase();
        entries.push({ key, start: detail.start, end: detail.end, block: blockAround(blocks, detail.start)[0] });
      }
    }
    for (const person of people) {
      if (!counts(person)) continue;
      let start = person.name.start;
      let end = person.name.end;
      for (const d of person.details) {
        start = Math.min(start, d.start);
        end = Math.max(end, d.end);
      }
      entries.push({ key: person.name.key, start, end, block: blockAround(blocks, person.name.start)[0] });
    }
    return entries.sort((a, b) => a.start - b.start);
  }

  return {
    name: TYPE,
    type: TYPE,
    category: 'personal',
    why: 'A list of people with their addresses, phone numbers or emails discloses every one of them at once.',
    find(text: string, blocks?: readonly TextSpan[]): Match[] {
      // Clustered first: the header-block test then runs only where a list could be.
      const near = clustered(detailsIn(text), options.minPeople, options.maxGap);
      const details = near.length === 0 ? near : clustered(outsideHeaderBlocks(text, near), options.minPeople, options.maxGap);
      if (details.length === 0) return [];
      return listsOf(entriesOf(text, details, blocks)).filter((m) => m.score >= settings.minScore);
    },
  };
}
