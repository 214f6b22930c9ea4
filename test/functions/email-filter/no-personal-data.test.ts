// Logs, metrics, decision records, claims and IG notices must never carry what the recognizers
// found. Messages full of personal data go through the real handler on every path (hold, internal
// recipients only, override, unreadable input, no proof of origin, an SES failure and an SES
// refusal whose errors quote addresses) while every log line, metric, table write, SNS message and thrown error is captured
// and searched. Held content (held/ objects, the held-items table) and the mail itself are
// excluded: they are the personal data, kept for IG under retention.
import { GetArchiveSearchCommand, GetArchiveSearchResultsCommand, MailManagerClient, StartArchiveSearchCommand } from '@aws-sdk/client-mailmanager';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { headerMessageId } from '../../../lib/actions/message-id.ts';
import { loadEngine } from '../../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../../lib/pipeline/scan.ts';
import { memoryBucket } from '../../adapters/aws/helpers/memory-bucket.ts';
import { compose } from '../../message/mime-builders.ts';
import { archiveRows, captureOutput, ENV, event, lambdaContext, ORIGIN_TOKEN, S3_KEY, SETTINGS, type Captured } from './harness.ts';
import { PLANTED, PLANTED_BODY } from '../../helpers/planted-personal-data.ts';

const s3 = mockClient(S3Client);
const sesv2 = mockClient(SESv2Client);
const mailManager = mockClient(MailManagerClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const ddb = mockClient(DynamoDBDocumentClient);

const BODY = PLANTED_BODY;
const CSV = { filename: `${PLANTED.name} ${PLANTED.ninoCompact}.csv`, content: `name,nino,phone\n${PLANTED.name},${PLANTED.nino},${PLANTED.phone}\n` };
const INTERNAL = ['officer@rushcliffe.gov.uk'];

let output: Captured;
afterAll(() => output?.restore());

beforeAll(() => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
});

it('never writes a detected value to a log line, metric, record, claim, IG notice or error', async () => {
  const { handler } = await import('../../../functions/email-filter/handler.ts');
  const objects = memoryBucket(s3);
  secrets.on(GetSecretValueCommand).resolves({ SecretString: ORIGIN_TOKEN });
  mailManager.on(StartArchiveSearchCommand).resolves({ SearchId: 'search-1' });
  mailManager.on(GetArchiveSearchCommand).resolves({ Status: { State: 'COMPLETED' } });
  sns.on(PublishCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ddb.on(GetCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  // The override re-send looks for held copies of its message: none here.
  ddb.on(QueryCommand).resolves({ Items: [] });
  output = captureOutput();

  const messages: { raw: Buffer; recipients: string[] }[] = [];
  const errors: unknown[] = [];
  /** As the transport rule stamps it and Mail Manager writes and archives it. */
  async function viaMailManager(message: Buffer, recipients = ['editor@example.org', PLANTED.email]): Promise<void> {
    const raw = Buffer.concat([Buffer.from(`X-Gateway-Origin: ${ORIGIN_TOKEN}\r\n`), message]);
    objects.set(S3_KEY, { body: raw, metadata: {} });
    const rows = archiveRows((r) => [{ ...r[0], MessageId: headerMessageId(raw), Envelope: { From: 'cllr.jporter@rushcliffe.gov.uk', To: recipients } }]);
    mailManager.on(GetArchiveSearchResultsCommand).resolves({ Rows: rows });
    messages.push({ raw, recipients });
    await handler(event('s3-object-created.json'), lambdaContext()).catch((error: unknown) => errors.push(error));
  }

  sesv2.on(SendEmailCommand).resolves({});
  await viaMailManager(await compose({ subject: `Re: ${PLANTED.name} ${PLANTED.nino}`, text: BODY, attachments: [CSV] }));
  await viaMailManager(await compose({ to: INTERNAL[0], subject: `About ${PLANTED.name}`, text: BODY }), INTERNAL);
  await viaMailManager(await compose({ subject: `[override: ${PLANTED.nino} is hers, she asked] Claim`, text: `National Insurance number ${PLANTED.nino}` }));
  await viaMailManager(Buffer.from(`${BODY}\r\n`));
  // No proof of origin: dropped, and the log says why without saying what.
  const unproved = await compose({ to: 'editor@example.org', cc: PLANTED.email, subject: PLANTED.nino, text: BODY });
  objects.set(S3_KEY, { body: unproved, metadata: {} });
  await handler(event('s3-object-created.json'), lambdaContext());
  // SES fails, then refuses, quoting the recipients and the subject in its errors.
  const clean = () => compose({ to: 'editor@example.org', subject: `Surgery ${PLANTED.name}`, text: 'The surgery moves to Saturday.' });
  sesv2.on(SendEmailCommand).rejects(Object.assign(new Error(`Unavailable for ${PLANTED.email}: ${PLANTED.nino}`), { name: 'ServiceUnavailable', $fault: 'server' }));
  await viaMailManager(await clean(), ['editor@example.org']);
  sesv2.reset();
  sesv2
    .on(SendEmailCommand, { FromEmailAddress: SETTINGS.senderAddress })
    .resolves({})
    .on(SendEmailCommand, { Destination: { ToAddresses: [PLANTED.email] } })
    .rejects(Object.assign(new Error(`Rejected ${PLANTED.email}: ${PLANTED.nino}`), { name: 'MessageRejected', $fault: 'client' }));
  await viaMailManager(await clean(), [PLANTED.email]);
  output.restore();

  const engine = await loadEngine();
  const detected: string[] = [];
  for (const { raw, recipients } of messages) {
    const result = await scanEmail(engine, raw, { sender: 'cllr.jporter@rushcliffe.gov.uk', recipients });
    for (const f of result.findings) {
      const text = result.message?.parts.find((p) => p.id === f.partId)?.text ?? '';
      if (f.end > f.start) detected.push(text.slice(f.start, f.end));
    }
  }
  expect(detected).toEqual(expect.arrayContaining([PLANTED.nino, PLANTED.phone, PLANTED.email]));

  const decisionWrites = [...ddb.commandCalls(PutCommand), ...ddb.commandCalls(UpdateCommand)]
    .map((c) => c.args[0].input)
    .filter((input) => input.TableName === SETTINGS.decisionsTable);
  const everything = [
    ...output.lines,
    ...decisionWrites.map((input) => JSON.stringify(input, (_k, v: unknown) => (v instanceof Set ? [...v] : v))),
    ...sns.commandCalls(PublishCommand).map((c) => JSON.stringify(c.args[0].input)),
    ...errors.map((e) => `${String(e)}\n${(e as Error).stack}`),
  ].join('\n');

  expect(errors).toHaveLength(1);
  expect(everything).toContain('"decision":"hold"');
  expect(everything).toContain('"decision":"pass"');
  expect(everything).toContain('"Held"');
  for (const value of new Set([...detected, ...Object.values(PLANTED)])) {
    expect(everything, `"${value}" was written`).not.toContain(value);
  }
});
