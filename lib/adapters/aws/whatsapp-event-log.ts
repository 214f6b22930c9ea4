// WhatsAppEventLog on DynamoDB, in the decisions table (GATEWAY_DECISIONS_TABLE, pk "id"): one
// item per webhook event, id "whatsapp-event#<event key>", written once with a conditional put so
// concurrent deliveries of the same event record it once. Kept as long as decision records.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WhatsAppEventLog, WhatsAppEventRecord } from '../../ports/whatsapp-event-log.ts';
import { isConditionFailure } from './dynamo-conditions.ts';
import { RECORD_RETENTION_DAYS } from './dynamo-decision-log.ts';

export const EVENT_ID_PREFIX = 'whatsapp-event#';

export class DynamoWhatsAppEventLog implements WhatsAppEventLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retentionDays: number = RECORD_RETENTION_DAYS,
  ) {}

  async has(key: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { id: `${EVENT_ID_PREFIX}${key}` }, ConsistentRead: true, ProjectionExpression: 'id' }),
    );
    return Item !== undefined;
  }

  async record(event: WhatsAppEventRecord): Promise<void> {
    const expiresAt = Math.floor(Date.parse(event.receivedAt) / 1000) + this.retentionDays * 24 * 60 * 60;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          // A JSON round trip drops undefined fields, which the DynamoDB marshaller refuses.
          Item: { ...(JSON.parse(JSON.stringify(event)) as WhatsAppEventRecord), id: `${EVENT_ID_PREFIX}${event.key}`, expiresAt },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}
