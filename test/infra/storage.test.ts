// What holds message content or its traces: encrypted with the gateway key, private, TLS-only,
// versioned and logged, expiring on the retention period; tables recoverable and expiring items.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import { synthGateway, SYNTH_TIMEOUT_MS } from './synth.ts';

let template: Template;
let stack: GatewayStack;
let keyArn: unknown;

const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as Parameters<GatewayStack['getLogicalId']>[0]);

beforeAll(() => {
  ({ template, stack } = synthGateway({ retentionDays: 45 }));
  keyArn = { 'Fn::GetAtt': [logicalId(stack.key.key), 'Arn'] };
}, SYNTH_TIMEOUT_MS);

describe('the gateway key', () => {
  it('rotates yearly and survives the stack', () => {
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
  });

  it('lets CloudWatch encrypt alarm notifications, Mail Manager archive for this account, and nobody else', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key')) as Array<{ Properties: { KeyPolicy: { Statement: Array<Record<string, unknown>> } } }>;
    const services = key!.Properties.KeyPolicy.Statement.flatMap((s) => (s.Principal as { Service?: string }).Service ?? []);
    expect(services).toEqual(['cloudwatch.amazonaws.com', 'ses.amazonaws.com']);
    const ses = key!.Properties.KeyPolicy.Statement.find((s) => (s.Principal as { Service?: string }).Service === 'ses.amazonaws.com');
    expect(ses!.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });
});

describe('the message bucket', () => {
  let bucketId: string;
  beforeAll(() => {
    bucketId = logicalId(stack.messages.bucket);
  });

  it('is encrypted with the gateway key, versioned, private and logged', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack.messages.accessLogs) }, LogFilePrefix: 'messages/' },
    });
  });

  it.each([['held/'], ['intake/']])('expires objects under %s after the retention period, old versions a day later', (prefix) => {
    const bucket = template.toJSON().Resources[bucketId];
    const rule = bucket.Properties.LifecycleConfiguration.Rules.find((r: { Prefix?: string }) => r.Prefix === prefix);
    expect(rule).toMatchObject({ Status: 'Enabled', ExpirationInDays: 45, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
  });

  it.each([
    ['message bucket', () => logicalId(stack.messages.bucket)],
    ['access-log bucket', () => logicalId(stack.messages.accessLogs)],
  ])('the %s refuses every request not made over TLS', (_name, id) => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } }, Principal: { AWS: '*' } }),
        ]),
      },
    });
  });

  it('grants nobody outside the account anything in its bucket policy but the TLS denial', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }));
    const allows = policies.flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Array<{ Effect: string }> } } }).Properties.PolicyDocument.Statement).filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([]);
  });

  it('keeps its access logs in a private, S3-encrypted bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365 })] },
    });
  });
});

describe('the state tables', () => {
  it.each([
    ['decisions', 'id'],
    ['held', 'ref'],
  ])('the %s table is keyed by %s, encrypted with the gateway key, recoverable and expiring items', (_name, key) => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('indexes held items by status for the review list, and by resend key for override re-sends', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'ref', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        { IndexName: 'status-index', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'heldAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'resend-index', KeySchema: [{ AttributeName: 'resendKey', KeyType: 'HASH' }, { AttributeName: 'heldAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      ],
    });
  });
});

describe('topics, queue and secrets', () => {
  it('encrypts both topics with the gateway key and refuses publishing without TLS', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(2);
    for (const topic of Object.values(topics)) expect((topic as { Properties: Record<string, unknown> }).Properties.KmsMasterKeyId).toEqual(keyArn);
    template.resourcePropertiesCountIs(
      'AWS::SNS::TopicPolicy',
      { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } },
      2,
    );
  });

  it('subscribes the IG addresses and the alarm address by email', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'information.governance@rushcliffe.gov.uk' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'it.alerts@rushcliffe.gov.uk' });
  });

  it('encrypts the failure queue with the gateway key and keeps failures 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: keyArn, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('creates the WhatsApp secrets, the tooling-token hashes and the origin token encrypted, with no value in the template', () => {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret')) as Array<{ Properties: Record<string, unknown> }>;
    expect(secrets.map((s) => s.Properties.Name).sort()).toEqual([
      'councillor-gateway/email/origin-token',
      'councillor-gateway/whatsapp/access-token',
      'councillor-gateway/whatsapp/app-secret',
      'councillor-gateway/whatsapp/tooling-tokens',
      'councillor-gateway/whatsapp/verify-token',
    ]);
    for (const secret of secrets) {
      expect(secret.Properties.KmsKeyId).toEqual(keyArn);
      expect(secret.Properties).not.toHaveProperty('SecretString');
    }
  });
});
