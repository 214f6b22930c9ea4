// Least-privilege IAM statements. The CDK grant helpers hand out wildcard actions (s3:GetObject*,
// kms:GenerateDataKey*, …); the gateway's roles instead name every action, and every resource is a
// specific ARN or a prefix of one bucket. The action types below make a wildcard a compile error.
import { Aws, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';

export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject';
export type KeyAction = 'kms:Decrypt' | 'kms:Encrypt' | 'kms:GenerateDataKey';
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem';
export type SesAction = 'ses:SendEmail' | 'ses:SendRawEmail';

const allow = (actions: readonly string[], resources: readonly string[]): PolicyStatement =>
  new PolicyStatement({ effect: Effect.ALLOW, actions: [...actions], resources: [...resources] });

/** Objects under one prefix of one bucket. */
export const objectAccess = (bucket: IBucket, prefix: string, actions: readonly ObjectAction[]): PolicyStatement =>
  allow(actions, [bucket.arnForObjects(`${prefix}*`)]);

/**
 * s3:ListBucket on the bucket. Without it S3 answers a read of a missing object with "access
 * denied" rather than "no such key", and the functions ask whether an object exists (a retried
 * message's held copy, an intake object already processed). It reveals object names — message ids
 * and hold references — never content. A prefix condition would not help: the existence check
 * carries no prefix, so the condition would never match.
 */
export const bucketList = (bucket: IBucket): PolicyStatement => allow(['s3:ListBucket'], [bucket.bucketArn]);

export const keyUse = (key: IKey, actions: readonly KeyAction[]): PolicyStatement => allow(actions, [key.keyArn]);

export const tableAccess = (table: ITable, actions: readonly TableAction[]): PolicyStatement => allow(actions, [table.tableArn]);

/** A query of one index: its ARN only, not the table's. */
export const indexQuery = (table: ITable, index: string): PolicyStatement => allow(['dynamodb:Query'], [`${table.tableArn}/index/${index}`]);

export const secretRead = (secrets: readonly ISecret[]): PolicyStatement =>
  allow(['secretsmanager:GetSecretValue'], secrets.map((secret) => secret.secretArn));

export const topicPublish = (topic: ITopic): PolicyStatement => allow(['sns:Publish'], [topic.topicArn]);

export const queueSend = (queue: IQueue): PolicyStatement => allow(['sqs:SendMessage'], [queue.queueArn]);

/** The ARN of an SES identity (a domain or an address) in this stack's account and region. */
export const sesIdentityArn = (scope: IConstruct, identity: string): string =>
  Stack.of(scope).formatArn({ service: 'ses', resource: 'identity', resourceName: identity });

/**
 * Sending as the given identities. SES authorises a send against the identity of the From address
 * (or its domain), so these are the council's domains and the gateway's own sender address.
 */
export const sesSend = (scope: IConstruct, identities: readonly string[], actions: readonly SesAction[]): PolicyStatement =>
  allow(actions, [...new Set(identities)].map((identity) => sesIdentityArn(scope, identity)));

/**
 * Searching one Mail Manager archive for a message's envelope. StartArchiveSearch is authorised on
 * the archive; the search it starts has an id made at run time, and the Service Authorization
 * Reference lists no resource type for GetArchiveSearch and GetArchiveSearchResults, so those two
 * take "*".
 */
export const archiveSearch = (archiveArn: string): PolicyStatement[] => [
  allow(['ses:StartArchiveSearch'], [archiveArn]),
  allow(['ses:GetArchiveSearch', 'ses:GetArchiveSearchResults'], ['*']),
];

/** Trust for a role that an AWS service assumes on this account's behalf, from the named source only. */
export const serviceSourceConditions = (sourceArnPattern: string) => ({
  StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
  ArnLike: { 'aws:SourceArn': sourceArnPattern },
});
