// The email door as deployed: Mail Manager only. Pins the topology the design record
// (docs/adr/0001-outbound-email-door.md) argues for: no SES receiving resource that could replace
// or switch off the account's active receipt rule set; an ingress endpoint that requires TLS behind
// a deny-by-default traffic policy; a rule set that archives (for the envelope) and then writes
// under one prefix that the write role, the action and the notification all agree on; the origin
// token the filter checks; Mail Manager's logs and the alarms on what the filter counts.
import { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_LENGTH } from '../../infra/constructs/origin-token.ts';
import { EMAIL_DOOR_ALARMS } from '../../infra/constructs/monitoring.ts';
import { MAX_MESSAGE_BYTES } from '../../infra/constructs/mail-manager-intake.ts';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import { INTAKE_PREFIX, MAIL_MANAGER_PREFIX } from '../../infra/layout.ts';
import { MAIL_MANAGER_CONTEXT, synthGateway, SYNTH_TIMEOUT_MS } from './synth.ts';

type Construct = Parameters<GatewayStack['getLogicalId']>[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation JSON
type Json = any;

let template: Template;
let stack: GatewayStack;
let resources: Record<string, Json>;

beforeAll(() => {
  ({ template, stack } = synthGateway(MAIL_MANAGER_CONTEXT));
  resources = template.toJSON().Resources;
}, SYNTH_TIMEOUT_MS);

const idOf = (construct: Construct | { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as Construct);
const only = (type: string): Json => {
  const found = Object.values(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return (found[0] as Json).Properties;
};

describe('no collateral damage to the account\'s other mail', () => {
  it('creates no SES receiving resource: no receipt rule set, rule or IP filter', () => {
    for (const type of ['AWS::SES::ReceiptRuleSet', 'AWS::SES::ReceiptRule', 'AWS::SES::ReceiptFilter']) {
      expect(Object.keys(template.findResources(type)), type).toEqual([]);
    }
  });

  it('never calls SetActiveReceiptRuleSet, so it cannot replace or switch off the active rule set', () => {
    expect(JSON.stringify(template.toJSON())).not.toMatch(/setActiveReceiptRuleSet/i);
  });
});

describe('the ingress endpoint', () => {
  it('is open to SMTP but requires TLS, with the gateway rule set and traffic policy', () => {
    expect(only('AWS::SES::MailManagerIngressPoint')).toEqual({
      Type: 'OPEN',
      TlsPolicy: 'REQUIRED',
      RuleSetId: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.ruleSet), 'RuleSetId'] },
      TrafficPolicyId: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.trafficPolicy), 'TrafficPolicyId'] },
    });
  });

  it('denies by default and admits only the configured ranges over TLS 1.2 or later, up to what SES can send', () => {
    expect(only('AWS::SES::MailManagerTrafficPolicy')).toEqual({
      DefaultAction: 'DENY',
      MaxMessageSizeBytes: MAX_MESSAGE_BYTES,
      PolicyStatements: [
        {
          Action: 'ALLOW',
          Conditions: [
            { IpExpression: { Evaluate: { Attribute: 'SENDER_IP' }, Operator: 'CIDR_MATCHES', Values: [...MAIL_MANAGER_CONTEXT.mailManagerAllowedCidrs] } },
            { TlsExpression: { Evaluate: { Attribute: 'TLS_PROTOCOL' }, Operator: 'MINIMUM_TLS_VERSION', Value: 'TLS1_2' } },
          ],
        },
      ],
    });
    // SES v2's 40 MB counts the base64 form: 30 MiB of message is what surely fits.
    expect(Math.ceil(MAX_MESSAGE_BYTES / 3) * 4).toBeLessThanOrEqual(40 * 1024 * 1024);
  });

  it('admits Microsoft 365\'s outbound ranges with the settings in cdk.json', () => {
    const defaults = synthGateway().template;
    const [policy] = Object.values(defaults.findResources('AWS::SES::MailManagerTrafficPolicy')) as Json[];
    expect(policy.Properties.PolicyStatements[0].Conditions[0].IpExpression.Values).toEqual(['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '104.47.0.0/17']);
  });
});

describe('the rule set', () => {
  it('archives every message, then writes its content under the Mail Manager prefix', () => {
    const { Rules } = only('AWS::SES::MailManagerRuleSet');
    expect(Rules).toHaveLength(1);
    expect(Rules[0]).not.toHaveProperty('Conditions');
    expect(Rules[0].Actions).toEqual([
      { Archive: { TargetArchive: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.archive), 'ArchiveId'] }, ActionFailurePolicy: 'CONTINUE' } },
      {
        WriteToS3: {
          RoleArn: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.writeRole), 'Arn'] },
          S3Bucket: { Ref: idOf(stack.messages.bucket) },
          S3Prefix: MAIL_MANAGER_PREFIX,
          S3SseKmsKeyId: { 'Fn::GetAtt': [idOf(stack.key.key), 'Arn'] },
          ActionFailurePolicy: 'CONTINUE',
        },
      },
    ]);
  });

  it('keeps the archive encrypted with the gateway key for the shortest retention offered', () => {
    expect(only('AWS::SES::MailManagerArchive')).toEqual({
      KmsKeyArn: { 'Fn::GetAtt': [idOf(stack.key.key), 'Arn'] },
      Retention: { RetentionPeriod: 'THREE_MONTHS' },
    });
  });

  it('uses one prefix for the action, the write role and the notification, below the filter\'s intake', () => {
    expect(MAIL_MANAGER_PREFIX.startsWith(INTAKE_PREFIX)).toBe(true);
    const role = resources[idOf(stack.mailManagerIntake.writeRole)];
    const [put] = role.Properties.Policies[0].PolicyDocument.Statement;
    expect(put.Action).toBe('s3:PutObject');
    expect(put.Resource).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [idOf(stack.messages.bucket), 'Arn'] }, `/${MAIL_MANAGER_PREFIX}*`]] });
    const [notifications] = Object.values(template.findResources('Custom::S3BucketNotifications')) as Json[];
    const configs = notifications.Properties.NotificationConfiguration.LambdaFunctionConfigurations;
    expect(configs).toEqual([
      {
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: MAIL_MANAGER_PREFIX }] } },
        LambdaFunctionArn: { 'Fn::GetAtt': [idOf(stack.emailFilter.function.fn), 'Arn'] },
      },
    ]);
    const env = resources[idOf(stack.emailFilter.function.fn)].Properties.Environment.Variables;
    expect(env.GATEWAY_INTAKE_PREFIX).toBe(INTAKE_PREFIX);
  });
});

describe('proof of origin', () => {
  it('generates the token the transport rule stamps and tells the filter where it is and which domains are the council\'s', () => {
    const secret = resources[idOf(stack.originToken.secret)].Properties;
    expect(secret.Name).toBe('councillor-gateway/email/origin-token');
    expect(secret.GenerateSecretString).toEqual({ PasswordLength: TOKEN_LENGTH, ExcludePunctuation: true, IncludeSpace: false });
    const env = resources[idOf(stack.emailFilter.function.fn)].Properties.Environment.Variables;
    expect(env).toMatchObject({
      GATEWAY_ORIGIN_SECRET_NAME: 'councillor-gateway/email/origin-token',
      GATEWAY_INTERNAL_DOMAINS: 'rushcliffe.gov.uk',
      GATEWAY_ARCHIVE_ID: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.archive), 'ArchiveId'] },
      GATEWAY_INGRESS_POINT_ID: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.ingressPoint), 'IngressPointId'] },
    });
  });
});

describe('logs and alarms', () => {
  it('delivers the rule set\'s and the ingress endpoint\'s logs to one log group', () => {
    const sources = Object.values(template.findResources('AWS::Logs::DeliverySource')).map((r) => (r as Json).Properties);
    expect(sources.map((s) => [s.LogType, s.ResourceArn])).toEqual([
      ['APPLICATION_LOGS', { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.ruleSet), 'RuleSetArn'] }],
      ['TRAFFIC_POLICY_DEBUG_LOGS', { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.ingressPoint), 'IngressPointArn'] }],
    ]);
    template.resourceCountIs('AWS::Logs::Delivery', 2);
    template.hasResourceProperties('AWS::Logs::DeliveryDestination', {
      DestinationResourceArn: { 'Fn::GetAtt': [idOf(stack.mailManagerIntake.logGroup), 'Arn'] },
    });
  });

  it('alarms on any failure Mail Manager logs', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: idOf(stack.mailManagerIntake.logGroup) },
      MetricTransformations: [Match.objectLike({ MetricName: 'MailManagerFailures' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'MailManagerFailures',
      Threshold: 1,
      AlarmActions: [{ Ref: idOf(stack.alerts.alarmTopic) }],
    });
  });

  it.each(EMAIL_DOOR_ALARMS.map(([metric]) => metric))('alarms at the first %s', (metric) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metric,
      Namespace: 'CouncillorGateway',
      Dimensions: [{ Name: 'service', Value: 'email-filter' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});
