// The queue's filters and orders as plain functions over HeldRecords: what a store that holds the
// items in memory (the local held folder) applies directly, and what the DynamoDB store applies
// to what it reads when the table's index cannot do the work itself.
import { domainOf } from '../policy/recipients.ts';
import type { HeldPage, HeldQuery, HeldRecord, HeldSort } from '../ports/held-items.ts';
import { CursorError, decodeCursor, encodeCursor } from './cursor.ts';

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** "+44 7700 900123" finds 447700900123: a number is searched by its digits. */
const PHONE_LIKE = /^\+?[\d\s().-]{4,}$/;

/**
 * What free text is searched in, lower case, one field a line: the reference, the councillor
 * (sender, tooling) and every recipient, and each of them again as digits where it has any (so a
 * number typed with spaces or a + finds the stored one). Stored as is on the DynamoDB item.
 */
export function searchTextOf(item: Pick<HeldRecord, 'ref' | 'sender' | 'tooling' | 'recipients'>): string {
  const fields = [item.ref, item.sender, item.tooling ?? '', ...(item.recipients ?? [])].filter(Boolean).map((f) => f.toLowerCase());
  const digits = fields.map(digitsOf).filter((d) => d.length > 0);
  return [...new Set([...fields, ...digits])].join('\n');
}

/** The strings to look for in the search text: the query, and its digits when it reads as a number. */
export function searchTerms(q: string): string[] {
  const digits = PHONE_LIKE.test(q) ? digitsOf(q) : '';
  return digits && digits !== q ? [q, digits] : [q];
}

export function matchesSearch(item: HeldRecord, q: string): boolean {
  const text = searchTextOf(item);
  return searchTerms(q).some((term) => text.includes(term));
}

/** The recipient domain exactly (as the domain filter on the DynamoDB table can match it). */
export function hasDomain(item: HeldRecord, domain: string): boolean {
  const domains = item.recipientDomains.length > 0 ? item.recipientDomains : (item.recipients ?? []).map(domainOf);
  return domains.includes(domain);
}

export function matchesQuery(item: HeldRecord, query: HeldQuery): boolean {
  if (query.status !== 'all' && item.status !== query.status) return false;
  if (query.channel && item.channel !== query.channel) return false;
  if (query.from && item.heldAt < query.from) return false;
  if (query.to && item.heldAt > query.to) return false;
  if (query.rule && !item.ruleIds.includes(query.rule)) return false;
  if (query.domain && !hasDomain(item, query.domain)) return false;
  if (query.q && !matchesSearch(item, query.q)) return false;
  return true;
}

/** The value an order sorts on first ('' for the date orders, which sort on heldAt alone). */
function primary(item: HeldRecord, sort: HeldSort): string {
  if (sort === 'rule') return [...item.ruleIds].sort()[0] ?? '';
  if (sort === 'councillor') return (item.tooling ?? item.sender).toLowerCase();
  return '';
}

interface Position {
  primary: string;
  heldAt: string;
  ref: string;
}

const positionOf = (item: HeldRecord, sort: HeldSort): Position => ({ primary: primary(item, sort), heldAt: item.heldAt, ref: item.ref });

/** Total order: the sort's value ascending, then newest first (oldest first for 'oldest'), then the reference. */
function comparePositions(a: Position, b: Position, sort: HeldSort): number {
  // Code-point order, the same on every machine and locale.
  const byPrimary = a.primary < b.primary ? -1 : a.primary > b.primary ? 1 : 0;
  if (byPrimary !== 0) return byPrimary;
  const byTime = sort === 'oldest' ? a.heldAt.localeCompare(b.heldAt) : b.heldAt.localeCompare(a.heldAt);
  return byTime || (sort === 'oldest' ? a.ref.localeCompare(b.ref) : b.ref.localeCompare(a.ref));
}

export function compareHeld(sort: HeldSort): (a: HeldRecord, b: HeldRecord) => number {
  return (a, b) => comparePositions(positionOf(a, sort), positionOf(b, sort), sort);
}

// The cursor is the last item's position (not an offset), so an item decided or held between two
// pages neither repeats nor hides another. 'sort' is in it so a cursor is never read in another order.
const CURSOR_KEYS = ['sort', 'primary', 'heldAt', 'ref'] as const;

function encodePosition(position: Position, sort: HeldSort): string {
  // The cursor format wants non-empty values; '-' stands for "no value" and sorts before letters.
  return encodeCursor({ sort, primary: position.primary || '-', heldAt: position.heldAt, ref: position.ref });
}

function decodePosition(cursor: string, sort: HeldSort): Position {
  const value = decodeCursor(cursor, CURSOR_KEYS);
  if (value.sort !== sort) throw new CursorError();
  return { primary: value.primary === '-' ? '' : value.primary, heldAt: value.heldAt, ref: value.ref };
}

/** One page of the matching items in the query's order, from items a store has read in full. */
export function pageOf(items: readonly HeldRecord[], query: HeldQuery): HeldPage {
  const after = query.cursor ? decodePosition(query.cursor, query.sort) : undefined;
  const matching = items
    .filter((i) => matchesQuery(i, query))
    .map((item) => ({ item, position: positionOf(item, query.sort) }))
    .filter(({ position }) => !after || comparePositions(position, after, query.sort) > 0)
    .sort((a, b) => comparePositions(a.position, b.position, query.sort));
  const page = matching.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ item }) => item),
    ...(last && matching.length > page.length ? { cursor: encodePosition(last.position, query.sort) } : {}),
  };
}
