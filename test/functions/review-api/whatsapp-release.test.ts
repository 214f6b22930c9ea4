// Releasing a held WhatsApp message from the review Lambda: the access token comes from Secrets
// Manager (mocked), the stored send body goes to Graph (a local HTTP stub) exactly as written, with
// the Graph version and phone number id the councillor's tooling used.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HeldItemRecord } from '../../../lib/adapters/aws/held-items.ts';
import type { ReviewEvent } from '../../../lib/adapters/aws/review-http.ts';
import type { HeldMeta } from '../../../lib/ports/message-store.ts';
import { memoryBucket } from '../../adapters/aws/helpers/memory-bucket.ts';
import { stubReviewEnv } from './review-env.ts';

const REF = 'H-20261124-7KQ3PZ';
const PHONE_NUMBER_ID = '106540352242922';
const BODY = Buffer.from(JSON.stringify({ messaging_product: 'whatsapp', to: '447700900123', type: 'text', text: { body: 'Her NI number is JG 10 37 85 A' } }));

const ITEM: HeldItemRecord = {
  ref: REF,
  status: 'held',
  channel: 'whatsapp',
  heldAt: '2026-11-24T09:00:00.000Z',
  sender: PHONE_NUMBER_ID,
  recipientDomains: [],
  ruleIds: ['strong-identifier'],
  s3Key: `held/${REF}.json.body`,
  metaS3Key: `held/${REF}.json`,
  expiresAt: Math.floor(Date.parse('2099-01-01T00:00:00.000Z') / 1000),
};

const META: HeldMeta = {
  reference: REF,
  key: 'b'.repeat(32),
  messageId: 'whatsapp-body-hash',
  channel: 'whatsapp',
  status: 'held',
  heldAt: ITEM.heldAt,
  envelope: { from: PHONE_NUMBER_ID, to: ['447700900123'] },
  subject: '',
  ruleSetVersion: 'test',
  reasons: [{ rule: 'strong-identifier', category: 'personal', type: 'uk-nino', explanation: 'Identifiers like this can be used to impersonate a resident.', allowOverride: true }],
  findings: [],
  graphVersion: 'v21.0',
};

interface Received {
  url: string;
  authorization: string | undefined;
  body: Buffer;
}

describe('review-api handler releasing WhatsApp', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);
  const s3 = mockClient(S3Client);
  mockClient(SESv2Client);
  const secrets = mockClient(SecretsManagerClient);
  const received: Received[] = [];
  let graph: Server;
  let handler: (event: ReviewEvent) => Promise<APIGatewayProxyStructuredResultV2>;

  beforeAll(async () => {
    graph = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"messages":[{"id":"wamid.x"}]}');
      });
    });
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    stubReviewEnv({ GATEWAY_GRAPH_URL: `http://127.0.0.1:${(graph.address() as AddressInfo).port}` });
    ({ handler } = await import('../../../functions/review-api/handler.ts'));
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await new Promise((resolve) => graph.close(resolve));
  });

  it('sends the stored body to Graph with the councillor’s version and number id, once', async () => {
    const bucket = memoryBucket(s3);
    bucket.set(ITEM.s3Key, { body: BODY, metadata: {} });
    bucket.set(ITEM.metaS3Key, { body: Buffer.from(JSON.stringify(META)), metadata: {} });
    dynamo.on(GetCommand, { Key: { ref: REF } }).resolves({ Item: ITEM });
    dynamo.on(UpdateCommand).resolves({});
    secrets.on(GetSecretValueCommand, { SecretId: 'gateway/whatsapp/access-token' }).resolves({ SecretString: 'EAAG-test-token' });

    const event = JSON.parse(readFileSync(new URL('../../../events/review-release.json', import.meta.url), 'utf8')) as ReviewEvent;
    const result = await handler(event);

    expect(result.statusCode).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ url: `/v21.0/${PHONE_NUMBER_ID}/messages`, authorization: 'Bearer EAAG-test-token' });
    expect(received[0]!.body.equals(BODY)).toBe(true);
    expect(dynamo.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({ ExpressionAttributeValues: { ':from': 'held', ':to': 'released' } });
  });
});
