// The list query (?status=&channel=&from=&to=&q=&rule=&domain=&sort=&cursor=&limit=) checked and
// turned into a HeldQuery. Unknown values are refused rather than ignored, so a mistyped filter
// never shows the wrong queue.
import { HttpError } from '../local/router.ts';
import type { HeldQuery, HeldSort } from '../ports/held-items.ts';
import type { HeldStatus } from '../ports/message-store.ts';
import type { Channel } from '../message/types.ts';

export const STATUSES: readonly HeldStatus[] = ['held', 'released', 'rejected', 'overridden'];
const STATUS_FILTERS: readonly (HeldStatus | 'all')[] = [...STATUSES, 'all'];
const CHANNELS: readonly Channel[] = ['email', 'whatsapp'];
const SORTS: readonly HeldSort[] = ['newest', 'oldest', 'rule', 'councillor'];
const MAX_SEARCH_CHARS = 200;
/** Rule ids as the rule files name them. */
const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
/** A domain or the end of one ("example.org", "org"); letters, digits, dots and dashes. */
const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const badRequest = (message: string): HttpError => new HttpError(400, 'bad-request', message);

function oneOf<T extends string>(name: string, value: string | null, allowed: readonly T[]): T | undefined {
  if (value === null || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw badRequest(`${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** A day or a moment as an ISO instant; a bare day means its start (`from`) or its end (`to`). */
function bound(name: 'from' | 'to', value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  let text = value;
  if (DATE.test(value)) text = name === 'from' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  else if (!DATE_TIME.test(value)) throw badRequest(`${name} must be a date (2026-11-24) or a date and time (2026-11-24T09:30:00Z).`);
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw badRequest(`${name} is not a real date.`);
  return time.toISOString();
}

function pageSize(value: string | null): number {
  if (value === null || value === '') return DEFAULT_PAGE_SIZE;
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE_SIZE)) throw badRequest(`limit must be a number from 1 to ${MAX_PAGE_SIZE}.`);
  return n;
}

/** Free text, trimmed and lower-cased; matching ignores case. */
function search(value: string | null): string | undefined {
  const text = value?.trim().toLowerCase();
  if (!text) return undefined;
  if (text.length > MAX_SEARCH_CHARS) throw badRequest(`q must be at most ${MAX_SEARCH_CHARS} characters.`);
  return text;
}

function shaped(name: string, value: string | null, shape: RegExp, example: string): string | undefined {
  const text = value?.trim().toLowerCase();
  if (!text) return undefined;
  if (!shape.test(text)) throw badRequest(`${name} must look like ${example}.`);
  return text;
}

export function parseHeldQuery(params: URLSearchParams): HeldQuery {
  const channel = oneOf('channel', params.get('channel'), CHANNELS);
  const from = bound('from', params.get('from'));
  const to = bound('to', params.get('to'));
  if (from && to && from > to) throw badRequest('from must not be after to.');
  const q = search(params.get('q'));
  const rule = shaped('rule', params.get('rule'), RULE_ID, 'a rule id (strong-identifier)');
  // "@example.org" is how people write a domain they saw in an address.
  const domain = shaped('domain', params.get('domain')?.replace(/^\s*@/, '') ?? null, DOMAIN, 'a domain (example.org)');
  const cursor = params.get('cursor');
  return {
    // The queue is what needs attention; decided items are a filter away.
    status: oneOf('status', params.get('status'), STATUS_FILTERS) ?? 'held',
    ...(channel ? { channel } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q ? { q } : {}),
    ...(rule ? { rule } : {}),
    ...(domain ? { domain } : {}),
    sort: oneOf('sort', params.get('sort'), SORTS) ?? 'newest',
    ...(cursor ? { cursor } : {}),
    limit: pageSize(params.get('limit')),
  };
}
