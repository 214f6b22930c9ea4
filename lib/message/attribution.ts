// Who wrote a quoted or forwarded block, read from the words that introduce it: a reply's
// attribution line ("On 3 Mar 2025, at 10:15, Jane Smith <jane@example.org> wrote:") or the From
// field of a header block ("From: Jane Smith [mailto:jane@example.org]"). The policy exempts a
// recipient's own words only when this names them, so a doubtful parse gives no author (which
// counts) rather than a guessed one. Every step is a bounded scan or an anchored pattern over one
// short line: linear in its length.
import { strip } from './lines.ts';
import type { Author } from './types.ts';

/** Attribution lines and header fields are short; longer text is prose, not an attribution. */
const MAX_LINE_CHARS = 400;
/** A display name longer than this is a sentence, not a name. */
const MAX_NAME_CHARS = 100;
/** RFC 5321 limits: local part 64, domain 255. */
const MAX_LOCAL_CHARS = 64;
const MAX_DOMAIN_CHARS = 255;
const WROTE = 'wrote:';

const LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
/** A clock time, a year, a numeric date or a UTC offset: the date part of an attribution line. */
const DATE_TOKEN = /\d/;
const AM_PM = /^(?:am|pm|a\.m\.|p\.m\.)[,]?$/i;
const LETTER = /\p{L}/u;
/** What surrounds an address in a field: quotes, brackets, "mailto:", commas and spaces. */
const WRAPPING = ' \t"\'<>[](),;';

interface Found {
  address: string;
  start: number;
  end: number;
}

/** The first plausible address in the text, with where it sits. */
export function findAddress(text: string): Found | undefined {
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL_CHARS && LOCAL_CHAR.test(text.charAt(start - 1))) start -= 1;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN_CHARS && DOMAIN_CHAR.test(text.charAt(end))) end += 1;
    // "mailto:jane@…" is a link, not part of the address.
    if (text.slice(start, at).toLowerCase().startsWith('mailto:')) start += 'mailto:'.length;
    while (end > at + 1 && (text.charAt(end - 1) === '.' || text.charAt(end - 1) === '-')) end -= 1;
    const domain = text.slice(at + 1, end);
    if (start < at && domain.includes('.') && !domain.startsWith('.') && !domain.includes('..')) {
      return { address: text.slice(start, end).toLowerCase(), start, end };
    }
    at = text.indexOf('@', at + 1);
  }
  return undefined;
}

/** "mailto:" left in front of an address by a bracketed link ("Jane Smith [mailto:jane@…]"). */
function withoutMailto(text: string): string {
  const trimmed = strip(text, WRAPPING);
  return trimmed.toLowerCase().endsWith('mailto:') ? trimmed.slice(0, -'mailto:'.length) : trimmed;
}

/** A display name as written, or undefined when it is empty, too long or has no letter. */
function asName(text: string): string | undefined {
  const name = strip(text.replace(/\s+/g, ' '), WRAPPING);
  return name !== '' && name.length <= MAX_NAME_CHARS && LETTER.test(name) && !name.includes('@') ? name : undefined;
}

function author(address: string | undefined, name: string | undefined): Author | undefined {
  if (address === undefined && name === undefined) return undefined;
  const found: Author = {};
  if (address !== undefined) found.address = address;
  if (name !== undefined) found.name = name;
  return found;
}

/**
 * The author a From field names: "Jane Smith <jane@example.org>", "Jane Smith
 * [mailto:jane@example.org]", "\"Smith, Jane\" <jane@example.org>", "jane@example.org" or a bare
 * "Jane Smith". Outlook's "jane@example.org<mailto:jane@example.org>" gives the first address.
 */
export function authorOfFromValue(value: string): Author | undefined {
  if (value.length > MAX_LINE_CHARS) return undefined;
  const found = findAddress(value);
  if (found === undefined) return author(undefined, asName(value));
  return author(found.address, asName(withoutMailto(value.slice(0, found.start))));
}

/** Cuts the date and time from the front of what follows "On ": "Mon, 4 Mar 2024 at 10:15, Jane" → "Jane". */
function afterDate(text: string): string {
  const words = text.split(/\s+/);
  let last = -1;
  for (let i = 0; i < words.length; i += 1) if (DATE_TOKEN.test(words[i] ?? '')) last = i;
  if (last === -1) {
    // "On Mon, Jo Bloggs <jo@example.org> wrote:": only a weekday, ended by a comma.
    const comma = text.lastIndexOf(',');
    return comma === -1 ? text : text.slice(comma + 1);
  }
  let rest = words.slice(last + 1);
  // "at 3:15 PM John Doe": the clock's AM/PM belongs to the date.
  if (rest.length > 0 && AM_PM.test(rest[0] ?? '')) rest = rest.slice(1);
  return rest.join(' ');
}

/**
 * The author an attribution line names, the line being one text (a wrapped attribution joined with
 * a space). Recognised shapes: "On <date>, Jane Smith <jane@example.org> wrote:" (Gmail, Apple
 * Mail, Outlook), "On <date> Jane Smith <jane@…> wrote:" (US Gmail: after "AM"/"PM"),
 * "On <date>, Jane Smith wrote:" (Thunderbird), "Jane Smith <jane@example.org> wrote:" and
 * "jane@example.org wrote:". Undefined when the line is none of these.
 */
export function authorOfAttribution(line: string): Author | undefined {
  const text = line.trim();
  if (text.length > MAX_LINE_CHARS || !text.endsWith(WROTE)) return undefined;
  const body = text.slice(0, -WROTE.length);
  const dated = body.startsWith('On ');
  const found = findAddress(body);
  if (!dated) {
    // Undated, the address must be the last thing before "wrote:", so a sentence such as
    // "I emailed bob@example.org and he wrote:" does not name bob as the author of what follows.
    if (found === undefined || strip(body.slice(found.end), WRAPPING) !== '') return undefined;
    return author(found.address, asName(withoutMailto(body.slice(0, found.start))));
  }
  const beforeAddress = found === undefined ? body.slice(3) : body.slice(3, found.start);
  return author(found?.address, asName(withoutMailto(afterDate(beforeAddress))));
}

/** A display name in one spelling for comparison: case, spacing and surrounding quotes ignored. */
export function normaliseName(name: string): string {
  return strip(name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '), WRAPPING);
}

/** Whether two attributions name the same author (for merging neighbouring blocks). */
export function sameAuthor(a: Author | undefined, b: Author | undefined): boolean {
  return a?.address === b?.address && a?.name === b?.name;
}
