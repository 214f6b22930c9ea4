// Logs, metrics, decision records, claims and IG notices must never carry what the recognizers
// found. Messages full of personal data go through the real handler on every path (hold through
// each door, internal pass, override, unreadable input, an SES failure whose error quotes
// addresses) while every log line, metric, table write, SNS message and thrown error is captured
// and searched. Held content (held/ objects, the held-items table) and the mail itself are
// excluded: they are the personal data, kept for IG under retention.
import { S3Client } from '@aws-sdk/client-s3';
import { SendBounceCommand, SESClient } from '@aws-sdk/client-ses';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { loadEngine } from '../../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../../lib/pipeline/scan.ts';
import { memoryBucket } from '../../adapters/aws/helpers/memory-bucket.ts';
import { compose } from '../../message/mime-builders.ts';
import { captureOutput, ENV, event, lambdaContext, S3_KEY, SES_KEY, sesEvent, SETTINGS, type Captured } from './harness.ts';
import { PLANTED, PLANTED_BODY } from '../../helpers/planted-personal-data.ts';

const s3 = mockClient(S3Client);
const sesv2 = mockClient(SESv2Client);
const ses = mockClient(SESClient);
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
  ses.on(SendBounceCommand).resolves({});
  sns.on(PublishCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ddb.on(GetCommand).resolves({});
  ddb.on(PutCommand).resolves({});
  output = captureOutput();

  const messages: { raw: Buffer; recipients: string[] }[] = [];
  const errors: unknown[] = [];
  async function viaSes(raw: Buffer, recipients?: string[]): Promise<void> {
    const e = sesEvent();
    if (recipients) e.Records[0].ses.receipt.recipients = recipients;
    objects.set(SES_KEY, { body: raw, metadata: {} });
    messages.push({ raw, recipients: e.Records[0].ses.receipt.recipients });
    await handler(e, lambdaContext()).catch((error: unknown) => errors.push(error));
  }

  sesv2.on(SendEmailCommand).resolves({});
  await viaSes(await compose({ subject: `Re: ${PLANTED.name} ${PLANTED.nino}`, text: BODY, attachments: [CSV] }));
  await viaSes(await compose({ to: INTERNAL[0], subject: `About ${PLANTED.name}`, text: BODY }), INTERNAL);
  await viaSes(await compose({ subject: `[override: ${PLANTED.nino} is hers, she asked] Claim`, text: `National Insurance number ${PLANTED.nino}` }));
  await viaSes(Buffer.from(`${BODY}\r\n`));
  const viaS3 = await compose({ to: 'editor@example.org', cc: PLANTED.email, subject: PLANTED.nino, text: BODY });
  objects.set(S3_KEY, { body: viaS3, metadata: {} });
  messages.push({ raw: viaS3, recipients: ['editor@example.org', PLANTED.email] });
  await handler(event('s3-object-created.json'), lambdaContext());
  // SES refuses, quoting the recipients and the subject in its error.
  sesv2.on(SendEmailCommand).rejects(Object.assign(new Error(`Rejected ${PLANTED.email}: ${PLANTED.nino}`), { name: 'MessageRejected' }));
  await viaSes(await compose({ to: INTERNAL[0], subject: PLANTED.nino, text: BODY }), INTERNAL);
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
