// The alarms IT is told about: errors and throttles of every function, anything in the filter's
// failure queue, and a spike in holds, all sent to the alarm topic.
import type { Template } from 'aws-cdk-lib/assertions';
import { EMAIL_DOOR_ALARMS } from '../../infra/constructs/monitoring.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import { synthGateway, SYNTH_TIMEOUT_MS } from './synth.ts';

type Construct = Parameters<GatewayStack['getLogicalId']>[0];

interface MetricQuery {
  Id: string;
  Expression?: string;
  MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: Array<{ Name: string; Value: unknown }> }; Period: number; Stat: string };
}

interface AlarmProperties {
  MetricName?: string;
  Namespace?: string;
  Metrics?: MetricQuery[];
  Dimensions?: Array<{ Name: string; Value: unknown }>;
  Threshold: number;
  ComparisonOperator: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
  Period?: number;
  Statistic?: string;
}

let stack: GatewayStack;
let alarms: AlarmProperties[];

const idOf = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as Construct);

beforeAll(() => {
  let template: Template;
  ({ template, stack } = synthGateway({ holdSpikePerHour: 40 }));
  alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => (a as { Properties: AlarmProperties }).Properties);
}, SYNTH_TIMEOUT_MS);

const dimension = (alarm: AlarmProperties, name: string): unknown => alarm.Dimensions?.find((d) => d.Name === name)?.Value;

describe('alarms', () => {
  it.each(['email-filter', 'whatsapp-send', 'whatsapp-webhook', 'review-api'] as const)('%s: an error or a throttle raises an alarm', (name) => {
    const fn = { 'email-filter': stack.emailFilter.function, 'whatsapp-send': stack.whatsapp.send, 'whatsapp-webhook': stack.whatsapp.webhook, 'review-api': stack.review.function }[name];
    for (const metric of ['Errors', 'Throttles']) {
      const alarm = alarms.find((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metric && JSON.stringify(dimension(a, 'FunctionName')) === JSON.stringify({ Ref: idOf(fn.fn) }));
      expect(alarm, `${name} ${metric}`).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Statistic: 'Sum' });
    }
  });

  it('raises an alarm as soon as an event is in the failure queue', () => {
    const alarm = alarms.find((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(alarm).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1 });
    expect(dimension(alarm!, 'QueueName')).toEqual({ 'Fn::GetAtt': [idOf(stack.emailFilter.failures), 'QueueName'] });
  });

  it('raises an alarm when email and WhatsApp holds in an hour together reach the setting', () => {
    const alarm = alarms.find((a) => a.Metrics !== undefined);
    expect(alarm).toMatchObject({ Threshold: 40, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const queries = alarm!.Metrics!;
    const expression = queries.find((q) => q.Expression)!.Expression!;
    const held = queries.filter((q) => q.MetricStat);
    expect(held.map((q) => q.MetricStat!.Metric)).toEqual([
      { MetricName: 'Held', Namespace: 'CouncillorGateway', Dimensions: [{ Name: 'service', Value: 'email-filter' }] },
      { MetricName: 'Held', Namespace: 'CouncillorGateway', Dimensions: [{ Name: 'service', Value: 'whatsapp-send' }] },
    ]);
    for (const q of held) {
      expect(q.MetricStat).toMatchObject({ Period: 3600, Stat: 'Sum' });
      expect(expression).toContain(`FILL(${q.Id}, 0)`);
    }
  });

  it('tells the alarm topic when each alarm fires and when it clears', () => {
    const topic = { Ref: idOf(stack.alerts.alarmTopic) };
    // Errors and throttles per function, the failure queue, the hold spike, the email door's own
    // signals, and Mail Manager's logged failures.
    expect(alarms).toHaveLength(4 * 2 + 2 + EMAIL_DOOR_ALARMS.length + 1);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual([topic]);
      expect(alarm.OKActions).toEqual([topic]);
    }
  });
});
