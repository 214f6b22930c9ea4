// The queue's filters and orders over records in memory (the local store and the DynamoDB store's
// in-memory orders both use these), and the paging cursor that carries an order across pages.
import { describe, expect, it } from 'vitest';
import type { HeldQuery, HeldRecord } from '../../lib/ports/held-items.ts';
import { CursorError } from '../../lib/review/cursor.ts';
import { matchesQuery, pageOf, searchTextOf } from '../../lib/review/held-match.ts';

function record(ref: string, extra: Partial<HeldRecord>): HeldRecord {
  return {
    ref,
    status: 'held',
    channel: 'email',
    heldAt: '2026-11-24T09:00:00.000Z',
    sender: 'cllr.jporter@rushcliffe.gov.uk',
    recipientDomains: ['example.org'],
    recipients: ['editor@example.org'],
    ruleIds: ['strong-identifier'],
    contentKey: ref,
    expiresAt: '2026-12-24T09:00:00.000Z',
    ...extra,
  };
}

const ITEMS: HeldRecord[] = [
  record('H-20261120-AAAAAA', { heldAt: '2026-11-20T09:00:00.000Z', ruleIds: ['marking'], sender: 'cllr.adams@rushcliffe.gov.uk' }),
  record('H-20261121-BBBBBB', { heldAt: '2026-11-21T09:00:00.000Z', status: 'released', recipients: ['press@news.example.net'], recipientDomains: ['news.example.net'] }),
  record('H-20261122-CCCCCC', { heldAt: '2026-11-22T09:00:00.000Z', channel: 'whatsapp', sender: '106540352242922', tooling: 'cllr-baker-phone', recipients: ['447700900123'], recipientDomains: [], ruleIds: ['casework', 'strong-identifier'] }),
  record('H-20261123-DDDDDD', { heldAt: '2026-11-23T09:00:00.000Z', status: 'rejected', ruleIds: ['contact-profile'] }),
  record('H-20261124-EEEEEE', { heldAt: '2026-11-24T09:00:00.000Z', sender: 'cllr.adams@rushcliffe.gov.uk', recipients: ['editor@example.org', 'Resident@Gmail.example'], recipientDomains: ['example.org', 'gmail.example'] }),
];

const query = (extra: Partial<HeldQuery>): HeldQuery => ({ status: 'all', sort: 'newest', limit: 50, ...extra });
const refs = (q: HeldQuery): string[] => pageOf(ITEMS, q).items.map((i) => i.ref.slice(-6));

describe('queue filters', () => {
  it.each([
    ['status held', { status: 'held' as const }, ['EEEEEE', 'CCCCCC', 'AAAAAA']],
    ['every status', {}, ['EEEEEE', 'DDDDDD', 'CCCCCC', 'BBBBBB', 'AAAAAA']],
    ['a reference, any case', { q: 'h-20261121' }, ['BBBBBB']],
    ['part of a councillor address', { q: 'adams' }, ['EEEEEE', 'AAAAAA']],
    ['a WhatsApp tooling name', { q: 'baker' }, ['CCCCCC']],
    ['a recipient address, any case', { q: 'resident@gmail' }, ['EEEEEE']],
    ['a WhatsApp number typed with spaces and +', { q: '+44 7700 900123' }, ['CCCCCC']],
    ['a WhatsApp number by its last digits', { q: '0123' }, ['CCCCCC']],
    ['a rule among several', { rule: 'casework' }, ['CCCCCC']],
    ['a recipient domain, exactly', { domain: 'gmail.example' }, ['EEEEEE']],
    ['not a parent of a recipient domain', { domain: 'example.net' }, []],
    ['a channel', { channel: 'whatsapp' as const }, ['CCCCCC']],
    ['a date range, inclusive', { from: '2026-11-21T09:00:00.000Z', to: '2026-11-23T09:00:00.000Z' }, ['DDDDDD', 'CCCCCC', 'BBBBBB']],
    ['filters together', { status: 'held' as const, q: 'rushcliffe', rule: 'strong-identifier' }, ['EEEEEE']],
  ])('finds by %s', (_name, extra, expected) => {
    expect(refs(query(extra))).toEqual(expected);
  });

  it('searches no message content: a word of the subject finds nothing', () => {
    const item = record('H-20261124-FFFFFF', { subject: 'Claim for Mrs Clarke' });
    expect(matchesQuery(item, query({ q: 'clarke' }))).toBe(false);
    expect(searchTextOf(item)).not.toContain('clarke');
  });
});

describe('queue orders and pages', () => {
  it.each([
    ['newest', ['EEEEEE', 'DDDDDD', 'CCCCCC', 'BBBBBB', 'AAAAAA']],
    ['oldest', ['AAAAAA', 'BBBBBB', 'CCCCCC', 'DDDDDD', 'EEEEEE']],
    // By the first rule in alphabetical order, newest first within a rule.
    ['rule', ['CCCCCC', 'DDDDDD', 'AAAAAA', 'EEEEEE', 'BBBBBB']],
    // By tooling name for WhatsApp, else the sender's address; newest first within one.
    ['councillor', ['CCCCCC', 'EEEEEE', 'AAAAAA', 'DDDDDD', 'BBBBBB']],
  ] as const)('sorts by %s', (sort, expected) => {
    expect(refs(query({ sort }))).toEqual(expected);
  });

  it.each(['newest', 'oldest', 'rule', 'councillor'] as const)('pages through the %s order one at a time, each item once', (sort) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = pageOf(ITEMS, query({ sort, limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((i) => i.ref.slice(-6)));
      cursor = page.cursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(refs(query({ sort })));
  });

  it('keeps its place when an item is added between pages', () => {
    const first = pageOf(ITEMS, query({ limit: 2 }));
    const newer = record('H-20261125-GGGGGG', { heldAt: '2026-11-25T09:00:00.000Z' });
    const second = pageOf([...ITEMS, newer], query({ limit: 2, cursor: first.cursor! }));
    expect(second.items.map((i) => i.ref.slice(-6))).toEqual(['CCCCCC', 'BBBBBB']);
  });

  it('refuses a cursor issued for another order', () => {
    const { cursor } = pageOf(ITEMS, query({ sort: 'rule', limit: 1 }));
    expect(() => pageOf(ITEMS, query({ sort: 'newest', cursor: cursor! }))).toThrow(CursorError);
  });
});
