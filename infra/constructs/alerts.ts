// Two encrypted topics: one tells information governance that a message was held (the functions
// publish record-safe notices to it), the other tells IT that the gateway itself needs attention
// (CloudWatch alarms publish to it). Each subscribed address must confirm its subscription once.
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsProps {
  key: IKey;
  igAddresses: readonly string[];
  alarmAddress: string;
}

export class Alerts extends Construct {
  readonly igTopic: Topic;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.igTopic = new Topic(this, 'InformationGovernance', {
      displayName: 'Councillor gateway: messages held for review',
      masterKey: props.key,
      enforceSSL: true,
    });
    for (const address of props.igAddresses) this.igTopic.addSubscription(new EmailSubscription(address));

    this.alarmTopic = new Topic(this, 'Alarms', {
      displayName: 'Councillor gateway: alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new EmailSubscription(props.alarmAddress));
  }
}
