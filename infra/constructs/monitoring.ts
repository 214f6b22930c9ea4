// The alarms that tell IT the gateway needs attention: any function error or throttle, any event
// in the filter's failure queue (a message that was neither held nor passed), and an unusual
// number of holds, email and WhatsApp together (a rule change gone wrong, or someone sending out a
// lot of personal data).
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../layout.ts';

export interface MonitoringProps {
  alarmTopic: ITopic;
  /** Each function by its name (the name appears in the alarm's description). */
  functions: ReadonlyArray<{ name: string; fn: IFunction }>;
  failureQueue: IQueue;
  /** Holds in one hour above which the hold-spike alarm fires. */
  holdsPerHourThreshold: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Email filter metrics that raise an alarm at the first occurrence, with what they mean. */
export const EMAIL_DOOR_ALARMS: ReadonlyArray<readonly [string, string]> = [
  [
    'OriginRejected',
    'A message reached the Mail Manager door without the council\'s origin token or with a From outside the council: it was dropped, not sent. Someone else is sending to the ingress endpoint, or the Exchange transport rule lost its token.',
  ],
  [
    'EnvelopeUnknown',
    'A councillor\'s message was held because its envelope could not be read from the Mail Manager archive. Check the archive action and the Mail Manager log group.',
  ],
  [
    'SendRefused',
    'SES refused to send a message the rules passed (unverified identity, suppressed address, sending paused). It is held for IG and the councillor was told.',
  ],
];

export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const action = new SnsAction(props.alarmTopic);
    const alarm = (alarmId: string, description: string, metric: IMetric, threshold: number): void => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
    };

    for (const { name, fn } of props.functions) {
      const id = name.replace(/(^|-)([a-z])/g, (_m, _dash: string, letter: string) => letter.toUpperCase());
      alarm(`${id}Errors`, `The ${name} function failed (see its log group).`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1);
      alarm(`${id}Throttles`, `The ${name} function was throttled: its reserved concurrency or the account limit was reached.`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1);
    }

    alarm(
      'FilterFailures',
      'An email event failed after every retry and is in the failure queue: the message was neither held nor passed. Redrive it once the cause is fixed.',
      props.failureQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      1,
    );

    // The email door's own signals (lib/adapters/aws/email-filter.ts): each one means a person
    // should look, and none carries personal data.
    const emailMetric = (metricName: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: 'email-filter' }, statistic: 'Sum', period: FIVE_MINUTES });
    for (const [metricName, description] of EMAIL_DOOR_ALARMS) alarm(metricName, description, emailMetric(metricName), 1);

    // Both doors that hold count 'Held' under their own service name; an hour with none is zero.
    const held = (service: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName: 'Held', dimensionsMap: { service }, statistic: 'Sum', period: Duration.hours(1) });
    alarm(
      'HoldSpike',
      `${props.holdsPerHourThreshold} or more messages were held in an hour: check for a rule change, a mass mailing or a councillor sending out personal data.`,
      new MathExpression({
        label: 'Messages held',
        expression: 'FILL(email, 0) + FILL(whatsapp, 0)',
        usingMetrics: { email: held('email-filter'), whatsapp: held('whatsapp-send') },
        period: Duration.hours(1),
      }),
      props.holdsPerHourThreshold,
    );
  }
}
