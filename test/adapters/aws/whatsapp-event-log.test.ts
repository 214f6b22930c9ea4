// The webhook's event log on DynamoDB: the commands it sends (mocked), and the same log against
// dynalite (the DynamoDB API in process), where the conditional write really has to hold.
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_RETENTION_DAYS } from '../../../lib/adapters/aws/dynamo-decision-log.ts';
import { DynamoWhatsAppEventLog } from '../../../lib/adapters/aws/whatsapp-event-log.ts';
import type { WhatsAppEventRecord } from '../../../lib/ports/whatsapp-event-log.ts';
import { DECISIONS_TABLE, startDynamo, type RunningDynamo } from './helpers/protocol-servers.ts';

const EVENT: WhatsAppEventRecord = {
  key: 'status:wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgg:delivered',
  channel: 'whatsapp',
  kind: 'status',
  field: 'messages',
  receivedAt: '2025-11-24T10:00:00.000Z',
  phoneNumberId: '106540352242922',
  messageId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgg',
  status: 'delivered',
  errorCodes: undefined,
};
const ID = `whatsapp-event#${EVENT.key}`;

describe('DynamoWhatsAppEventLog (mocked: the commands sent)', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  afterEach(() => ddb.reset());
  afterAll(() => ddb.restore());
  const log = () => new DynamoWhatsAppEventLog(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' })), DECISIONS_TABLE);

  it('writes each event once, prefixed in the decisions table, with the records\' retention', async () => {
    ddb.on(PutCommand).resolves({});
    await log().record(EVENT);
    const { errorCodes: _undefined, ...fields } = EVENT;
    expect(ddb.commandCalls(PutCommand).map((c) => c.args[0].input)).toEqual([
      {
        TableName: DECISIONS_TABLE,
        Item: { ...fields, id: ID, expiresAt: Date.parse(EVENT.receivedAt) / 1000 + RECORD_RETENTION_DAYS * 86400 },
        ConditionExpression: 'attribute_not_exists(id)',
      },
    ]);
  });

  it('treats an event already recorded as recorded, and surfaces other failures', async () => {
    ddb.on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))
      .rejectsOnce(new Error('ProvisionedThroughputExceededException'));
    await expect(log().record(EVENT)).resolves.toBeUndefined();
    await expect(log().record(EVENT)).rejects.toThrow('ProvisionedThroughputExceededException');
  });

  it.each([
    ['present', { Item: { id: ID } }, true],
    ['absent', {}, false],
  ])('asks with a consistent read whether an event is %s', async (_name, output, expected) => {
    ddb.on(GetCommand).resolves(output);
    expect(await log().has(EVENT.key)).toBe(expected);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toEqual({ TableName: DECISIONS_TABLE, Key: { id: ID }, ConsistentRead: true, ProjectionExpression: 'id' });
  });
});

describe('DynamoWhatsAppEventLog (dynalite)', () => {
  let dynamo: RunningDynamo;
  beforeAll(async () => {
    dynamo = await startDynamo();
  });
  afterAll(() => dynamo.close());

  it('records an event once and then knows it', async () => {
    const log = new DynamoWhatsAppEventLog(dynamo.doc, DECISIONS_TABLE);
    expect(await log.has(EVENT.key)).toBe(false);
    await log.record(EVENT);
    await log.record({ ...EVENT, receivedAt: '2025-11-25T10:00:00.000Z' });
    expect(await log.has(EVENT.key)).toBe(true);
    const { Item } = await dynamo.doc.send(new GetCommand({ TableName: DECISIONS_TABLE, Key: { id: ID } }));
    expect(Item).toMatchObject({ kind: 'status', status: 'delivered', receivedAt: EVENT.receivedAt });
  });
});
