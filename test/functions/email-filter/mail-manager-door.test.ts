// The email filter as the Mail Manager door runs it, against protocol servers — s3rver for the
// bucket, dynalite for the tables — with SES, SNS, Secrets Manager and the Mail Manager archive
// API mocked. What it must show (docs/adr/0001-outbound-email-door.md): the envelope from the
// archive is delivered to exactly (Bcc included), internal recipients Exchange already served get
// no second copy, nothing without proof of origin or with a From outside the council is ever
// sent, a message whose envelope cannot be established is held, and a send SES refuses is held
// and told to the councillor and IG instead of vanishing into the failure queue.
import { GetArchiveSearchCommand, GetArchiveSearchResultsCommand, MailManagerClient, StartArchiveSearchCommand } from '@aws-sdk/client-mailmanager';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryKey, emailContentId, headerMessageId } from '../../../lib/actions/message-id.ts';
import { DynamoDecisionLog } from '../../../lib/adapters/aws/dynamo-decision-log.ts';
import { ARCHIVE_WAIT_MS, createEmailFilter, type EmailFilter } from '../../../lib/adapters/aws/email-filter.ts';
import { withoutOriginHeader } from '../../../lib/adapters/aws/origin-proof.ts';
import { engineCache } from '../../../lib/adapters/aws/engine-cache.ts';
import { RetryableError } from '../../../lib/adapters/aws/errors.ts';
import { silentLogger } from '../../../lib/log.ts';
import { loadEngine } from '../../../lib/pipeline/load-engine.ts';
import { simpleEml } from '../../helpers/eml.ts';
import { DECISIONS_TABLE, HELD_TABLE, startDynamo, startS3, type RunningDynamo, type RunningS3 } from '../../adapters/aws/helpers/protocol-servers.ts';
import { archiveRows, captureOutput, eml, ENVELOPE_TO, event, jsonLines, lambdaContext, ORIGIN_TOKEN, S3_KEY, SETTINGS, type Captured } from './harness.ts';

const sesv2 = mockClient(SESv2Client);
const sns = mockClient(SNSClient);
const mailManager = mockClient(MailManagerClient);
const secrets = mockClient(SecretsManagerClient);

const settings = { ...SETTINGS, decisionsTable: DECISIONS_TABLE, heldTable: HELD_TABLE };
let s3: RunningS3;
let dynamo: RunningDynamo;
let output: Captured;
/** The filter's clock: set per test relative to when the intake object was written. */
let clock: Date;
let filter: EmailFilter;

/** A filter with cold caches (the origin token is cached per container, as on Lambda). */
function coldFilter(): EmailFilter {
  return createEmailFilter(
    settings,
    {
      s3: s3.client,
      dynamo: dynamo.doc,
      sesv2: new SESv2Client({ region: 'eu-west-2' }),
      sns: new SNSClient({ region: 'eu-west-2' }),
      mailManager: new MailManagerClient({ region: 'eu-west-2' }),
      secrets: new SecretsManagerClient({ region: 'eu-west-2' }),
    },
    {
      logger: new Logger({ serviceName: 'email-filter' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'email-filter' }),
      engines: engineCache(() => loadEngine(), silentLogger),
      now: () => clock,
    },
    { archivePollMs: 0 },
  );
}

beforeAll(async () => {
  [s3, dynamo] = await Promise.all([startS3(settings.bucket), startDynamo()]);
  filter = coldFilter();
});
afterAll(async () => {
  await Promise.all([s3.close(), dynamo.close()]);
});
beforeEach(() => {
  output = captureOutput();
  clock = new Date();
  secrets.on(GetSecretValueCommand, { SecretId: settings.originSecretName }).resolves({ SecretString: ORIGIN_TOKEN });
  sesv2.on(SendEmailCommand).resolves({ MessageId: 'sent' });
  sns.on(PublishCommand).resolves({ MessageId: 'published' });
  mailManager.on(StartArchiveSearchCommand).resolves({ SearchId: 'search-1' });
  mailManager.on(GetArchiveSearchCommand).resolvesOnce({ Status: { State: 'RUNNING' } }).resolves({ Status: { State: 'COMPLETED' } });
});
afterEach(async () => {
  output.restore();
  for (const mock of [sesv2, sns, mailManager, secrets]) mock.reset();
  // Each test starts with an empty bucket.
  for (const key of await keysIn('')) await s3.client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: key }));
});

const keysIn = async (prefix: string) =>
  ((await s3.client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();

/** Each test its own object and Message-ID, so that no decision of one test is a duplicate in another. */
let serial = 0;
function intakeKey(): string {
  serial += 1;
  return `${S3_KEY}-${serial}`;
}
function eventFor(key: string) {
  const e = event('s3-object-created.json');
  e.Records[0].s3.object.key = key;
  return e;
}

/** Stores `raw` as Mail Manager would and archives it with `envelopeTo` (undefined: not archived). */
async function arrive(raw: Buffer, envelopeTo: string[] | undefined, from = 'cllr.jporter@rushcliffe.gov.uk'): Promise<string> {
  const key = intakeKey();
  await s3.client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: raw }));
  const rows = envelopeTo
    ? archiveRows((r) => r.map((row) => ({ ...row, MessageId: headerMessageId(raw), Envelope: { ...row.Envelope, From: from, To: envelopeTo } })))
    : [];
  mailManager.on(GetArchiveSearchResultsCommand, { SearchId: 'search-1' }).resolves({ Rows: rows });
  return key;
}

/** A message with nothing the rules hold for, stamped by the transport rule unless told otherwise. */
function clean(options: { to: string; cc?: string; from?: string; token?: string | null; id?: string }): Buffer {
  const text = simpleEml({
    to: options.to,
    ...(options.cc ? { cc: options.cc } : {}),
    ...(options.from ? { from: options.from } : {}),
    body: 'The ward surgery moves to the library on Saturday from 10am.',
  }).replace('<simple-test@rushcliffe.gov.uk>', `<${options.id ?? `door-${serial + 1}`}@rushcliffe.gov.uk>`);
  const token = options.token === undefined ? ORIGIN_TOKEN : options.token;
  return Buffer.from(token === null ? text : `X-Gateway-Origin: ${token}\r\n${text}`);
}

const sends = () => sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
const passedSends = () => sends().filter((s) => s.FromEmailAddress === undefined);
const noticesToSender = () => sends().filter((s) => s.FromEmailAddress === settings.senderAddress);
const published = () => sns.commandCalls(PublishCommand).map((c) => JSON.parse(c.args[0].input.Message!) as { kind: string; reference: string; summary: string });
const metricsWritten = () => jsonLines(output).filter((l) => '_aws' in l);
const record = (raw: Buffer, to: string[]) => new DynamoDecisionLog(dynamo.doc, DECISIONS_TABLE).get(deliveryKey(emailContentId(withoutOriginHeader(raw)), to));

describe('envelope exactly', () => {
  it('delivers to a Bcc-only outside recipient that no header names', async () => {
    const raw = clean({ to: 'housing.options@rushcliffe.gov.uk' });
    const key = await arrive(raw, ['housing.options@rushcliffe.gov.uk', 'friends.of.gresham@example.org']);
    await filter(eventFor(key), lambdaContext());
    expect(passedSends().map((s) => s.Destination?.ToAddresses)).toEqual([['friends.of.gresham@example.org']]);
    expect(await record(raw, ['friends.of.gresham@example.org'])).toMatchObject({ decision: 'pass', delivered: true });
    expect(await keysIn('intake/')).toEqual([]);
  });

  it('sends no second copy to internal recipients, in the headers or the envelope', async () => {
    const raw = clean({ to: 'editor@westbridgford-wire.example', cc: 'Housing Options <housing.options@rushcliffe.gov.uk>, planning@rushcliffe.gov.uk' });
    const key = await arrive(raw, ['editor@westbridgford-wire.example', 'housing.options@rushcliffe.gov.uk']);
    await filter(eventFor(key), lambdaContext());
    expect(passedSends().map((s) => s.Destination?.ToAddresses)).toEqual([['editor@westbridgford-wire.example']]);
  });

  it('sends nothing when every envelope recipient is internal', async () => {
    const raw = clean({ to: 'editor@westbridgford-wire.example' });
    const key = await arrive(raw, ['housing.options@rushcliffe.gov.uk']);
    await filter(eventFor(key), lambdaContext());
    expect(sends()).toEqual([]);
    expect(await keysIn('intake/')).toEqual([]);
    expect(metricsWritten()).toContainEqual(expect.objectContaining({ NothingToSend: 1 }));
  });

  it('takes the origin header out of what it sends, and leaves every other byte', async () => {
    const raw = clean({ to: 'editor@westbridgford-wire.example' });
    const key = await arrive(raw, ['editor@westbridgford-wire.example']);
    await filter(eventFor(key), lambdaContext());
    const sent = Buffer.from(passedSends()[0]!.Content!.Raw!.Data!).toString('latin1');
    expect(sent).not.toContain('X-Gateway-Origin');
    expect(sent).not.toContain(ORIGIN_TOKEN);
    expect(sent).toContain('The ward surgery moves to the library');
  });

  it('holds the sample casework message for its outside recipients only, the Bcc among them', async () => {
    const raw = eml('s3-object-created.eml');
    const key = await arrive(raw, ENVELOPE_TO);
    await filter(eventFor(key), lambdaContext());
    expect(passedSends()).toEqual([]);
    const outside = ['daniel.hughes@nottinghamshire-housing.example', 'sam.okafor@gmail.example'];
    const held = await record(raw, outside);
    expect(held).toMatchObject({ decision: 'hold', delivered: false, recipientDomains: ['gmail.example', 'nottinghamshire-housing.example'] });
    expect(noticesToSender().map((s) => s.Destination?.ToAddresses)).toEqual([['cllr.jporter@rushcliffe.gov.uk']]);
    const heldCopy = (await keysIn('held/')).filter((k) => k.endsWith('.eml'));
    expect(heldCopy).toEqual([`held/${held!.holdReference}.eml`]);
  });
});

describe('proof of origin', () => {
  it.each([
    ['no token', clean({ to: 'editor@westbridgford-wire.example', token: null, id: 'no-token' }), 'no-token'],
    ['a wrong token', clean({ to: 'editor@westbridgford-wire.example', token: 'x'.repeat(48), id: 'wrong-token' }), 'wrong-token'],
    [
      'a From outside the council',
      clean({ to: 'editor@westbridgford-wire.example', from: 'Jane <jane.porter@outlook.example>', id: 'outside-from' }),
      'from-outside',
    ],
  ])('never sends a message with %s, drops it and counts it', async (_what, raw, reason) => {
    const key = await arrive(raw, ['editor@westbridgford-wire.example']);
    await filter(eventFor(key), lambdaContext());
    expect(sends()).toEqual([]);
    expect(published()).toEqual([]);
    expect(mailManager.commandCalls(StartArchiveSearchCommand)).toEqual([]);
    expect(await keysIn('intake/')).toEqual([]);
    expect(await keysIn('held/')).toEqual([]);
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ message: 'message without proof of origin dropped', reason }));
    expect(metricsWritten()).toContainEqual(expect.objectContaining({ OriginRejected: 1 }));
  });

  it('retries, and sends nothing, while the token secret cannot be read', async () => {
    secrets.reset();
    secrets.on(GetSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const key = await arrive(clean({ to: 'editor@westbridgford-wire.example' }), ['editor@westbridgford-wire.example']);
    await expect(coldFilter()(eventFor(key), lambdaContext())).rejects.toBeInstanceOf(RetryableError);
    expect(sends()).toEqual([]);
    expect(await keysIn('intake/')).toEqual([key]);
  });
});

describe('an envelope that cannot be established', () => {
  it('is retried while the archive may still be indexing it, with nothing sent', async () => {
    const key = await arrive(clean({ to: 'editor@westbridgford-wire.example' }), undefined);
    await expect(filter(eventFor(key), lambdaContext())).rejects.toBeInstanceOf(RetryableError);
    expect(sends()).toEqual([]);
    expect(await keysIn('intake/')).toEqual([key]);
  });

  it('is held once the archive has had its time: IG told, the councillor told, no header recipient sent to', async () => {
    const raw = clean({ to: 'editor@westbridgford-wire.example', cc: 'friends.of.gresham@example.org' });
    const key = await arrive(raw, undefined);
    clock = new Date(Date.now() + ARCHIVE_WAIT_MS + 60_000);
    await filter(eventFor(key), lambdaContext());
    expect(passedSends()).toEqual([]);
    expect(noticesToSender().map((s) => s.Destination?.ToAddresses)).toEqual([['cllr.jporter@rushcliffe.gov.uk']]);
    expect(published()).toEqual([expect.objectContaining({ kind: 'processing-error' })]);
    expect(await record(raw, [])).toMatchObject({ decision: 'hold', delivered: false, rules: ['processing-error'] });
    expect(metricsWritten()).toContainEqual(expect.objectContaining({ EnvelopeUnknown: 1 }));
  });

  it('is held when the archive gives the same Message-ID with different recipients', async () => {
    const raw = clean({ to: 'editor@westbridgford-wire.example' });
    const key = intakeKey();
    await s3.client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: raw }));
    const rows = archiveRows((r) => [
      { ...r[0], MessageId: headerMessageId(raw), Envelope: { From: 'cllr.jporter@rushcliffe.gov.uk', To: ['editor@westbridgford-wire.example'] } },
      { ...r[0], MessageId: headerMessageId(raw), Envelope: { From: 'cllr.jporter@rushcliffe.gov.uk', To: ['someone.else@example.org'] } },
    ]);
    mailManager.on(GetArchiveSearchResultsCommand).resolves({ Rows: rows });
    await filter(eventFor(key), lambdaContext());
    expect(passedSends()).toEqual([]);
    expect(await record(raw, [])).toMatchObject({ decision: 'hold', delivered: false });
  });

  it('ignores rows that came through another ingress endpoint', async () => {
    const raw = clean({ to: 'editor@westbridgford-wire.example' });
    const key = intakeKey();
    await s3.client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: key, Body: raw }));
    const rows = archiveRows((r) => [{ ...r[0], MessageId: headerMessageId(raw), IngressPointId: 'inp-someone-else' }]);
    mailManager.on(GetArchiveSearchResultsCommand).resolves({ Rows: rows });
    await expect(filter(eventFor(key), lambdaContext())).rejects.toBeInstanceOf(RetryableError);
    expect(sends()).toEqual([]);
  });
});

describe('a send SES refuses', () => {
  it('is held for IG with the councillor told, not retried into the failure queue', async () => {
    sesv2.reset();
    sesv2
      .on(SendEmailCommand, { FromEmailAddress: settings.senderAddress })
      .resolves({ MessageId: 'notice' })
      .on(SendEmailCommand, { Destination: { ToAddresses: ['editor@westbridgford-wire.example'] } })
      .rejects(Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected', $fault: 'client' }));
    const raw = clean({ to: 'editor@westbridgford-wire.example' });
    const key = await arrive(raw, ['editor@westbridgford-wire.example']);
    await filter(eventFor(key), lambdaContext());

    const saved = await record(raw, ['editor@westbridgford-wire.example']);
    expect(saved).toMatchObject({ decision: 'pass', delivered: false, error: 'DeliveryRefusedError' });
    const reference = saved!.holdReference!;
    expect(await keysIn('held/')).toContain(`held/${reference}.eml`);
    const [notice] = noticesToSender();
    expect(notice!.Destination?.ToAddresses).toEqual(['cllr.jporter@rushcliffe.gov.uk']);
    expect(Buffer.from(notice!.Content!.Raw!.Data!).toString('utf8')).toContain(reference);
    expect(published()).toEqual([expect.objectContaining({ kind: 'processing-error', reference, summary: expect.stringContaining('refused') })]);
    expect(metricsWritten()).toContainEqual(expect.objectContaining({ SendRefused: 1 }));
    expect(await keysIn('intake/')).toEqual([]);
  });

  it('is retried when SES only throttles', async () => {
    sesv2.reset();
    sesv2.on(SendEmailCommand).rejects(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException', $fault: 'client' }));
    const key = await arrive(clean({ to: 'editor@westbridgford-wire.example' }), ['editor@westbridgford-wire.example']);
    await expect(filter(eventFor(key), lambdaContext())).rejects.toBeInstanceOf(RetryableError);
    expect(await keysIn('intake/')).toEqual([key]);
  });
});
