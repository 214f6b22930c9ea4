// The real webhook Lambda (functions/whatsapp-webhook/handler.ts, settings from environment
// variables as on AWS) driven with the sample API Gateway events: Secrets Manager, DynamoDB and
// SNS mocked with aws-sdk-client-mock (the table kept in a map, so retries meet earlier writes),
// the council's downstream webhook a local stub server.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WhatsAppHandler } from '../../../lib/adapters/aws/whatsapp-send.ts';
import { captureOutput, lambdaContext, type Captured } from '../email-filter/harness.ts';
import { loadEvent, SAMPLE, stubServer, WEBHOOK_SAMPLES, type StubServer } from '../../whatsapp/helpers.ts';

const sm = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const ddb = mockClient(DynamoDBDocumentClient);

const SECRETS = { 'councillor-gateway/whatsapp/app-secret': SAMPLE.appSecret, 'councillor-gateway/whatsapp/verify-token': SAMPLE.verifyToken };
const ENV = {
  GATEWAY_DECISIONS_TABLE: 'gateway-decisions',
  GATEWAY_ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-2:123456789012:gateway-alerts',
  GATEWAY_RULES_DIR: new URL('../../../rules/', import.meta.url).pathname,
  WHATSAPP_APP_SECRET_NAME: 'councillor-gateway/whatsapp/app-secret',
  WHATSAPP_VERIFY_TOKEN_NAME: 'councillor-gateway/whatsapp/verify-token',
  POWERTOOLS_SERVICE_NAME: 'whatsapp-webhook',
  POWERTOOLS_METRICS_NAMESPACE: 'CouncillorGatewayTest',
  AWS_REGION: 'eu-west-2',
};

let downstream: StubServer;
let handler: WhatsAppHandler;
let table: Map<string, Record<string, unknown>>;
let output: Captured;

beforeAll(async () => {
  downstream = await stubServer();
  for (const [name, value] of Object.entries({ ...ENV, WHATSAPP_DOWNSTREAM_URL: `${downstream.url}/council` })) vi.stubEnv(name, value);
  ({ handler } = await import('../../../functions/whatsapp-webhook/handler.ts'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await downstream.close();
  for (const mock of [sm, sns, ddb]) mock.restore();
});

beforeEach(() => {
  output = captureOutput();
  downstream.received.length = 0;
  downstream.reply = { status: 200, contentType: 'application/json', body: '{}' };
  table = new Map();
  for (const [name, value] of Object.entries(SECRETS)) sm.on(GetSecretValueCommand, { SecretId: name }).resolves({ SecretString: value });
  sns.on(PublishCommand).resolves({ MessageId: 'published' });
  ddb.on(GetCommand).callsFake(({ Key }: { Key: { id: string } }) => ({ Item: table.get(Key.id) }));
  ddb.on(PutCommand).callsFake(({ Item }: { Item: Record<string, unknown> }) => {
    table.set(Item.id as string, Item);
    return {};
  });
});

afterEach(() => {
  output.restore();
  for (const mock of [sm, sns, ddb]) mock.reset();
});

const eventItems = () => [...table.values()].filter((i) => String(i.id).startsWith('whatsapp-event#'));
const published = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input);

describe('whatsapp-webhook handler', () => {
  it('answers the sample verification handshake with the challenge', async () => {
    const result = await handler(loadEvent('whatsapp-webhook-verify'), lambdaContext());
    expect(result).toMatchObject({ statusCode: 200, body: '1158201444', headers: { 'content-type': 'text/plain; charset=utf-8' } });
  });

  it('refuses a handshake with a wrong token', async () => {
    const event = loadEvent('whatsapp-webhook-verify');
    const result = await handler({ ...event, rawQueryString: event.rawQueryString.replace(SAMPLE.verifyToken, 'guess') }, lambdaContext());
    expect(result.statusCode).toBe(403);
  });

  it.each(WEBHOOK_SAMPLES)('verifies, records and relays the sample %s delivery', async (name) => {
    const event = loadEvent(`whatsapp-webhook-${name}`);
    const result = await handler(event, lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(eventItems().length).toBeGreaterThan(0);
    expect(downstream.received).toHaveLength(1);
    expect(downstream.received[0]!.url).toBe('/council');
    expect(downstream.received[0]!.body.toString('utf8')).toBe(event.body);
    expect(downstream.received[0]!.headers['x-hub-signature-256']).toBe(event.headers['x-hub-signature-256']);
    const logged = output.lines.join('');
    for (const text of ['Rugby Road', 'Edith', 'National Insurance number is', SAMPLE.resident]) expect(logged).not.toContain(text);
  });

  it('alerts IG by SNS, marked sent before review, for the echo the rules would have held', async () => {
    await handler(loadEvent('whatsapp-webhook-echo-hold'), lambdaContext());
    expect(published()).toHaveLength(1);
    const [message] = published();
    expect(message!.Subject).toMatch(/^Sent before review A-\d{8}-\w{6}$/);
    expect(message!.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'sent-before-review' } });
    expect(message!.Message).not.toMatch(/JG ?10 ?37 ?85 ?A/);
    expect([...table.values()]).toContainEqual(expect.objectContaining({ channel: 'whatsapp', decision: 'hold', delivered: true, sentBeforeReview: true }));
  });

  it('processes a retried delivery once', async () => {
    const event = loadEvent('whatsapp-webhook-echo-hold');
    await handler(event, lambdaContext());
    const retry = await handler(loadEvent('whatsapp-webhook-echo-hold'), lambdaContext());
    expect(retry.statusCode).toBe(200);
    expect(JSON.parse(retry.body!)).toEqual({ received: 1, new: 0 });
    expect(published()).toHaveLength(1);
    expect(downstream.received).toHaveLength(1);
    expect(eventItems()).toHaveLength(1);
  });

  it.each<[string, (e: APIGatewayProxyEventV2) => APIGatewayProxyEventV2]>([
    ['a body changed after signing', (e) => ({ ...e, body: e.body!.replace('Caf\\u00e9', 'Cafe') })],
    ['no signature', (e) => ({ ...e, headers: { ...e.headers, 'x-hub-signature-256': undefined } })],
  ])('answers 401 to %s, touching nothing', async (_name, change) => {
    const result = await handler(change(loadEvent('whatsapp-webhook-text')), lambdaContext());
    expect(result.statusCode).toBe(401);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(downstream.received).toHaveLength(0);
  });

  it('verifies a base64-encoded body by its bytes', async () => {
    const event = loadEvent('whatsapp-webhook-text');
    const result = await handler({ ...event, body: Buffer.from(event.body!, 'utf8').toString('base64'), isBase64Encoded: true }, lambdaContext());
    expect(result.statusCode).toBe(200);
  });

  it('answers 500, so Meta delivers again, when the table cannot be written', async () => {
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    const result = await handler(loadEvent('whatsapp-webhook-statuses'), lambdaContext());
    expect(result.statusCode).toBe(500);
  });
});
