import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, expect, it } from 'vitest';
import { SnsNotifier } from '../../../lib/adapters/aws/sns-notifier.ts';
import type { DecisionRecord } from '../../../lib/audit/decision-record.ts';
import type { IgNotice } from '../../../lib/ports/notifier.ts';

const sns = mockClient(SNSClient);
afterEach(() => sns.reset());

const TOPIC = 'arn:aws:sns:eu-west-2:123456789012:gateway-alerts';
const record = { key: 'k', rules: ['strong-identifier'] } as unknown as DecisionRecord;

it.each<[IgNotice['kind'], string]>([
  ['held', 'Message held H-20251124-ABCDEF'],
  ['processing-error', 'Message held: could not be checked H-20251124-ABCDEF'],
])('publishes a %s notice with its kind as an attribute', async (kind, subject) => {
  sns.on(PublishCommand).resolves({ MessageId: 'n' });
  const notice: IgNotice = { kind, reference: 'H-20251124-ABCDEF', summary: 'Held H-20251124-ABCDEF: strong-identifier (uk-nino x1).', record };
  await new SnsNotifier(new SNSClient({}), TOPIC).notify(notice);
  const [input] = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
  expect(input).toEqual({ TopicArn: TOPIC, Subject: subject, Message: JSON.stringify(notice), MessageAttributes: { kind: { DataType: 'String', StringValue: kind } } });
  expect(input!.Subject!.length).toBeLessThanOrEqual(100);
});

it('publishes once per reference across attempts', async () => {
  sns.on(PublishCommand).resolves({});
  const done = new Set<string>();
  const once = async (step: string, effect: () => Promise<unknown>) => {
    if (done.has(step)) return;
    await effect();
    done.add(step);
  };
  const notifier = new SnsNotifier(new SNSClient({}), TOPIC, once);
  const notice: IgNotice = { kind: 'held', reference: 'H-20251124-ABCDEF', summary: 's', record };
  await notifier.notify(notice);
  await notifier.notify(notice);
  expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
});
