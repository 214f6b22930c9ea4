// The review side of the held-items table and bucket against in-process DynamoDB (dynalite) and S3
// (s3rver), with items written exactly as the hold path writes them (HeldItemsTable).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldItemOf, HeldItemsTable } from '../../lib/adapters/aws/held-items.ts';
import { S3HeldContent } from '../../lib/adapters/aws/review-held-content.ts';
import { DynamoReviewItems } from '../../lib/adapters/aws/review-held-items.ts';
import { resolveOverride } from '../../lib/actions/resolve-override.ts';
import type { HeldQuery } from '../../lib/ports/held-items.ts';
import type { HeldMeta } from '../../lib/ports/message-store.ts';
import { CursorError } from '../../lib/review/cursor.ts';
import { HELD_TABLE, startDynamo, startS3, type RunningDynamo, type RunningS3 } from '../adapters/aws/helpers/protocol-servers.ts';

const BUCKET = 'gateway-review-test';

function meta(reference: string, heldAt: string, channel: HeldMeta['channel'] = 'email', resendKey?: string): HeldMeta {
  return {
    ...(resendKey ? { resendKey } : {}),
    reference,
    key: 'a'.repeat(32),
    messageId: `<${reference}@rushcliffe.gov.uk>`,
    channel,
    status: 'held',
    heldAt,
    envelope: { from: 'cllr.jporter@rushcliffe.gov.uk', to: ['editor@example.org', 'hidden@example.net'] },
    subject: channel === 'email' ? `Subject of ${reference}` : '',
    ruleSetVersion: 'test',
    reasons: [{ rule: 'strong-identifier', category: 'personal', type: 'uk-nino', explanation: 'Identifiers matter.', allowOverride: false }],
    findings: [{ type: 'uk-nino', category: 'personal', partId: 'body', start: 3, end: 16, score: 1 }],
  };
}

const RESEND_KEY = 'f'.repeat(40);

const HELD = [
  meta('H-20261120-AAAAAA', '2026-11-20T09:00:00.000Z'),
  meta('H-20261122-BBBBBB', '2026-11-22T09:00:00.000Z', 'whatsapp'),
  meta('H-20261124-CCCCCC', '2026-11-24T09:00:00.000Z'),
];
/** Two holds of one message (sent twice before the override), in another status list. */
const COPIES = [meta('H-20261125-DDDDDD', '2026-11-25T09:00:00.000Z', 'email', RESEND_KEY), meta('H-20261125-EEEEEE', '2026-11-25T10:00:00.000Z', 'email', RESEND_KEY)];

const query = (extra: Partial<HeldQuery> = {}): HeldQuery => ({ status: 'held', sort: 'newest', limit: 50, ...extra });

describe('DynamoReviewItems and S3HeldContent', () => {
  let dynamo: RunningDynamo;
  let s3: RunningS3;
  let items: DynamoReviewItems;
  let content: S3HeldContent;

  beforeAll(async () => {
    [dynamo, s3] = await Promise.all([startDynamo(), startS3(BUCKET)]);
    content = new S3HeldContent(s3.client, BUCKET);
    items = new DynamoReviewItems(dynamo.doc, HELD_TABLE, (key) => content.meta(key));
    const table = new HeldItemsTable(dynamo.doc, HELD_TABLE);
    for (const m of [...HELD, ...COPIES]) {
      const keys = { s3Key: `held/${m.reference}.eml`, metaS3Key: `held/${m.reference}.json` };
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: keys.s3Key, Body: `raw ${m.reference}` }));
      await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: keys.metaS3Key, Body: JSON.stringify(m) }));
      await table.put(heldItemOf(m, keys, 30));
    }
  });

  afterAll(async () => {
    await Promise.all([dynamo?.close(), s3?.close()]);
  });

  const refs = async (q: HeldQuery): Promise<string[]> => (await items.list(q)).items.map((i) => i.ref);

  it('finds the held copies of one message by resend key, and an override marks each overridden once', async () => {
    expect((await items.findByResendKey(RESEND_KEY)).map((i) => [i.ref, i.status, i.resendKey])).toEqual([
      ['H-20261125-DDDDDD', 'held', RESEND_KEY],
      ['H-20261125-EEEEEE', 'held', RESEND_KEY],
    ]);
    expect(await items.findByResendKey('0'.repeat(40))).toEqual([]);
    const review = { by: 'cllr.jporter@rushcliffe.gov.uk', at: '2026-11-25T11:00:00.000Z', action: 'overridden' as const, note: 'she asked me to send it' };
    // IG released one of them a moment earlier: that one stays released, and says so.
    expect(await items.updateStatus('H-20261125-EEEEEE', { from: 'held', to: 'released', review: { ...review, by: 'ig', action: 'released' } })).toBe(true);
    expect(await resolveOverride(items, RESEND_KEY, review)).toEqual({ overridden: ['H-20261125-DDDDDD'], released: ['H-20261125-EEEEEE'], rejected: [] });
    expect(await items.get('H-20261125-DDDDDD')).toMatchObject({ status: 'overridden', review });
    // A retry of the same re-send finds it already overridden and changes nothing.
    expect(await resolveOverride(items, RESEND_KEY, { ...review, at: '2026-11-25T12:00:00.000Z' })).toEqual({ overridden: ['H-20261125-DDDDDD'], released: ['H-20261125-EEEEEE'], rejected: [] });
    expect((await items.get('H-20261125-DDDDDD'))?.review?.at).toBe(review.at);
    expect(await items.updateStatus('H-20261125-DDDDDD', { from: 'held', to: 'released', review })).toBe(false);
    expect((await items.counts()).overridden).toBe(1);
  });

  it.each([
    ['everything held, newest first', query({ to: '2026-11-24T23:59:59.999Z' }), ['H-20261124-CCCCCC', 'H-20261122-BBBBBB', 'H-20261120-AAAAAA']],
    ['email only', query({ channel: 'email' }), ['H-20261124-CCCCCC', 'H-20261120-AAAAAA']],
    ['whatsapp only', query({ channel: 'whatsapp' }), ['H-20261122-BBBBBB']],
    ['from a time', query({ from: '2026-11-21T00:00:00.000Z' }), ['H-20261124-CCCCCC', 'H-20261122-BBBBBB']],
    ['up to a time', query({ to: '2026-11-21T00:00:00.000Z' }), ['H-20261120-AAAAAA']],
    ['between two times', query({ from: '2026-11-21T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' }), ['H-20261122-BBBBBB']],
    ['another status', query({ status: 'rejected' }), []],
    ['by part of a reference (the search attribute)', query({ q: 'bbbbbb' }), ['H-20261122-BBBBBB']],
    ['by a whole reference (one read)', query({ q: 'h-20261120-aaaaaa' }), ['H-20261120-AAAAAA']],
    ['by a recipient', query({ q: 'hidden@example' }), ['H-20261124-CCCCCC', 'H-20261122-BBBBBB', 'H-20261120-AAAAAA']],
    ['by someone nobody wrote to', query({ q: 'nobody@example.net' }), []],
    ['by rule', query({ rule: 'strong-identifier' }), ['H-20261124-CCCCCC', 'H-20261122-BBBBBB', 'H-20261120-AAAAAA']],
    ['by a rule that held nothing', query({ rule: 'casework' }), []],
    ['by recipient domain', query({ domain: 'example.net', channel: 'email' }), ['H-20261124-CCCCCC', 'H-20261120-AAAAAA']],
    ['by a domain nobody wrote to', query({ domain: 'other.example' }), []],
    ['oldest first', query({ sort: 'oldest' }), ['H-20261120-AAAAAA', 'H-20261122-BBBBBB', 'H-20261124-CCCCCC']],
    // With the released and overridden copies the resend-key test above left on the 25th.
    ['every status, by councillor', query({ status: 'all', sort: 'councillor' }), ['H-20261125-EEEEEE', 'H-20261125-DDDDDD', 'H-20261124-CCCCCC', 'H-20261122-BBBBBB', 'H-20261120-AAAAAA']],
  ])('lists %s', async (_name, q, expected) => {
    expect(await refs(q)).toEqual(expected);
  });

  it('pages through the list with cursors, never repeating an item', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await items.list(query({ limit: 1, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((i) => i.ref));
      cursor = page.cursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(['H-20261124-CCCCCC', 'H-20261122-BBBBBB', 'H-20261120-AAAAAA']);
  });

  it('refuses a cursor from another status list', async () => {
    const { cursor } = await items.list(query({ limit: 1 }));
    await expect(items.list(query({ status: 'released', cursor: cursor! }))).rejects.toThrow(CursorError);
  });

  it('reads one item with the findings and envelope the hold stored beside it', async () => {
    const item = await items.get('H-20261120-AAAAAA');
    expect(item).toMatchObject({
      ref: 'H-20261120-AAAAAA',
      status: 'held',
      sender: 'cllr.jporter@rushcliffe.gov.uk',
      recipientDomains: ['example.net', 'example.org'],
      subject: 'Subject of H-20261120-AAAAAA',
      contentKey: 'held/H-20261120-AAAAAA.eml',
      expiresAt: '2026-12-20T09:00:00.000Z',
      recipients: ['editor@example.org', 'hidden@example.net'],
      findings: HELD[0]!.findings,
    });
    expect(await items.get('H-20000101-ZZZZZZ')).toBeUndefined();
    expect((await content.read(item!))?.toString()).toBe('raw H-20261120-AAAAAA');
    expect(await content.read({ ...item!, contentKey: 'held/gone.eml' })).toBeUndefined();
  });

  it('decides once: the review is kept, the TTL moves off the item, a second decision is refused', async () => {
    const ref = 'H-20261124-CCCCCC';
    const review = { by: 'ig@rushcliffe.gov.uk', at: '2026-11-24T10:00:00.000Z', action: 'released' as const, note: 'ok' };
    expect(await items.updateStatus(ref, { from: 'held', to: 'released', review })).toBe(true);
    expect(await items.updateStatus(ref, { from: 'held', to: 'rejected', review: { ...review, action: 'rejected' } })).toBe(false);

    const { Item } = await dynamo.doc.send(new GetCommand({ TableName: HELD_TABLE, Key: { ref } }));
    expect(Item).toMatchObject({ status: 'released', review, contentExpiresAt: Date.parse('2026-12-24T09:00:00.000Z') / 1000 });
    expect(Item?.expiresAt).toBeUndefined();
    expect((await items.get(ref))?.expiresAt).toBe('2026-12-24T09:00:00.000Z');
    expect(await refs(query({ status: 'released' }))).toEqual(['H-20261125-EEEEEE', ref]);
    expect(await items.counts()).toEqual({ held: 2, released: 2, rejected: 0, overridden: 1 });

    // A release that could not be sent goes back to the queue, with its TTL again.
    expect(await items.updateStatus(ref, { from: 'released', to: 'held' })).toBe(true);
    const { Item: back } = await dynamo.doc.send(new GetCommand({ TableName: HELD_TABLE, Key: { ref } }));
    expect(back).toMatchObject({ status: 'held', expiresAt: Date.parse('2026-12-24T09:00:00.000Z') / 1000 });
    expect(back?.review).toBeUndefined();
  });

  it('records each unmasking', async () => {
    const ref = 'H-20261122-BBBBBB';
    await items.recordUnmask(ref, { by: 'a', at: '2026-11-24T10:00:00.000Z', finding: 0, type: 'uk-nino' });
    await items.recordUnmask(ref, { by: 'b', at: '2026-11-24T10:01:00.000Z', finding: 0, type: 'uk-nino' });
    expect((await items.get(ref))?.unmasked?.map((u) => u.by)).toEqual(['a', 'b']);
    await expect(items.recordUnmask('H-20000101-ZZZZZZ', { by: 'a', at: 'x', finding: 0, type: 'x' })).rejects.toThrow();
  });
});
