// The real Lambda handler (functions/email-filter/handler.ts, built from environment variables as
// on AWS) driven with the sample events, every AWS client mocked with aws-sdk-client-mock and the
// raw MIME served from a mocked bucket as a real SDK stream.
import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendBounceCommand, SESClient } from '@aws-sdk/client-ses';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmailFilter } from '../../../lib/adapters/aws/email-filter.ts';
import { IntakeMissingError, RetryableError } from '../../../lib/adapters/aws/errors.ts';
import type { HeldItemRecord } from '../../../lib/adapters/aws/held-items.ts';
import { simpleEml } from '../../helpers/eml.ts';
import { compose } from '../../message/mime-builders.ts';
import { memoryBucket, type StoredObject } from '../../adapters/aws/helpers/memory-bucket.ts';
import {
  captureOutput, corpus, ENV, eml, event, fieldNames, jsonLines, lambdaContext, S3_KEY, SES_ID, SES_KEY, SES_RECIPIENTS, sesEvent, SETTINGS, split,
  type Captured,
} from './harness.ts';

const s3 = mockClient(S3Client);
const sesv2 = mockClient(SESv2Client);
const ses = mockClient(SESClient);
const sns = mockClient(SNSClient);
const ddb = mockClient(DynamoDBDocumentClient);

let handler: EmailFilter;
let objects: Map<string, StoredObject>;
let output: Captured;

beforeAll(async () => {
  for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
  ({ handler } = await import('../../../functions/email-filter/handler.ts'));
});

beforeEach(() => {
  output = captureOutput();
  objects = memoryBucket(s3);
  sesv2.on(SendEmailCommand).resolves({ MessageId: 'sent' });
  ses.on(SendBounceCommand).resolves({ MessageId: 'bounced' });
  sns.on(PublishCommand).resolves({ MessageId: 'published' });
  ddb.on(UpdateCommand).resolves({ Attributes: { state: 'in-progress' } });
  ddb.on(GetCommand).resolves({});
  ddb.on(PutCommand).resolves({});
});

afterEach(() => {
  output.restore();
  for (const mock of [s3, sesv2, ses, sns, ddb]) mock.reset();
});

const put = (key: string, body: Buffer) => objects.set(key, { body, metadata: {} });
const inputs = <T extends object>(mock: { commandCalls(c: never): { args: [{ input: T }] }[] }, command: unknown): T[] =>
  mock.commandCalls(command as never).map((c) => c.args[0].input);
const sends = () => inputs<{ Destination?: { ToAddresses?: string[] }; FromEmailAddress?: string; Content?: { Raw?: { Data?: Uint8Array } } }>(sesv2, SendEmailCommand);
const bounces = () => inputs<{ OriginalMessageId?: string; BouncedRecipientInfoList?: { Recipient: string; BounceType?: string }[] }>(ses, SendBounceCommand);
const notices = () => inputs<{ Message?: string }>(sns, PublishCommand).map((p) => JSON.parse(p.Message!) as { kind: string; reference: string });
const puts = (table: string) => inputs<{ TableName?: string; Item?: Record<string, unknown> }>(ddb, PutCommand).filter((p) => p.TableName === table).map((p) => p.Item!);
/** Decision records (the table also holds claims and intake notes). */
const decisions = () => puts(SETTINGS.decisionsTable).filter((item) => item.state === 'decided');

/** Nothing left the gateway and nothing was recorded. */
function expectNoEffects(): void {
  expect(sends()).toEqual([]);
  expect(bounces()).toEqual([]);
  expect(notices()).toEqual([]);
  expect(inputs(ddb, PutCommand)).toEqual([]);
  expect(inputs(s3, CopyObjectCommand)).toEqual([]);
}

function expectHeld(reference: string, sourceKey: string): void {
  expect(inputs<{ Key?: string; CopySource?: string }>(s3, CopyObjectCommand).map((c) => [c.Key, c.CopySource])).toEqual([
    [`held/${reference}.eml`, `${SETTINGS.bucket}/${sourceKey}`],
  ]);
  expect(objects.has(`held/${reference}.json`)).toBe(true);
  expect(objects.has(sourceKey)).toBe(false);
}

describe('pass', () => {
  it('sends the original body to every envelope recipient, Bcc included, without the headers SES refuses', async () => {
    const raw = eml('ses-receipt.eml');
    put(SES_KEY, raw);
    expect(await handler(sesEvent(), lambdaContext())).toBeUndefined();

    const [send, ...others] = sends();
    expect(others).toEqual([]);
    expect(send!.Destination!.ToAddresses).toEqual(SES_RECIPIENTS);
    const sent = Buffer.from(send!.Content!.Raw!.Data!);
    expect(split(sent).body.equals(split(raw).body)).toBe(true);
    expect(fieldNames(split(sent).headers)).toEqual(fieldNames(split(raw).headers).filter((n) => n !== 'dkim-signature' && n !== 'return-path'));

    expect(decisions()).toEqual([expect.objectContaining({ decision: 'pass', delivered: true, recipientDomains: ['example.org', 'rushcliffe.gov.uk', 'westbridgford-wire.example'] })]);
    expect(bounces()).toEqual([]);
    expect(notices()).toEqual([]);
    expect(objects.has(SES_KEY)).toBe(false);
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ message: 'message decided', decision: 'pass', door: 'ses', messageBytes: raw.length, recipientCount: 3 }));
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ _aws: expect.anything(), Passed: 1 }));
  });

  it('answers STOP_RULE_SET when SES waits for a disposition', async () => {
    put(SES_KEY, eml('ses-receipt.eml'));
    expect(await handler(sesEvent(5, 'RequestResponse'), lambdaContext())).toEqual({ disposition: 'STOP_RULE_SET' });
    expect(sends()).toHaveLength(1);
  });

  it('delivers mail from the S3 door to its To, Cc and Bcc', async () => {
    put(S3_KEY, Buffer.from(simpleEml({ to: 'officer@rushcliffe.gov.uk', cc: 'editor@example.org', body: 'See you at the drop-in.' }).replace('\r\nSubject:', '\r\nBcc: friends@example.org\r\nSubject:')));
    await handler(event('s3-object-created.json'), lambdaContext());
    expect(sends().map((s) => s.Destination!.ToAddresses)).toEqual([['officer@rushcliffe.gov.uk', 'editor@example.org', 'friends@example.org']]);
  });
});

describe('hold', () => {
  it('S3 door: copies to held/, records, writes the held item, explains by email once and notifies once', async () => {
    put(S3_KEY, eml('s3-object-created.eml'));
    await handler(event('s3-object-created.json'), lambdaContext());

    const [record] = decisions();
    expect(record).toMatchObject({ decision: 'hold', delivered: false, rules: ['strong-identifier', 'contact-profile'] });
    const reference = record!.holdReference as string;
    expectHeld(reference, S3_KEY);
    expect(puts(SETTINGS.heldTable)).toEqual([
      expect.objectContaining<Partial<HeldItemRecord>>({ ref: reference, status: 'held', sender: 'cllr.jporter@rushcliffe.gov.uk', s3Key: `held/${reference}.eml` }),
    ]);
    // No SES receipt to bounce: the explanation is an email to the sender, from the gateway.
    expect(bounces()).toEqual([]);
    expect(sends().map((s) => [s.FromEmailAddress, s.Destination!.ToAddresses])).toEqual([[SETTINGS.senderAddress, ['cllr.jporter@rushcliffe.gov.uk']]]);
    expect(notices()).toEqual([expect.objectContaining({ kind: 'held', reference })]);
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ _aws: expect.anything(), Held: 1 }));
  });

  it('SES door: bounces once (ContentRejected, to the receipt recipients) and sends nothing else', async () => {
    put(SES_KEY, eml('s3-object-created.eml'));
    await handler(sesEvent(), lambdaContext());
    expect(bounces()).toEqual([
      expect.objectContaining({ OriginalMessageId: SES_ID, BouncedRecipientInfoList: SES_RECIPIENTS.map((Recipient) => ({ Recipient, BounceType: 'ContentRejected' })) }),
    ]);
    expect(sends()).toEqual([]);
    expect(notices()).toHaveLength(1);
    expectHeld(decisions()[0]!.holdReference as string, SES_KEY);
  });

  it('SES door, received more than a day ago: explains by email instead of bouncing', async () => {
    put(SES_KEY, eml('s3-object-created.eml'));
    await handler(sesEvent(25 * 60), lambdaContext());
    expect(bounces()).toEqual([]);
    expect(sends()).toHaveLength(1);
  });
});

describe('idempotency', () => {
  it('does nothing for a message already decided', async () => {
    put(SES_KEY, eml('s3-object-created.eml'));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: { state: 'decided' } });
    await handler(sesEvent(), lambdaContext());
    expectNoEffects();
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ message: 'message already decided; not processed again' }));
  });

  it('does nothing for a repeated event whose message was decided and its intake copy deleted', async () => {
    ddb.on(GetCommand, { Key: { id: `intake:${SES_ID}` } }).resolves({ Item: { deliveryKey: 'f'.repeat(32) } });
    ddb.on(GetCommand, { Key: { id: 'f'.repeat(32) } }).resolves({ Item: { state: 'decided' } });
    await handler(sesEvent(), lambdaContext());
    expectNoEffects();
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ _aws: expect.anything(), Duplicates: 1 }));
  });

  it('notes which intake object each claimed delivery came from', async () => {
    put(SES_KEY, eml('ses-receipt.eml'));
    await handler(sesEvent(), lambdaContext());
    const [claim] = inputs<{ Key?: { id?: string } }>(ddb, UpdateCommand);
    expect(puts(SETTINGS.decisionsTable)).toContainEqual({ id: `intake:${SES_ID}`, deliveryKey: claim!.Key!.id, expiresAt: expect.any(Number) });
  });

  it('leaves a message another invocation is processing to a retry', async () => {
    put(SES_KEY, eml('s3-object-created.eml'));
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: { state: 'in-progress' } });
    await expect(handler(sesEvent(), lambdaContext())).rejects.toBeInstanceOf(RetryableError);
    expectNoEffects();
    expect(objects.has(SES_KEY)).toBe(true);
  });
});

describe('fail closed', () => {
  it.each([
    ['not MIME at all', () => Buffer.from('\u0000\u0001 binary junk with no header fields'), 'processing-error', 'processing-error'],
    ['a corrupt attachment', () => corpus('hold-attachment-corrupt-pdf.eml'), 'unreadable-attachment', 'held'],
  ])('holds %s', async (_name, raw, rule, kind) => {
    put(SES_KEY, raw());
    await handler(sesEvent(), lambdaContext());
    expect(decisions()).toEqual([expect.objectContaining({ decision: 'hold', rules: [rule] })]);
    expect(bounces()).toHaveLength(1);
    expect(notices()).toEqual([expect.objectContaining({ kind })]);
    expect(sends()).toEqual([]);
  });

  it('holds a message from the S3 door that names no recipients', async () => {
    put(S3_KEY, Buffer.from('From: cllr.jporter@rushcliffe.gov.uk\r\nSubject: Minutes\r\n\r\nThe minutes.\r\n'));
    await handler(event('s3-object-created.json'), lambdaContext());
    expect(decisions()).toEqual([expect.objectContaining({ decision: 'hold', rules: ['processing-error'], error: 'InputError' })]);
    expect(notices()).toEqual([expect.objectContaining({ kind: 'processing-error' })]);
  });

  it('surfaces an SES send failure as a retryable error, keeping the message and releasing the claim', async () => {
    put(SES_KEY, eml('ses-receipt.eml'));
    sesv2.on(SendEmailCommand).rejects(Object.assign(new Error('Email address is not verified: editor@westbridgford-wire.example'), { name: 'MessageRejected' }));
    const error = await handler(sesEvent(), lambdaContext()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).not.toContain('@');
    expect(((error as Error).cause as Error).name).toBe('MessageRejected');
    expect(decisions()).toEqual([]);
    expect(objects.has(SES_KEY)).toBe(true);
    expect(inputs<{ UpdateExpression?: string }>(ddb, UpdateCommand).map((u) => u.UpdateExpression)).toContain('SET leaseUntil = :zero');
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ _aws: expect.anything(), Errors: 1 }));
  });

  it('reports an event naming an intake object that is not there and was never decided', async () => {
    await expect(handler(sesEvent(), lambdaContext())).rejects.toBeInstanceOf(IntakeMissingError);
    expectNoEffects();
  });
});

describe('a 30 MB message', () => {
  const photo = Buffer.alloc(22 * 1024 * 1024);
  for (let i = 0; i < photo.length; i += 1) photo[i] = (i * 2654435761) >>> 24;
  const big = (text: string) =>
    compose({ to: 'editor@westbridgford-wire.example', subject: 'Litter pick photos', text, attachments: [{ filename: 'litter-pick.jpg', content: photo, contentType: 'image/jpeg' }] });

  it('passes with its bytes unchanged', async () => {
    const raw = await big('Photos from Saturday attached.');
    expect(raw.length).toBeGreaterThan(30 * 1024 * 1024);
    put(SES_KEY, raw);
    await handler(sesEvent(), lambdaContext());
    expect(sends()).toHaveLength(1);
    expect(Buffer.from(sends()[0]!.Content!.Raw!.Data!).equals(raw)).toBe(true);
  });

  it('is held with a server-side copy, never uploaded again', async () => {
    put(SES_KEY, await big('Photos attached. Her National Insurance number is JG 10 37 85 A.'));
    await handler(sesEvent(), lambdaContext());
    expect(decisions()).toEqual([expect.objectContaining({ decision: 'hold' })]);
    expect(inputs(s3, CopyObjectCommand)).toHaveLength(1);
    const uploads = inputs<{ Body?: Buffer | string }>(s3, PutObjectCommand).map((p) => Buffer.byteLength(p.Body!));
    expect(Math.max(...uploads)).toBeLessThan(64 * 1024);
    expect(inputs(s3, DeleteObjectCommand)).toHaveLength(1);
  });
});

describe('an invalid rule set', () => {
  it('holds everything, even internal mail, with processing-error and alerts IG', async () => {
    vi.resetModules();
    vi.stubEnv('GATEWAY_RULES_DIR', '/nonexistent/rules');
    const fresh = (await import('../../../functions/email-filter/handler.ts')).handler;
    vi.stubEnv('GATEWAY_RULES_DIR', ENV.GATEWAY_RULES_DIR!);
    put(S3_KEY, corpus('pass-internal-csv-attachment.eml'));
    await fresh(event('s3-object-created.json'), lambdaContext());
    expect(decisions()).toEqual([expect.objectContaining({ decision: 'hold', rules: ['processing-error'], error: 'RuleError', ruleSetVersion: 'unavailable' })]);
    expect(notices()).toEqual([expect.objectContaining({ kind: 'processing-error' })]);
    expect(sends().map((s) => s.FromEmailAddress)).toEqual([SETTINGS.senderAddress]);
    expect(jsonLines(output)).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'the rule set could not be loaded; every message is being held' }));
  });
});
