// The held queue's DynamoDB queries (mocked: the commands sent). Date orders read the status-index
// GSI in its own order, with the filters it cannot apply as a FilterExpression, in bounded steps;
// a page cut mid-step carries on from the last item returned. Other orders read a bounded set.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DynamoReviewItems, MAX_SORTED_READ, STATUS_INDEX } from '../../../lib/adapters/aws/review-held-items.ts';
import type { HeldQuery } from '../../../lib/ports/held-items.ts';
import { decodeCursor } from '../../../lib/review/cursor.ts';
import { HELD_TABLE } from './helpers/protocol-servers.ts';

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  ref: `H-20261124-AAAA${String.fromCharCode(65 + n)}${String.fromCharCode(65 + n)}`,
  status: 'held',
  channel: 'email',
  heldAt: `2026-11-24T09:${String(59 - n).padStart(2, '0')}:00.000Z`,
  sender: 'cllr.jporter@rushcliffe.gov.uk',
  recipientDomains: ['example.org'],
  recipients: ['editor@example.org'],
  ruleIds: ['strong-identifier'],
  s3Key: 'held/x.eml',
  metaS3Key: 'held/x.json',
  expiresAt: 1_800_000_000,
  ...extra,
});

const query = (extra: Partial<HeldQuery> = {}): HeldQuery => ({ status: 'held', sort: 'newest', limit: 3, ...extra });

describe('DynamoReviewItems.list (mocked: the commands sent)', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  afterEach(() => ddb.reset());
  afterAll(() => ddb.restore());
  const items = () => new DynamoReviewItems(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })), HELD_TABLE, () => Promise.resolve(undefined));
  const sent = (): QueryCommandInput[] => ddb.commandCalls(QueryCommand).map((c) => c.args[0].input);

  it('reads the newest held items straight from the index, asking for exactly a page', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item(0), item(1), item(2)], LastEvaluatedKey: { ref: item(2).ref, status: 'held', heldAt: item(2).heldAt } });
    const page = await items().list(query());
    expect(sent()).toEqual([
      {
        TableName: HELD_TABLE,
        IndexName: STATUS_INDEX,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': 'held' },
        ScanIndexForward: false,
        Limit: 3,
      },
    ]);
    expect(page.items.map((i) => i.recipients)).toEqual([['editor@example.org'], ['editor@example.org'], ['editor@example.org']]);
    expect(decodeCursor(page.cursor!, ['ref', 'status', 'heldAt'])).toEqual({ ref: item(2).ref, status: 'held', heldAt: item(2).heldAt });
  });

  it('puts dates in the key condition and every other filter in the FilterExpression; oldest first reads forward', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await items().list(query({ sort: 'oldest', from: '2026-11-01T00:00:00.000Z', channel: 'whatsapp', rule: 'casework', domain: 'example.org', q: '+44 7700 900123' }));
    const [input] = sent();
    expect(input).toMatchObject({
      IndexName: STATUS_INDEX,
      KeyConditionExpression: '#status = :status AND #heldAt >= :from',
      FilterExpression:
        '#channel = :channel AND contains(#ruleIds, :rule) AND contains(#recipientDomains, :domain) AND (contains(#search, :q0) OR contains(#search, :q1) OR (attribute_not_exists(#search) AND (contains(#sender, :q0) OR contains(#ref, :qRef))))',
      ExpressionAttributeValues: { ':status': 'held', ':from': '2026-11-01T00:00:00.000Z', ':channel': 'whatsapp', ':rule': 'casework', ':domain': 'example.org', ':q0': '+44 7700 900123', ':q1': '447700900123', ':qRef': '+44 7700 900123' },
      ScanIndexForward: true,
      // Limit counts items read before the filter: a filtered step reads more than a page.
      Limit: 100,
    });
  });

  it('cuts a step that found more than the page needs and carries on from the last item returned', async () => {
    ddb.on(QueryCommand).resolves({ Items: [item(0), item(1), item(2), item(3), item(4)], LastEvaluatedKey: { ref: item(9).ref, status: 'held', heldAt: item(9).heldAt } });
    const page = await items().list(query({ rule: 'strong-identifier' }));
    expect(page.items.map((i) => i.ref)).toEqual([item(0).ref, item(1).ref, item(2).ref]);
    expect(decodeCursor(page.cursor!, ['ref', 'status', 'heldAt'])).toEqual({ ref: item(2).ref, status: 'held', heldAt: item(2).heldAt });

    ddb.reset();
    ddb.on(QueryCommand).resolves({ Items: [item(3), item(4)] });
    const next = await items().list(query({ rule: 'strong-identifier', cursor: page.cursor! }));
    expect(sent()[0]!.ExclusiveStartKey).toEqual({ ref: item(2).ref, status: 'held', heldAt: item(2).heldAt });
    expect(next.items.map((i) => i.ref)).toEqual([item(3).ref, item(4).ref]);
    expect(next.cursor).toBeUndefined();
  });

  it('stops after a bounded number of steps and says where to carry on, even with nothing found yet', async () => {
    ddb.on(QueryCommand).resolves({ Items: [], LastEvaluatedKey: { ref: item(5).ref, status: 'held', heldAt: item(5).heldAt } });
    const page = await items().list(query({ q: 'nobody@example.net' }));
    expect(sent()).toHaveLength(5);
    expect(page.items).toEqual([]);
    expect(page.cursor).toBeDefined();
  });

  it('finds a hold reference with one read of the item, not a query', async () => {
    ddb.on(GetCommand).resolves({ Item: item(1) });
    const page = await items().list(query({ status: 'all', q: item(1).ref.toLowerCase() }));
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ TableName: HELD_TABLE, Key: { ref: item(1).ref } });
    expect(sent()).toEqual([]);
    expect(page.items.map((i) => i.ref)).toEqual([item(1).ref]);
  });

  it('sorts by councillor across every status from one full read of each status, then pages in memory', async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'held' } }).resolves({ Items: [item(0, { sender: 'cllr.zed@rushcliffe.gov.uk' })], ScannedCount: 1 });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'released' } }).resolves({ Items: [item(1, { status: 'released', sender: 'cllr.adams@rushcliffe.gov.uk' })], ScannedCount: 1 });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'rejected' } }).resolves({ Items: [], ScannedCount: 0 });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'overridden' } }).resolves({ Items: [], ScannedCount: 0 });
    const page = await items().list(query({ status: 'all', sort: 'councillor' }));
    expect(sent().map((i) => [i.IndexName, i.ExpressionAttributeValues?.[':status'], i.Limit])).toEqual([
      [STATUS_INDEX, 'held', undefined],
      [STATUS_INDEX, 'released', undefined],
      [STATUS_INDEX, 'rejected', undefined],
      [STATUS_INDEX, 'overridden', undefined],
    ]);
    expect(page.items.map((i) => i.sender)).toEqual(['cllr.adams@rushcliffe.gov.uk', 'cllr.zed@rushcliffe.gov.uk']);
  });

  it('refuses an order it would have to read too much for, saying how to narrow it', async () => {
    ddb.on(QueryCommand).resolves({ Items: [], ScannedCount: MAX_SORTED_READ + 1, LastEvaluatedKey: { ref: 'x', status: 'held', heldAt: 'y' } });
    await expect(items().list(query({ sort: 'rule' }))).rejects.toMatchObject({ status: 400, code: 'too-many-to-sort', message: expect.stringContaining('Choose dates') as unknown });
    expect(sent()).toHaveLength(1);
  });
});
