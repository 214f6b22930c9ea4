// The real send-proxy Lambda (functions/whatsapp-send/handler.ts, settings from environment
// variables as on AWS) driven with the sample API Gateway events: Secrets Manager, DynamoDB, SNS
// and S3 mocked with aws-sdk-client-mock, Graph a local stub server.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WhatsAppHandler } from '../../../lib/adapters/aws/whatsapp-send.ts';
import { memoryBucket, type StoredObject } from '../../adapters/aws/helpers/memory-bucket.ts';
import { captureOutput, lambdaContext, type Captured } from '../email-filter/harness.ts';
import { loadEvent, SAMPLE, SAMPLE_TOOLING_TOKENS, stubServer, type StubServer } from '../../whatsapp/helpers.ts';
import { serialiseToolingTokens } from '../../../lib/whatsapp/tooling-tokens.ts';

const s3 = mockClient(S3Client);
const sm = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const ddb = mockClient(DynamoDBDocumentClient);

const TOKEN_NAME = 'councillor-gateway/whatsapp/access-token';
const TOOLING_NAME = 'CouncillorGateway/whatsapp/tooling-tokens';
const ENV = {
  GATEWAY_BUCKET: 'gateway-messages-example',
  GATEWAY_INTAKE_PREFIX: 'intake/',
  GATEWAY_HELD_PREFIX: 'held/',
  GATEWAY_DECISIONS_TABLE: 'gateway-decisions',
  GATEWAY_HELD_TABLE: 'gateway-held',
  GATEWAY_ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-2:123456789012:gateway-alerts',
  GATEWAY_RETENTION_DAYS: '30',
  GATEWAY_RULES_DIR: new URL('../../../rules/', import.meta.url).pathname,
  WHATSAPP_ACCESS_TOKEN_NAME: TOKEN_NAME,
  WHATSAPP_TOOLING_TOKENS_NAME: TOOLING_NAME,
  WHATSAPP_PHONE_NUMBER_IDS: SAMPLE.phoneNumberId,
  POWERTOOLS_SERVICE_NAME: 'whatsapp-send',
  POWERTOOLS_METRICS_NAMESPACE: 'CouncillorGatewayTest',
  AWS_REGION: 'eu-west-2',
};

let graph: StubServer;
let objects: Map<string, StoredObject>;
let output: Captured;

async function loadHandler(): Promise<WhatsAppHandler> {
  vi.resetModules();
  return (await import('../../../functions/whatsapp-send/handler.ts')).handler;
}

beforeAll(async () => {
  graph = await stubServer();
  for (const [name, value] of Object.entries({ ...ENV, GATEWAY_GRAPH_URL: graph.url })) vi.stubEnv(name, value);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await graph.close();
  for (const mock of [s3, sm, sns, ddb]) mock.restore();
});

beforeEach(() => {
  output = captureOutput();
  objects = memoryBucket(s3);
  graph.received.length = 0;
  graph.reply = { status: 200, contentType: 'application/json', body: '{"messaging_product":"whatsapp","messages":[{"id":"wamid.OK"}]}' };
  sm.on(GetSecretValueCommand, { SecretId: TOKEN_NAME }).resolves({ SecretString: SAMPLE.accessToken });
  sm.on(GetSecretValueCommand, { SecretId: TOOLING_NAME }).resolves({ SecretString: serialiseToolingTokens(SAMPLE_TOOLING_TOKENS) });
  sns.on(PublishCommand).resolves({ MessageId: 'published' });
  ddb.on(GetCommand).resolves({});
  ddb.on(PutCommand).resolves({});
});

afterEach(() => {
  output.restore();
  for (const mock of [s3, sm, sns, ddb]) mock.reset();
});

const puts = (table: string) => ddb.commandCalls(PutCommand).map((c) => c.args[0].input).filter((i) => i.TableName === table).map((i) => i.Item!);
const bodyOf = (result: { body?: string; isBase64Encoded?: boolean }): string => (result.isBase64Encoded ? Buffer.from(result.body!, 'base64').toString('utf8') : result.body!);

describe('whatsapp-send handler', () => {
  it('forwards the sample text message, sent with a tooling token, to Graph with Meta\'s token from Secrets Manager and returns Graph\'s answer', async () => {
    const handler = await loadHandler();
    const event = loadEvent('whatsapp-send-text');

    const result = await handler(event, lambdaContext());

    expect(result.statusCode).toBe(200);
    expect(bodyOf(result)).toBe(graph.reply.body);
    expect(graph.received).toHaveLength(1);
    expect(graph.received[0]!.url).toBe(`/v23.0/${SAMPLE.phoneNumberId}/messages`);
    expect(graph.received[0]!.headers.authorization).toBe(`Bearer ${SAMPLE.accessToken}`);
    expect(graph.received[0]!.body.toString('utf8')).toBe(event.body);
    expect(puts(ENV.GATEWAY_DECISIONS_TABLE)).toMatchObject([{ channel: 'whatsapp', decision: 'pass', delivered: true, state: 'decided', tooling: SAMPLE.toolingName }]);
    expect(sm.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input.SecretId).sort()).toEqual([TOOLING_NAME, TOKEN_NAME]);
  });

  it('holds the sample flow message whose National Insurance number sits in the flow data under "code"', async () => {
    const handler = await loadHandler();
    const result = await handler(loadEvent('whatsapp-send-flow-hold'), lambdaContext());
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(bodyOf(result))).toMatchObject({ error: { type: 'GatewayHold', error_subcode: 4031 } });
    expect(graph.received).toHaveLength(0);
    expect(puts(ENV.GATEWAY_DECISIONS_TABLE)).toMatchObject([{ decision: 'hold', findings: [{ type: 'uk-nino', parts: ['action'] }], tooling: SAMPLE.toolingName }]);
  });

  it('keeps both tokens out of the logs and the records, holding or passing', async () => {
    const handler = await loadHandler();
    expect((await handler(loadEvent('whatsapp-send-text'), lambdaContext())).statusCode).toBe(200);
    expect((await handler(loadEvent('whatsapp-send-hold'), lambdaContext())).statusCode).toBe(403);
    const kept = JSON.stringify([output.lines, ddb.commandCalls(PutCommand).map((c) => c.args[0].input), sns.commandCalls(PublishCommand).map((c) => c.args[0].input)]);
    expect(kept).toContain(SAMPLE.toolingName);
    expect(kept).not.toContain(SAMPLE.toolingToken);
    expect(kept).not.toContain(SAMPLE.accessToken);
  });

  it.each<[string, () => void]>([
    ['the tooling presents Meta\'s own token', () => undefined],
    ['no tooling token has been issued (the secret does not exist)', () => {
      sm.on(GetSecretValueCommand, { SecretId: TOOLING_NAME }).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    }],
    ['the token was revoked (the list is empty)', () => {
      sm.on(GetSecretValueCommand, { SecretId: TOOLING_NAME }).resolves({ SecretString: '{"tokens":[]}' });
    }],
  ])('answers 401 when %s, sending nothing', async (name, arrange) => {
    arrange();
    const handler = await loadHandler();
    const event = loadEvent('whatsapp-send-text');
    const bearer = name.startsWith('the tooling presents') ? SAMPLE.accessToken : SAMPLE.toolingToken;
    const result = await handler({ ...event, headers: { ...event.headers, authorization: `Bearer ${bearer}` } }, lambdaContext());
    expect(result.statusCode).toBe(401);
    expect(graph.received).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('holds the sample message with a National Insurance number where held email goes, and forwards nothing', async () => {
    const handler = await loadHandler();
    const event = loadEvent('whatsapp-send-hold');

    const result = await handler(event, lambdaContext());

    expect(result.statusCode).toBe(403);
    const { error } = JSON.parse(bodyOf(result)) as { error: { type: string; fbtrace_id: string } };
    expect(error.type).toBe('GatewayHold');
    const ref = error.fbtrace_id;
    expect(graph.received).toHaveLength(0);
    expect(objects.get(`held/${ref}.eml`)!.body.toString('utf8')).toBe(event.body);
    expect(JSON.parse(objects.get(`held/${ref}.json`)!.body.toString('utf8'))).toMatchObject({ channel: 'whatsapp', envelope: { from: SAMPLE.phoneNumberId, to: [SAMPLE.resident] }, graphVersion: 'v23.0' });
    expect(puts(ENV.GATEWAY_HELD_TABLE)).toMatchObject([{ ref, channel: 'whatsapp', status: 'held', sender: SAMPLE.phoneNumberId, ruleIds: ['strong-identifier'] }]);
    expect(puts(ENV.GATEWAY_DECISIONS_TABLE)).toMatchObject([{ channel: 'whatsapp', decision: 'hold', holdReference: ref }]);
    const published = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(published).toMatchObject([{ TopicArn: ENV.GATEWAY_ALERT_TOPIC_ARN, Subject: `Message held ${ref}` }]);
    expect(s3.commandCalls(PutObjectCommand).length).toBeGreaterThan(0);
    expect(output.lines.join('')).not.toMatch(/JG ?10 ?37 ?85 ?A|National Insurance number is/);
  });

  it.each([
    ['a wrong bearer token', (e: APIGatewayProxyEventV2) => ({ ...e, headers: { ...e.headers, authorization: 'Bearer guess' } }), 401],
    ['an unlisted phone number id', (e: APIGatewayProxyEventV2) => ({ ...e, pathParameters: { version: 'v23.0', phoneNumberId: '123' } }), 404],
    ['a body that is not JSON', (e: APIGatewayProxyEventV2) => ({ ...e, body: '{"to":' }), 400],
  ])('refuses %s in Graph\'s shape, sending and recording nothing', async (_name, change, status) => {
    const handler = await loadHandler();
    const result = await handler(change(loadEvent('whatsapp-send-text')), lambdaContext());
    expect(result.statusCode).toBe(status);
    expect(JSON.parse(bodyOf(result))).toHaveProperty('error.code');
    expect(graph.received).toHaveLength(0);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 503 while the access token secret does not exist', async () => {
    sm.reset();
    sm.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    const handler = await loadHandler();
    const result = await handler(loadEvent('whatsapp-send-text'), lambdaContext());
    expect(result.statusCode).toBe(503);
    expect(bodyOf(result)).toContain('WHATSAPP_ACCESS_TOKEN');
  });

  it('answers 500 in Graph\'s shape, sending nothing, when the hold cannot be stored', async () => {
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    const handler = await loadHandler();
    const result = await handler(loadEvent('whatsapp-send-hold'), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(bodyOf(result))).toMatchObject({ error: { type: 'GatewayError' } });
    expect(graph.received).toHaveLength(0);
  });
});
