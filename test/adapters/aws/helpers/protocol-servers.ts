// In-process protocol servers for adapter tests: s3rver (the S3 REST API) and dynalite (the
// DynamoDB API), bound to 127.0.0.1 on a free port, with SDK clients pointed at them. Tables are
// made with the keys the CDK app gives them.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Neither package ships types; these are the parts used here.
const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { createTableMs?: number }) => Server;
const S3rver = require('s3rver') as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => { run(): Promise<AddressInfo>; close(): Promise<void> };

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const region = 'eu-west-2';

export interface RunningS3 {
  client: S3Client;
  close(): Promise<void>;
}

export async function startS3(bucket: string): Promise<RunningS3> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  const client = new S3Client({
    region,
    credentials,
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    // s3rver predates the SDK's default CRC checksums on uploads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    client,
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface RunningDynamo {
  doc: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export const DECISIONS_TABLE = 'gateway-decisions';
export const HELD_TABLE = 'gateway-held';

export async function startDynamo(): Promise<RunningDynamo> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({ region, credentials, endpoint: `http://127.0.0.1:${port}` });
  await client.send(
    new CreateTableCommand({
      TableName: DECISIONS_TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: HELD_TABLE,
      AttributeDefinitions: [
        { AttributeName: 'ref', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'heldAt', AttributeType: 'S' },
        { AttributeName: 'resendKey', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'ref', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'status-index',
          KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'heldAt', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'resend-index',
          KeySchema: [{ AttributeName: 'resendKey', KeyType: 'HASH' }, { AttributeName: 'heldAt', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const doc = DynamoDBDocumentClient.from(client);
  return {
    doc,
    close: async () => {
      doc.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
