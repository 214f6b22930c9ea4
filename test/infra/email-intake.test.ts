// The email doors as deployed in each intake mode: SES receiving's rule (store, then filter; TLS
// required; scanning on; activated), Mail Manager's traffic policy, ingress point and rule set, and
// the object-created notification that starts the filter for Mail Manager's writes only.
import { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import { MAIL_MANAGER_CONTEXT, synthGateway } from './synth.ts';

type Construct = Parameters<GatewayStack['getLogicalId']>[0];

interface Synthesised {
  template: Template;
  stack: GatewayStack;
}

const modes: Record<string, Synthesised> = {};

beforeAll(() => {
  modes['ses-receiving'] = synthGateway();
  modes.both = synthGateway(MAIL_MANAGER_CONTEXT);
  modes['mail-manager'] = synthGateway({ ...MAIL_MANAGER_CONTEXT, intakeMode: 'mail-manager' });
});

/** The logical id of an L1 resource, or of an L2 construct's resource. */
const idOf = (stack: GatewayStack, construct: Construct | { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId((CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as Construct);

describe('SES receiving', () => {
  let template: Template;
  let stack: GatewayStack;
  beforeAll(() => {
    ({ template, stack } = modes['ses-receiving']!);
  });

  it('stores the message under intake/ first and then invokes the filter asynchronously', () => {
    const [rule] = Object.values(template.findResources('AWS::SES::ReceiptRule')) as Array<{ Properties: { Rule: Record<string, unknown> } }>;
    const { Actions, TlsPolicy, ScanEnabled, Enabled } = rule!.Properties.Rule as { Actions: Array<Record<string, Record<string, unknown>>> } & Record<string, unknown>;
    expect(Actions.map((action) => Object.keys(action))).toEqual([['S3Action'], ['LambdaAction']]);
    expect(Actions[0]!.S3Action).toEqual({
      BucketName: { Ref: idOf(stack, stack.messages.bucket) },
      ObjectKeyPrefix: 'intake/',
      IamRoleArn: { 'Fn::GetAtt': [idOf(stack, stack.sesIntake!.writeRole), 'Arn'] },
    });
    // No KmsKeyArn: it would make SES encrypt client-side; the bucket's own encryption applies.
    expect(Actions[0]!.S3Action).not.toHaveProperty('KmsKeyArn');
    expect(Actions[1]!.LambdaAction).toEqual({
      FunctionArn: { 'Fn::GetAtt': [idOf(stack, stack.emailFilter.function.fn), 'Arn'] },
      InvocationType: 'Event',
    });
    expect({ TlsPolicy, ScanEnabled, Enabled }).toEqual({ TlsPolicy: 'Require', ScanEnabled: true, Enabled: true });
  });

  it('lets SES write intake/ only, and only for this rule in this account', () => {
    const role = template.toJSON().Resources[idOf(stack, stack.sesIntake!.writeRole)];
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ Service: 'ses.amazonaws.com' });
    expect(trust.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(JSON.stringify(trust.Condition.ArnLike['aws:SourceArn'])).toContain('receipt-rule-set/CouncillorGateway-intake:receipt-rule/store-then-filter');
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements.map((s: { Action: unknown }) => s.Action)).toEqual(['s3:PutObject', ['kms:Encrypt', 'kms:GenerateDataKey']]);
    expect(JSON.stringify(statements[0].Resource)).toContain('/intake/*');
  });

  it('lets only this rule invoke the filter', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      FunctionName: { 'Fn::GetAtt': [idOf(stack, stack.emailFilter.function.fn), 'Arn'] },
    });
  });

  it('activates the rule set once the rule exists, and deactivates it on removal', () => {
    const [activation] = Object.entries(template.findResources('Custom::AWS'));
    const [, resource] = activation!;
    const properties = resource as { Properties: { Create: string; Update: string; Delete: string }; DependsOn: string[] };
    const activate = { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: { RuleSetName: 'CouncillorGateway-intake' } };
    expect(JSON.parse(properties.Properties.Create)).toMatchObject(activate);
    expect(JSON.parse(properties.Properties.Update)).toMatchObject(activate);
    expect(JSON.parse(properties.Properties.Delete)).toEqual({ service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} });
    expect(properties.DependsOn).toContain(idOf(stack, stack.sesIntake!.rule));
  });

  it('creates no Mail Manager door and no bucket notification', () => {
    expect(template.findResources('AWS::SES::MailManagerIngressPoint')).toEqual({});
    expect(template.findResources('Custom::S3BucketNotifications')).toEqual({});
  });
});

describe('Mail Manager', () => {
  let template: Template;
  let stack: GatewayStack;
  beforeAll(() => {
    ({ template, stack } = modes.both!);
  });

  it('admits only the configured address ranges', () => {
    template.hasResourceProperties('AWS::SES::MailManagerTrafficPolicy', {
      DefaultAction: 'DENY',
      PolicyStatements: [
        {
          Action: 'ALLOW',
          Conditions: [{ IpExpression: { Evaluate: { Attribute: 'SENDER_IP' }, Operator: 'CIDR_MATCHES', Values: ['203.0.113.0/24', '198.51.100.7/32'] } }],
        },
      ],
    });
  });

  it('opens an ingress point that requires TLS, with the traffic policy and rule set', () => {
    const mm = stack.mailManagerIntake!;
    template.hasResourceProperties('AWS::SES::MailManagerIngressPoint', {
      Type: 'OPEN',
      TlsPolicy: 'REQUIRED',
      TrafficPolicyId: { 'Fn::GetAtt': [idOf(stack, mm.trafficPolicy), 'TrafficPolicyId'] },
      RuleSetId: { 'Fn::GetAtt': [idOf(stack, mm.ruleSet), 'RuleSetId'] },
    });
  });

  it('writes every message under intake/mail-manager with the gateway key', () => {
    template.hasResourceProperties('AWS::SES::MailManagerRuleSet', {
      Rules: [
        {
          Actions: [
            {
              WriteToS3: {
                S3Bucket: { Ref: idOf(stack, stack.messages.bucket) },
                S3Prefix: 'intake/mail-manager',
                S3SseKmsKeyId: { 'Fn::GetAtt': [idOf(stack, stack.key.key), 'Arn'] },
                RoleArn: { 'Fn::GetAtt': [idOf(stack, stack.mailManagerIntake!.writeRole), 'Arn'] },
              },
            },
          ],
        },
      ],
    });
  });

  it("starts the filter for Mail Manager's objects only, not for SES receiving's", () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'intake/mail-manager' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [idOf(stack, stack.emailFilter.function.fn), 'Arn'] },
          },
        ],
      },
    });
  });

  it('in "both" mode keeps the SES receipt rule as well', () => {
    expect(Object.keys(template.findResources('AWS::SES::ReceiptRule'))).toHaveLength(1);
  });

  it('in "mail-manager" mode creates no SES receiving resources', () => {
    const only = modes['mail-manager']!.template;
    expect(only.findResources('AWS::SES::ReceiptRuleSet')).toEqual({});
    expect(only.findResources('Custom::AWS')).toEqual({});
    only.resourceCountIs('AWS::SES::MailManagerIngressPoint', 1);
  });
});
