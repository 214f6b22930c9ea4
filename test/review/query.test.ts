import { describe, expect, it } from 'vitest';
import type { HttpError } from '../../lib/local/router.ts';
import { CursorError, decodeCursor, encodeCursor } from '../../lib/review/cursor.ts';
import { DEFAULT_PAGE_SIZE, parseHeldQuery } from '../../lib/review/query.ts';

describe('parseHeldQuery', () => {
  it.each([
    ['nothing: the held queue', '', { status: 'held', limit: DEFAULT_PAGE_SIZE }],
    ['a status and channel', 'status=released&channel=whatsapp', { status: 'released', channel: 'whatsapp', limit: DEFAULT_PAGE_SIZE }],
    ['days as inclusive bounds', 'from=2026-11-01&to=2026-11-24', { from: '2026-11-01T00:00:00.000Z', to: '2026-11-24T23:59:59.999Z' }],
    ['a moment with an offset', 'from=2026-11-24T09:30:00%2B01:00', { from: '2026-11-24T08:30:00.000Z' }],
    ['a cursor and a page size', 'cursor=abc&limit=10', { cursor: 'abc', limit: 10 }],
    ['every status', 'status=all', { status: 'all' }],
    ['a search, trimmed and in lower case', 'q=%20Cllr.JPorter%20', { q: 'cllr.jporter' }],
    ['a rule', 'rule=strong-identifier', { rule: 'strong-identifier' }],
    ['a domain, with or without @', 'domain=%40Example.ORG', { domain: 'example.org' }],
    ['newest first unless asked', '', { sort: 'newest' }],
    ['an order', 'sort=councillor', { sort: 'councillor' }],
  ])('accepts %s', (_name, query, expected) => {
    expect(parseHeldQuery(new URLSearchParams(query))).toMatchObject(expected);
  });

  it.each([
    ['an unknown status', 'status=pending'],
    ['an unknown channel', 'channel=sms'],
    ['a date in another format', 'from=24/11/2026'],
    ['an impossible date', 'from=2026-13-45'],
    ['from after to', 'from=2026-11-24&to=2026-11-01'],
    ['a page size of 0', 'limit=0'],
    ['a page size too large', 'limit=5000'],
    ['a page size that is not a number', 'limit=ten'],
    ['an unknown order', 'sort=subject'],
    ['a rule id with spaces', 'rule=strong%20identifier'],
    ['a domain with a path', 'domain=example.org/x'],
    ['a search far too long', `q=${'a'.repeat(201)}`],
  ])('refuses %s with 400', (_name, query) => {
    expect(() => parseHeldQuery(new URLSearchParams(query))).toThrow(expect.objectContaining({ status: 400 }) as HttpError);
  });
});

describe('page cursors', () => {
  it('round-trips a position', () => {
    const position = { heldAt: '2026-11-24T09:30:00.000Z', ref: 'H-20261124-7KQ3PZ' };
    expect(decodeCursor(encodeCursor(position), ['heldAt', 'ref'])).toEqual(position);
  });

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['an array', encodeCursor({}).replace(/.*/, Buffer.from('[]').toString('base64url'))],
    ['a missing key', encodeCursor({ heldAt: 'x' })],
    ['an extra key', encodeCursor({ heldAt: 'x', ref: 'y', status: 'held' })],
    ['an empty value', encodeCursor({ heldAt: '', ref: 'y' })],
    ['far too long', 'a'.repeat(2000)],
  ])('refuses a cursor that is %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor, ['heldAt', 'ref'])).toThrow(CursorError);
  });
});
