// The message bucket: raw messages under intake/, held copies under held/. Encrypted with the
// gateway key, versioned, private, reachable over TLS only, with its access logged to a second
// bucket. Both prefixes expire after the retention period: a held message is reviewed within it,
// and the raw copy of a passed message has no reason to outlive it.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { HELD_PREFIX, INTAKE_PREFIX } from '../layout.ts';

export interface MessageBucketProps {
  key: IKey;
  retentionDays: number;
  /** How long the access logs are kept. */
  accessLogDays: number;
}

/** Old versions are only there to undo a mistaken overwrite; they go a day after being replaced. */
const NONCURRENT_DAYS = 1;

export class MessageBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: MessageBucketProps) {
    super(scope, id);
    // Server access logs can only be delivered to a bucket encrypted with S3-managed keys. They
    // hold object keys (message ids and hold references), never content.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.accessLogDays) }],
    });

    const retention = Duration.days(props.retentionDays);
    this.bucket = new Bucket(this, 'Messages', {
      encryption: BucketEncryption.KMS,
      encryptionKey: props.key,
      // One data key per bucket rather than per object: far fewer KMS calls for the same protection.
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'messages/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-held',
          prefix: HELD_PREFIX,
          expiration: retention,
          noncurrentVersionExpiration: Duration.days(NONCURRENT_DAYS),
        },
        {
          id: 'expire-intake',
          prefix: INTAKE_PREFIX,
          expiration: retention,
          noncurrentVersionExpiration: Duration.days(NONCURRENT_DAYS),
        },
        { id: 'tidy', abortIncompleteMultipartUploadAfter: Duration.days(1), expiredObjectDeleteMarker: true },
      ],
    });
  }
}
