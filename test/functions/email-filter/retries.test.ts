// The email filter against protocol servers — s3rver for the bucket, dynalite for the tables —
// with SES and SNS mocked so that they can fail on cue. Retried and repeated invocations must
// never send, explain or notify twice, and never lose a message.
import { GetArchiveSearchCommand, GetArchiveSearchResultsCommand, MailManagerClient, StartArchiveSearchCommand } from '@aws-sdk/client-mailmanager';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryKey, emailContentId, headerMessageId } from '../../../lib/actions/message-id.ts';
import { withoutOriginHeader } from '../../../lib/adapters/aws/origin-proof.ts';
import { DynamoDecisionLog } from '../../../lib/adapters/aws/dynamo-decision-log.ts';
import { createEmailFilter, type EmailFilter } from '../../../lib/adapters/aws/email-filter.ts';
import { engineCache } from '../../../lib/adapters/aws/engine-cache.ts';
import { RetryableError } from '../../../lib/adapters/aws/errors.ts';
import { HeldItemsTable } from '../../../lib/adapters/aws/held-items.ts';
import { silentLogger } from '../../../lib/log.ts';
import { loadEngine } from '../../../lib/pipeline/load-engine.ts';
import { DECISIONS_TABLE, HELD_TABLE, startDynamo, startS3, type RunningDynamo, type RunningS3 } from '../../adapters/aws/helpers/protocol-servers.ts';
import { simpleEml } from '../../helpers/eml.ts';
import { archiveRows, captureOutput, eml, ENVELOPE_TO, event, lambdaContext, ORIGIN_TOKEN, S3_KEY, SETTINGS, type Captured } from './harness.ts';

const sesv2 = mockClient(SESv2Client);
const mailManager = mockClient(MailManagerClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);

const settings = { ...SETTINGS, decisionsTable: DECISIONS_TABLE, heldTable: HELD_TABLE };
let s3: RunningS3;
let dynamo: RunningDynamo;
let filter: EmailFilter;
let output: Captured;

beforeAll(async () => {
  [s3, dynamo] = await Promise.all([startS3(settings.bucket), startDynamo()]);
  filter = createEmailFilter(
    settings,
    {
      s3: s3.client,
      dynamo: dynamo.doc,
      sesv2: new SESv2Client({ region: 'eu-west-2' }),
      sns: new SNSClient({ region: 'eu-west-2' }),
      mailManager: new MailManagerClient({ region: 'eu-west-2' }),
      secrets: new SecretsManagerClient({ region: 'eu-west-2' }),
    },
    { logger: new Logger({ serviceName: 'email-filter' }), metrics: new Metrics({ namespace: 'Test', serviceName: 'email-filter' }), engines: engineCache(() => loadEngine(), silentLogger) },
    { archivePollMs: 0 },
  );
});
afterAll(async () => {
  await Promise.all([s3.close(), dynamo.close()]);
});
beforeEach(() => {
  output = captureOutput();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: ORIGIN_TOKEN });
  mailManager.on(StartArchiveSearchCommand).resolves({ SearchId: 'search-1' });
  mailManager.on(GetArchiveSearchCommand).resolves({ Status: { State: 'COMPLETED' } });
});
afterEach(() => {
  output.restore();
  for (const mock of [sesv2, sns, mailManager, secrets]) mock.reset();
});

const failure = () => Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $fault: 'server' });
/** Stores the message as Mail Manager does and archives it with `recipients` as its envelope. */
async function putIntake(raw: Buffer, recipients: string[]): Promise<void> {
  await s3.client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: S3_KEY, Body: raw }));
  const rows = archiveRows((r) => [{ ...r[0], MessageId: headerMessageId(raw), Envelope: { From: 'cllr.jporter@rushcliffe.gov.uk', To: recipients } }]);
  mailManager.on(GetArchiveSearchResultsCommand).resolves({ Rows: rows });
}
const keysIn = async (prefix: string) =>
  ((await s3.client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();

/** Runs the same event until it succeeds (as Lambda's retries would), then once more (a duplicate delivery). */
async function invokeUntilDone(event: unknown, attempts: number): Promise<unknown[]> {
  const errors: unknown[] = [];
  for (let i = 0; i < attempts; i += 1) {
    try {
      await filter(event, lambdaContext());
      break;
    } catch (error) {
      errors.push(error);
    }
  }
  await filter(event, lambdaContext());
  return errors;
}

describe('retries against s3rver and dynalite', () => {
  it('a pass whose second batch failed sends only that batch again, and a duplicate sends nothing', async () => {
    const raw = Buffer.from(`X-Gateway-Origin: ${ORIGIN_TOKEN}\r\n${simpleEml({ to: 'Ward newsletter <newsletter@example.org>', body: 'The ward surgery moves to Saturday.' })}`);
    const recipients = Array.from({ length: 60 }, (_, i) => `reader${i}@example.org`);
    await putIntake(raw, recipients);
    sesv2.on(SendEmailCommand).resolvesOnce({}).rejectsOnce(failure()).resolves({});

    const errors = await invokeUntilDone(event('s3-object-created.json'), 3);
    expect(errors).toEqual([expect.any(RetryableError)]);
    expect(sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses)).toEqual([
      recipients.slice(0, 50),
      recipients.slice(50),
      recipients.slice(50),
    ]);
    const key = deliveryKey(emailContentId(withoutOriginHeader(raw)), recipients);
    expect(await new DynamoDecisionLog(dynamo.doc, DECISIONS_TABLE).get(key)).toMatchObject({ decision: 'pass', delivered: true });
    expect(await keysIn('intake/')).toEqual([]);
  });

  it('a hold whose IG notice failed is retried without a second explanation or a second reference', async () => {
    const raw = eml('s3-object-created.eml');
    await putIntake(raw, ENVELOPE_TO);
    sesv2.on(SendEmailCommand).resolves({ MessageId: 'explained' });
    sns.on(PublishCommand).rejectsOnce(failure()).resolves({ MessageId: 'n' });

    const errors = await invokeUntilDone(event('s3-object-created.json'), 3);
    expect(errors).toEqual([expect.any(RetryableError)]);
    // One explanation to the councillor, nothing to any recipient.
    expect(sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses)).toEqual([['cllr.jporter@rushcliffe.gov.uk']]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);

    const outside = ENVELOPE_TO.filter((r) => !r.endsWith('@rushcliffe.gov.uk'));
    // The origin header is removed before anything else; the Message-ID, and so the key, is the same.
    const key = deliveryKey(emailContentId(withoutOriginHeader(raw)), outside);
    const record = await new DynamoDecisionLog(dynamo.doc, DECISIONS_TABLE).get(key);
    expect(record).toMatchObject({ decision: 'hold', delivered: false });
    const reference = record!.holdReference!;
    expect(await keysIn('held/')).toEqual([`held/${reference}.eml`, `held/${reference}.json`, `held/keys/${key}.json`]);
    expect(await new HeldItemsTable(dynamo.doc, HELD_TABLE).get(reference)).toMatchObject({ ref: reference, status: 'held', s3Key: `held/${reference}.eml` });
    const published = sns.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message!).reference);
    expect(published).toEqual([reference, reference]);
    expect(await keysIn('intake/')).toEqual([]);
  });
});
