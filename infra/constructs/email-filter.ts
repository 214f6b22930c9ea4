// The email filter: reads a raw message Mail Manager wrote under intake/, checks its origin token,
// reads its envelope from the Mail Manager archive, scans it, then holds it (copy to held/,
// record, explanation, notify IG) or passes it (send through SES). S3 invokes it asynchronously;
// an event that still fails after Lambda's retries lands in an encrypted queue rather than
// vanishing.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IDestination } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnMailManagerArchive } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HELD_PREFIX, HELD_RESEND_INDEX, INTAKE_PREFIX } from '../layout.ts';
import { archiveSearch, bucketList, indexQuery, keyUse, objectAccess, queueSend, secretRead, sesSend, tableAccess, topicPublish } from '../policies.ts';
import { GatewayFunction } from './gateway-function.ts';

export interface EmailFilterProps {
  environment: Record<string, string>;
  key: IKey;
  bucket: IBucket;
  decisions: ITable;
  held: ITable;
  igTopic: ITopic;
  /** SES identities the filter sends as: the council's domains (passed mail) and the gateway's sender. */
  sendIdentities: readonly string[];
  logRetention: RetentionDays;
  reservedConcurrency: number | null;
  /** The token the Exchange transport rule stamps. */
  originSecret: ISecret;
  /** Where the envelopes are: the Mail Manager archive. */
  archive: CfnMailManagerArchive;
}

/** Lambda's own retries of an asynchronous event before it goes to the failure queue. */
const ASYNC_RETRIES = 2;

export class EmailFilter extends Construct {
  readonly function: GatewayFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: EmailFilterProps) {
    super(scope, id);
    this.function = new GatewayFunction(this, 'Filter', {
      name: 'email-filter',
      description: 'Scans outgoing councillor email and holds or passes it',
      environment: props.environment,
      // Up to 40 MB of MIME with PDF and Office attachments to read: memory buys CPU on Lambda.
      memorySize: 1536,
      readsAttachments: true,
      timeout: Duration.minutes(5),
      logRetention: props.logRetention,
      // Caps the SES send rate and DynamoDB writes a burst of mail can cause.
      reservedConcurrentExecutions: props.reservedConcurrency ?? undefined,
    });

    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // Lambda's own SqsDestination grants kms:GenerateDataKey* and kms:ReEncrypt*; this one grants
    // only the calls a send to an encrypted queue makes.
    const failures = this.failures;
    const onFailure: IDestination = {
      bind: (_scope, fn) => {
        fn.role?.addToPrincipalPolicy(queueSend(failures));
        return { destination: failures.queueArn };
      },
    };
    this.function.fn.configureAsyncInvoke({ onFailure, retryAttempts: ASYNC_RETRIES, maxEventAge: Duration.hours(6) });

    this.function.allow(
      // Read the message, and delete it once decided (a held message keeps its copy under held/).
      objectAccess(props.bucket, INTAKE_PREFIX, ['s3:GetObject', 's3:DeleteObject']),
      objectAccess(props.bucket, HELD_PREFIX, ['s3:GetObject', 's3:PutObject']),
      bucketList(props.bucket),
      keyUse(props.key, ['kms:Decrypt', 'kms:GenerateDataKey']),
      tableAccess(props.decisions, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
      // Put on a hold; an override re-send finds the held copies and marks them overridden.
      tableAccess(props.held, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
      indexQuery(props.held, HELD_RESEND_INDEX),
      topicPublish(props.igTopic),
      // SESv2 SendEmail with raw content is authorised as both actions.
      sesSend(this, props.sendIdentities, ['ses:SendEmail', 'ses:SendRawEmail']),
      secretRead([props.originSecret]),
      ...archiveSearch(props.archive.attrArchiveArn),
    );
  }
}
