import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryClaims } from '../../../lib/adapters/aws/delivery-claims.ts';
import { DynamoDecisionLog, RECORD_RETENTION_DAYS } from '../../../lib/adapters/aws/dynamo-decision-log.ts';
import { RetryableError } from '../../../lib/adapters/aws/errors.ts';
import { heldItemOf, HeldItemsTable } from '../../../lib/adapters/aws/held-items.ts';
import type { DecisionRecord } from '../../../lib/audit/decision-record.ts';
import { heldMeta } from './helpers/held-meta.ts';
import { DECISIONS_TABLE, HELD_TABLE, startDynamo, type RunningDynamo } from './helpers/protocol-servers.ts';

const KEY = 'c0ffee'.repeat(5) + 'ab';
const RECORD: DecisionRecord = {
  id: '<LO2P123MB67219A4E@LO2P123MB6721.GBRP123.PROD.OUTLOOK.COM>',
  key: KEY,
  channel: 'email',
  time: '2025-11-24T10:02:43.000Z',
  sender: 'cllr.jporter@rushcliffe.gov.uk',
  recipientDomains: ['housing.example'],
  decision: 'hold',
  delivered: false,
  mode: 'enforce',
  external: true,
  rules: ['strong-identifier'],
  findings: [{ type: 'uk-nino', category: 'personal', count: 1, counted: 1, parts: ['body'] }],
  ruleSetVersion: 'v1',
  timings: { parseMs: 1, detectMs: 2, decideMs: 0.1, actMs: 5, totalMs: 8.1 },
  holdReference: 'H-20251124-ABCDEF',
};
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('DynamoDB adapters (mocked: the commands sent)', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  afterEach(() => ddb.reset());
  afterAll(() => ddb.restore());
  const doc = () => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-2' }));

  it('appends a record once, keyed by the delivery key, with its TTL', async () => {
    ddb.on(PutCommand).resolves({});
    await new DynamoDecisionLog(doc(), DECISIONS_TABLE).append(RECORD);
    const [input] = ddb.commandCalls(PutCommand).map((c) => c.args[0].input);
    const { id: messageId, ...fields } = RECORD;
    expect(input).toEqual({
      TableName: DECISIONS_TABLE,
      Item: { ...fields, id: KEY, messageId, state: 'decided', expiresAt: Date.parse(RECORD.time) / 1000 + RECORD_RETENTION_DAYS * 86400 },
      ConditionExpression: 'attribute_not_exists(id) OR #state <> :decided',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':decided': 'decided' },
    });
  });

  it('treats a record already there as appended, and surfaces other failures', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).rejectsOnce(new Error('ProvisionedThroughputExceeded'));
    const log = new DynamoDecisionLog(doc(), DECISIONS_TABLE);
    await expect(log.append(RECORD)).resolves.toBeUndefined();
    await expect(log.append(RECORD)).rejects.toThrow('ProvisionedThroughputExceeded');
  });

  it('claims with a conditional update and reads the claim when it is refused', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { id: KEY, state: 'in-progress', leaseUntil: 2_000 } });
    const result = await new DeliveryClaims(doc(), DECISIONS_TABLE, () => 1_000).claim(KEY, 60_000);
    expect(result).toEqual({ status: 'busy' });
    const [update] = ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(update).toMatchObject({
      Key: { id: KEY },
      ConditionExpression: 'attribute_not_exists(id) OR (#state = :inProgress AND leaseUntil < :now)',
      ExpressionAttributeValues: { ':inProgress': 'in-progress', ':until': 61_000, ':now': 1_000 },
    });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ Key: { id: KEY }, ConsistentRead: true });
  });
});

describe('DynamoDB adapters against dynalite (the commands work)', () => {
  let dynamo: RunningDynamo;
  beforeAll(async () => {
    dynamo = await startDynamo();
  });
  afterAll(async () => {
    await dynamo.close();
  });

  it('decision log: has() is false until the record is appended; appending twice keeps the first', async () => {
    const log = new DynamoDecisionLog(dynamo.doc, DECISIONS_TABLE);
    const key = 'a1'.repeat(16);
    expect(await log.has(key)).toBe(false);
    await log.append({ ...RECORD, key });
    await log.append({ ...RECORD, key, decision: 'pass' });
    expect(await log.has(key)).toBe(true);
    expect(await log.get(key)).toEqual({ ...RECORD, key });
  });

  it('claims: one invocation at a time, steps survive a release, a decided delivery is not claimed again', async () => {
    let now = 1_000_000;
    const claims = new DeliveryClaims(dynamo.doc, DECISIONS_TABLE, () => now);
    const key = 'b2'.repeat(16);
    const first = await claims.claim(key, 60_000);
    if (first.status !== 'claimed') throw new Error('expected a claim');
    expect(await claims.claim(key, 60_000)).toEqual({ status: 'busy' });

    const effects: string[] = [];
    await first.claim.once('deliver:0', async () => effects.push('deliver:0'));
    await first.claim.release();

    const retry = await claims.claim(key, 60_000);
    if (retry.status !== 'claimed') throw new Error('expected the released delivery to be claimed again');
    await retry.claim.once('deliver:0', async () => effects.push('deliver:0 again'));
    await retry.claim.once('deliver:1', async () => effects.push('deliver:1'));
    expect(effects).toEqual(['deliver:0', 'deliver:1']);

    // The first invocation, released, can no longer record steps: it lost the claim.
    await expect(first.claim.once('notify:x', async () => undefined)).rejects.toBeInstanceOf(RetryableError);

    await new DynamoDecisionLog(dynamo.doc, DECISIONS_TABLE).append({ ...RECORD, key });
    now += 10 * 60_000;
    expect(await claims.claim(key, 60_000)).toEqual({ status: 'decided' });
  });

  it('claims: the intake object a delivery came from counts as decided once the delivery is', async () => {
    const claims = new DeliveryClaims(dynamo.doc, DECISIONS_TABLE);
    const key = 'e5'.repeat(16);
    expect(await claims.intakeDecided('ses-message-1')).toBe(false);
    expect((await claims.claim(key, 60_000, 'ses-message-1')).status).toBe('claimed');
    expect(await claims.intakeDecided('ses-message-1')).toBe(false);
    await new DynamoDecisionLog(dynamo.doc, DECISIONS_TABLE).append({ ...RECORD, key });
    expect(await claims.intakeDecided('ses-message-1')).toBe(true);
    expect(await claims.intakeDecided('ses-message-2')).toBe(false);
  });

  it('claims: a crashed invocation’s lease runs out and the delivery can be claimed again', async () => {
    let now = 5_000_000;
    const claims = new DeliveryClaims(dynamo.doc, DECISIONS_TABLE, () => now);
    const key = 'c3'.repeat(16);
    expect((await claims.claim(key, 60_000)).status).toBe('claimed');
    now += 59_000;
    expect((await claims.claim(key, 60_000)).status).toBe('busy');
    now += 2_000;
    expect((await claims.claim(key, 60_000)).status).toBe('claimed');
  });

  it('held items: written with the documented shape; a retried hold does not undo a review', async () => {
    const table = new HeldItemsTable(dynamo.doc, HELD_TABLE);
    const meta = heldMeta('H-20251124-QRSTVW', 'd4'.repeat(16));
    const item = heldItemOf(meta, { s3Key: 'held/H-20251124-QRSTVW.eml', metaS3Key: 'held/H-20251124-QRSTVW.json' }, 30);
    expect(item).toEqual({
      ref: 'H-20251124-QRSTVW',
      status: 'held',
      channel: 'email',
      heldAt: '2025-11-24T10:02:43.000Z',
      sender: 'cllr.jporter@rushcliffe.gov.uk',
      recipientDomains: ['housing.example', 'rushcliffe.gov.uk'],
      recipients: meta.envelope.to,
      search: expect.stringContaining('daniel.hughes@housing.example') as unknown,
      subject: 'Re: Damp and mould',
      ruleIds: ['strong-identifier', 'contact-profile'],
      s3Key: 'held/H-20251124-QRSTVW.eml',
      metaS3Key: 'held/H-20251124-QRSTVW.json',
      expiresAt: Date.parse('2025-11-24T10:02:43.000Z') / 1000 + 30 * 86400,
    });
    await table.put(item);
    expect(await table.get(item.ref)).toEqual(item);

    await dynamo.doc.send(new UpdateCommand({ TableName: HELD_TABLE, Key: { ref: item.ref }, UpdateExpression: 'SET #s = :r', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':r': 'released' } }));
    await table.put(item);
    expect((await table.get(item.ref))?.status).toBe('released');
  });

  it('held items: an empty subject is left out', () => {
    const item = heldItemOf(heldMeta('H-20251124-QRSTVW', 'd4'.repeat(16), { subject: '' }), { s3Key: 'a', metaS3Key: 'b' }, 30);
    expect(item).not.toHaveProperty('subject');
  });
});
