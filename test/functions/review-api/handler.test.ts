// The review Lambda as API Gateway invokes it, with DynamoDB, S3 and SES mocked
// (aws-sdk-client-mock): the sample events in events/ in, the commands sent and the answers out.
import { readFileSync } from 'node:fs';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HeldItemRecord } from '../../../lib/adapters/aws/held-items.ts';
import type { ReviewEvent } from '../../../lib/adapters/aws/review-http.ts';
import type { HeldMeta } from '../../../lib/ports/message-store.ts';
import { memoryBucket } from '../../adapters/aws/helpers/memory-bucket.ts';
import { SIGN_IN_ENV, stubReviewEnv } from './review-env.ts';

const REF = 'H-20261124-7KQ3PZ';
const NINO = 'JG 10 37 85 A';
const SENDER = 'cllr.jporter@rushcliffe.gov.uk';
const RAW = Buffer.from(
  [
    `From: Cllr Porter <${SENDER}>`,
    'To: editor@example.org',
    'Subject: Claim update',
    'Message-ID: <claim-1@rushcliffe.gov.uk>',
    '',
    `Her National Insurance number is ${NINO}, please update the claim.`,
    '',
  ].join('\r\n'),
);
const FINDING_START = RAW.toString().split('\r\n\r\n')[1]!.indexOf(NINO);

const ITEM: HeldItemRecord = {
  ref: REF,
  status: 'held',
  channel: 'email',
  heldAt: '2026-11-24T09:00:00.000Z',
  sender: SENDER,
  recipientDomains: ['example.net', 'example.org'],
  subject: 'Claim update',
  ruleIds: ['strong-identifier'],
  s3Key: `held/${REF}.eml`,
  metaS3Key: `held/${REF}.json`,
  expiresAt: Math.floor(Date.parse('2099-01-01T00:00:00.000Z') / 1000),
};

const META: HeldMeta = {
  reference: REF,
  key: 'a'.repeat(32),
  messageId: '<claim-1@rushcliffe.gov.uk>',
  channel: 'email',
  status: 'held',
  heldAt: ITEM.heldAt,
  envelope: { from: SENDER, to: ['editor@example.org', 'hidden@example.net'] },
  subject: 'Claim update',
  ruleSetVersion: 'test',
  reasons: [{ rule: 'strong-identifier', category: 'personal', type: 'uk-nino', explanation: 'Identifiers like this can be used to impersonate a resident.', allowOverride: true }],
  findings: [{ type: 'uk-nino', category: 'personal', partId: 'body', start: FINDING_START, end: FINDING_START + NINO.length, score: 1 }],
};

const load = (name: string): ReviewEvent => JSON.parse(readFileSync(new URL(`../../../events/${name}`, import.meta.url), 'utf8')) as ReviewEvent;

describe('review-api handler', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const s3 = mockClient(S3Client);
  const ses = mockClient(SESv2Client);
  let handler: (event: ReviewEvent) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeAll(async () => {
    stubReviewEnv();
    ({ handler } = await import('../../../functions/review-api/handler.ts'));
  });

  beforeEach(() => {
    const bucket = memoryBucket(s3);
    bucket.set(ITEM.s3Key, { body: RAW, metadata: {} });
    bucket.set(ITEM.metaS3Key, { body: Buffer.from(JSON.stringify(META)), metadata: {} });
    dynamo.on(GetCommand, { Key: { ref: REF } }).resolves({ Item: ITEM });
    dynamo.on(QueryCommand).resolves({ Items: [ITEM], Count: 1 });
    dynamo.on(UpdateCommand).resolves({});
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
  });

  afterEach(() => {
    dynamo.reset();
    s3.reset();
    ses.reset();
  });

  const json = (result: APIGatewayProxyStructuredResultV2): Record<string, unknown> => JSON.parse(result.body ?? '{}') as Record<string, unknown>;

  it('lists held items from the status index, newest first, with counts', async () => {
    const result = await handler(load('review-list.json'));
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ items: [{ reference: REF, subject: 'Claim update', status: 'held' }], counts: { held: 1, released: 1, rejected: 1 } });
    const listQuery = dynamo.commandCalls(QueryCommand).find((c) => c.args[0].input.Select === undefined)!.args[0].input;
    expect(listQuery).toMatchObject({
      TableName: 'gateway-held',
      IndexName: 'status-index',
      ScanIndexForward: false,
      FilterExpression: '#channel = :channel',
      ExpressionAttributeValues: { ':status': 'held', ':channel': 'email' },
    });
  });

  it.each([
    ['an officer not in the information-governance group', () => load('review-not-in-group.json'), 403],
    ['a request without claims', () => ({ ...load('review-list.json'), requestContext: { ...load('review-list.json').requestContext, authorizer: undefined } }) as unknown as ReviewEvent, 401],
  ])('refuses %s without touching the table', async (_name, event, status) => {
    const result = await handler(event());
    expect(result.statusCode).toBe(status);
    expect(result.body).not.toContain(REF);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('shows one item with its findings masked, from the table and the bucket', async () => {
    const result = await handler(load('review-detail.json'));
    expect(result.statusCode).toBe(200);
    expect(result.body).not.toContain(NINO);
    expect(json(result)).toMatchObject({
      reference: REF,
      content: 'available',
      findings: [{ type: 'uk-nino', masked: 'JG •• •• •• A', location: 'the message body' }],
      findingsRescanned: false,
    });
    expect(result.headers?.['content-security-policy']).toContain("default-src 'none'");
  });

  it('releases: marks it released only if still held, sends the original to the envelope recipients, tells the councillor', async () => {
    const result = await handler(load('review-release.json'));
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ item: { status: 'released', review: { by: 'ig.officer@rushcliffe.gov.uk', action: 'released' } }, councillorTold: true });

    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update).toMatchObject({ Key: { ref: REF }, ConditionExpression: '#status = :from', ExpressionAttributeValues: { ':from': 'held', ':to': 'released' } });
    const sends = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sends).toHaveLength(2);
    expect(sends[0]).toMatchObject({ Destination: { ToAddresses: ['editor@example.org', 'hidden@example.net'] } });
    expect(Buffer.from(sends[0]!.Content!.Raw!.Data!).toString()).toContain(NINO);
    expect(sends[1]).toMatchObject({ FromEmailAddress: 'postmaster@rushcliffe.gov.uk', Destination: { ToAddresses: [SENDER] } });
  });

  it('refuses a release another officer got to first (409) and sends nothing', async () => {
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const result = await handler(load('review-release.json'));
    expect(result.statusCode).toBe(409);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('puts a release SES refused back in the queue (502)', async () => {
    ses.on(SendEmailCommand).rejects(new Error('MessageRejected'));
    const result = await handler(load('review-release.json'));
    expect(result.statusCode).toBe(502);
    const updates = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues);
    expect(updates).toEqual([expect.objectContaining({ ':to': 'released' }), expect.objectContaining({ ':from': 'released', ':to': 'held' })]);
  });

  it('rejects with the reason sent to the councillor', async () => {
    const result = await handler(load('review-reject.json'));
    expect(result.statusCode).toBe(200);
    const sends = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ Destination: { ToAddresses: [SENDER] } });
    expect(Buffer.from(sends[0]!.Content!.Raw!.Data!).toString().replace(/=\r?\n/g, '')).toContain('secure portal');
  });

  it('serves the page without credentials, with its Content-Security-Policy', async () => {
    const result = await handler(load('review-page.json'));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.headers?.['content-security-policy']).toContain("script-src 'self'");
    expect(Buffer.from(result.body!, 'base64').toString()).toContain('<title>Held messages');
  });

  const connectSrc = (result: APIGatewayProxyStructuredResultV2): string | undefined =>
    String(result.headers?.['content-security-policy'])
      .split('; ')
      .find((d) => d.startsWith('connect-src '));

  it("lets the page fetch from its own API and Cognito's sign-in domain, nothing else", async () => {
    const result = await handler(load('review-page.json'));
    expect(connectSrc(result)).toBe(`connect-src 'self' ${SIGN_IN_ENV.GATEWAY_REVIEW_SIGN_IN_URL}`);
  });

  it('tells the page, without credentials, how to sign in with Cognito', async () => {
    const event = load('review-page.json');
    const result = await handler({ ...event, rawPath: '/review/config.json', requestContext: { ...event.requestContext, http: { ...event.requestContext.http, path: '/review/config.json' } } });
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json; charset=utf-8');
    expect(result.headers?.['cache-control']).toBe('no-store');
    expect(json(result)).toEqual({
      mode: 'cognito',
      domain: SIGN_IN_ENV.GATEWAY_REVIEW_SIGN_IN_URL,
      clientId: SIGN_IN_ENV.GATEWAY_REVIEW_CLIENT_ID,
      redirectUri: SIGN_IN_ENV.GATEWAY_REVIEW_PAGE_URL,
      scopes: ['openid', 'email', 'profile'],
    });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it.each([
    ['an unknown path', '/api/nothing', 'GET', 404],
    ['a wrong method', `/api/held/${REF}`, 'DELETE', 405],
  ])('answers %s with JSON', async (_name, path, method, status) => {
    const event = load('review-list.json');
    const result = await handler({ ...event, rawPath: path, requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method, path } } });
    expect(result.statusCode).toBe(status);
    expect(result.headers?.['content-type']).toBe('application/json; charset=utf-8');
  });
});
