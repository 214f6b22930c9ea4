// The commands the held-items table is sent when an override re-send settles the held copies of
// its message: a query of the resend index (all pages), then the same conditional update a
// release makes. Mocked AWS: what we send; dynalite (test/review/aws-review-items.test.ts): that it works.
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveOverride } from '../../../lib/actions/resolve-override.ts';
import { DynamoReviewItems, RESEND_INDEX } from '../../../lib/adapters/aws/review-held-items.ts';

const TABLE = 'held-table';
const KEY = 'c'.repeat(40);
const dynamo = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));

function item(ref: string, status: string) {
  return { ref, status, channel: 'email', heldAt: '2026-11-25T09:00:00.000Z', sender: 'cllr@rushcliffe.gov.uk', recipientDomains: ['example.org'], ruleIds: ['strong-identifier'], s3Key: `held/${ref}.eml`, metaS3Key: `held/${ref}.json`, expiresAt: 1_800_000_000, resendKey: KEY };
}

afterEach(() => dynamo.reset());

describe('DynamoReviewItems for an override re-send', () => {
  it('queries the resend index page by page and marks the held copy overridden on condition it is still held', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [item('H-20261125-DDDDDD', 'held')], LastEvaluatedKey: { ref: 'H-20261125-DDDDDD', resendKey: KEY, heldAt: '2026-11-25T09:00:00.000Z' } })
      .resolvesOnce({ Items: [item('H-20261125-EEEEEE', 'rejected')] });
    dynamo.on(GetCommand).resolves({ Item: item('H-20261125-DDDDDD', 'held') });
    dynamo.on(UpdateCommand).resolves({});
    const items = new DynamoReviewItems(client, TABLE, () => Promise.resolve(undefined));
    const review = { by: 'cllr@rushcliffe.gov.uk', at: '2026-11-25T11:00:00.000Z', action: 'overridden' as const, note: 'the resident asked for it' };

    expect(await resolveOverride(items, KEY, review)).toEqual({ overridden: ['H-20261125-DDDDDD'], released: [], rejected: ['H-20261125-EEEEEE'] });

    const queries = dynamo.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(2);
    expect(queries[0]).toMatchObject({ TableName: TABLE, IndexName: RESEND_INDEX, KeyConditionExpression: '#resendKey = :resendKey', ExpressionAttributeValues: { ':resendKey': KEY } });
    expect(queries[1]!.ExclusiveStartKey).toEqual({ ref: 'H-20261125-DDDDDD', resendKey: KEY, heldAt: '2026-11-25T09:00:00.000Z' });
    const updates = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      Key: { ref: 'H-20261125-DDDDDD' },
      ConditionExpression: '#status = :from',
      ExpressionAttributeValues: { ':to': 'overridden', ':from': 'held', ':review': review },
    });
  });

  it('leaves a copy IG released in the same moment released, and reports it', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [item('H-20261125-DDDDDD', 'held')] });
    dynamo.on(GetCommand).resolvesOnce({ Item: item('H-20261125-DDDDDD', 'held') }).resolves({ Item: item('H-20261125-DDDDDD', 'released') });
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    const items = new DynamoReviewItems(client, TABLE, () => Promise.resolve(undefined));
    const review = { by: 'cllr@rushcliffe.gov.uk', at: '2026-11-25T11:00:00.000Z', action: 'overridden' as const, note: 'the resident asked for it' };
    expect(await resolveOverride(items, KEY, review)).toEqual({ overridden: [], released: ['H-20261125-DDDDDD'], rejected: [] });
  });
});
