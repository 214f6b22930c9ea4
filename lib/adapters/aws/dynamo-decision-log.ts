// DecisionLog on DynamoDB (GATEWAY_DECISIONS_TABLE, pk "id", TTL "expiresAt"). One item per
// delivery: id is the delivery key (DecisionRecord.key, derived from the Message-ID and the
// envelope recipients), the record's own id is kept as messageId. The same item holds the
// delivery's claim while it is being processed (see delivery-claims.ts); writing the record
// replaces the claim, so "decided" is one conditional write.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DecisionRecord } from '../../audit/decision-record.ts';
import type { DecisionLog } from '../../ports/decision-log.ts';
import { isConditionFailure } from './dynamo-conditions.ts';

export const DECIDED = 'decided';
export const IN_PROGRESS = 'in-progress';

/**
 * Records carry no message content, but they are about people's correspondence: six years, the
 * period within which a claim about it could be brought (Limitation Act 1980), then they expire.
 */
export const RECORD_RETENTION_DAYS = 6 * 366;

export class DynamoDecisionLog implements DecisionLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number = RECORD_RETENTION_DAYS,
  ) {}

  async append(record: DecisionRecord): Promise<void> {
    // A JSON round trip drops undefined fields, which the DynamoDB marshaller refuses.
    const { id, ...fields } = JSON.parse(JSON.stringify(record)) as DecisionRecord;
    const expiresAt = Math.floor(Date.parse(record.time) / 1000) + this.retentionDays * 24 * 60 * 60;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...fields, id: record.key, messageId: id, state: DECIDED, expiresAt },
          // Written once: a retry that gets this far finds the record already there.
          ConditionExpression: 'attribute_not_exists(id) OR #state <> :decided',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':decided': DECIDED },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true, ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' } }),
    );
    return Item?.state === DECIDED;
  }

  /** The stored record, as appended (for the review side and tests). */
  async get(key: string): Promise<DecisionRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true }));
    if (Item?.state !== DECIDED) return undefined;
    const { id: _key, messageId, state: _state, expiresAt: _expires, ...fields } = Item as Record<string, unknown>;
    return { ...(fields as Omit<DecisionRecord, 'id'>), id: messageId as string };
  }
}
