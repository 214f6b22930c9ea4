// The one customer-managed key that encrypts everything holding message content or its traces:
// the message bucket, both tables, the secrets, the topics and the failure queue. One key keeps the
// key policy in one place; rotation is yearly and automatic.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface GatewayKeyProps {
  alias: string;
}

export class GatewayKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: GatewayKeyProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: props.alias,
      description: 'Encrypts the councillor message gateway: messages, records, secrets, alerts',
      enableKeyRotation: true,
      // A deleted key makes every held message unreadable: keep it, and wait the longest when
      // someone schedules its deletion.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // CloudWatch alarms publish to the encrypted alarm topic; CloudWatch itself must be able to
    // make the data key for that message.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopics',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
  }
}
