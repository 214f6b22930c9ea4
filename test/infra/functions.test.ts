// The four functions as deployed: runtime, architecture, settings, logs, concurrency, the filter's
// failure destination, and exactly what each one's role may do.
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GatewayStack } from '../../infra/gateway-stack.ts';
import type { GatewayFunction } from '../../infra/constructs/gateway-function.ts';
import { FUNCTION_VARIABLES, OPTIONAL_VARIABLES } from '../../infra/function-variables.ts';
import type { FunctionName } from '../../infra/layout.ts';
import { synthGateway, SYNTH_TIMEOUT_MS } from './synth.ts';

let template: Template;
let stack: GatewayStack;

beforeAll(() => {
  ({ template, stack } = synthGateway());
}, SYNTH_TIMEOUT_MS);

type Construct = Parameters<GatewayStack['getLogicalId']>[0];
const idOf = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as Construct);
const arnOf = (construct: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [idOf(construct), 'Arn'] });
const refOf = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: idOf(construct) });

const functions = (): Record<FunctionName, GatewayFunction> => ({
  'email-filter': stack.emailFilter.function,
  'whatsapp-send': stack.whatsapp.send,
  'whatsapp-webhook': stack.whatsapp.webhook,
  'review-api': stack.review.function,
});
const NAMES = Object.keys(FUNCTION_VARIABLES) as FunctionName[];

const functionResource = (name: FunctionName) => template.toJSON().Resources[idOf(functions()[name].fn)];

describe.each(NAMES)('the %s function', (name) => {
  it('runs Node.js 20 on ARM64 from a minified ES module bundle with source maps', () => {
    const fn = functionResource(name);
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('is given exactly the variables it reads, plus its Powertools names', () => {
    const variables = functionResource(name).Properties.Environment.Variables as Record<string, unknown>;
    const reads = FUNCTION_VARIABLES[name].filter((v) => !v.startsWith('POWERTOOLS_'));
    // The defaults leave the optional WhatsApp settings unset.
    const expected = reads.filter((v) => !OPTIONAL_VARIABLES.includes(v));
    expect(Object.keys(variables).sort()).toEqual([...expected, 'NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME'].sort());
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe(name);
    if ('GATEWAY_RULES_DIR' in variables) expect(variables.GATEWAY_RULES_DIR).toBe('/var/task/rules');
  });

  it('logs to its own log group, kept for the configured period', () => {
    const fn = functions()[name];
    expect(functionResource(name).Properties.LoggingConfig).toEqual({ LogGroup: refOf(fn.logGroup) });
    template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
  });

  it('has a role of its own with no managed policies, assumable by Lambda only', () => {
    const role = template.toJSON().Resources[idOf(functions()[name].role)];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });
});

describe('concurrency and failures', () => {
  it.each([
    ['email-filter', 10],
    ['whatsapp-send', 5],
    ['whatsapp-webhook', undefined],
    ['review-api', undefined],
  ] as const)('reserves concurrency for %s: %s', (name, reserved) => {
    expect(functionResource(name).Properties.ReservedConcurrentExecutions).toBe(reserved);
  });

  it('leaves concurrency unreserved when the setting is "none"', () => {
    const unreserved = synthGateway({ emailFilterConcurrency: 'none' });
    const fn = unreserved.template.toJSON().Resources[unreserved.stack.getLogicalId(unreserved.stack.emailFilter.function.fn.node.defaultChild as Construct)];
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("sends the filter's failed asynchronous events to the encrypted failure queue after two retries", () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: refOf(stack.emailFilter.function.fn),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: arnOf(stack.emailFilter.failures) } },
    });
  });
});

describe('least privilege', () => {
  interface Statement {
    Action: string | string[];
    Resource: unknown;
    Effect: string;
  }

  /** The statements of the policies attached to a role, one entry per action and resource. */
  function grants(fn: GatewayFunction): string[] {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [refOf(fn.role)] } });
    const statements = Object.values(policies).flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
    return statements.flatMap((s) => {
      expect(s.Effect).toBe('Allow');
      const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
      const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
      return actions.flatMap((action) => resources.map((resource) => `${action} ${JSON.stringify(resource)}`));
    });
  }

  const grant = (action: string, resource: unknown): string => `${action} ${JSON.stringify(resource)}`;
  const objects = (prefix: string) => ({ 'Fn::Join': ['', [arnOf(stack.messages.bucket), `/${prefix}*`]] });
  const identity = (name: string) => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:identity/${name}`]],
  });

  function expected(name: FunctionName): string[] {
    const fn = functions()[name];
    const key = arnOf(stack.key.key);
    const bucket = arnOf(stack.messages.bucket);
    const decisions = arnOf(stack.tables.decisions);
    const held = arnOf(stack.tables.held);
    const igTopic = refOf(stack.alerts.igTopic);
    const secret = (which: 'appSecret' | 'verifyToken' | 'accessToken' | 'toolingTokens') => refOf(stack.whatsappSecrets[which]);
    const logs = [grant('logs:CreateLogStream', arnOf(fn.logGroup)), grant('logs:PutLogEvents', arnOf(fn.logGroup))];
    const sendAs = (actions: string[]) => actions.flatMap((a) => [grant(a, identity('rushcliffe.gov.uk')), grant(a, identity('mail-gateway@rushcliffe.gov.uk'))]);
    switch (name) {
      case 'email-filter':
        return [
          ...logs,
          grant('sqs:SendMessage', arnOf(stack.emailFilter.failures)),
          grant('s3:GetObject', objects('intake/')),
          grant('s3:DeleteObject', objects('intake/')),
          grant('s3:GetObject', objects('held/')),
          grant('s3:PutObject', objects('held/')),
          grant('s3:ListBucket', bucket),
          grant('kms:Decrypt', key),
          grant('kms:GenerateDataKey', key),
          grant('dynamodb:GetItem', decisions),
          grant('dynamodb:PutItem', decisions),
          grant('dynamodb:UpdateItem', decisions),
          grant('dynamodb:GetItem', held),
          grant('dynamodb:PutItem', held),
          // An override re-send finds the held copies of its message and marks them overridden.
          grant('dynamodb:UpdateItem', held),
          grant('dynamodb:Query', { 'Fn::Join': ['', [held, '/index/resend-index']] }),
          grant('sns:Publish', igTopic),
          ...sendAs(['ses:SendEmail', 'ses:SendRawEmail']),
          grant('secretsmanager:GetSecretValue', refOf(stack.originToken.secret)),
          grant('ses:StartArchiveSearch', { 'Fn::GetAtt': [stack.getLogicalId(stack.mailManagerIntake.archive), 'ArchiveArn'] }),
          grant('ses:GetArchiveSearch', '*'),
          grant('ses:GetArchiveSearchResults', '*'),
        ];
      case 'whatsapp-send':
        return [
          ...logs,
          grant('secretsmanager:GetSecretValue', secret('accessToken')),
          grant('secretsmanager:GetSecretValue', secret('toolingTokens')),
          grant('s3:GetObject', objects('held/')),
          grant('s3:PutObject', objects('held/')),
          grant('s3:ListBucket', bucket),
          grant('kms:Decrypt', key),
          grant('kms:GenerateDataKey', key),
          grant('dynamodb:GetItem', decisions),
          grant('dynamodb:PutItem', decisions),
          grant('dynamodb:GetItem', held),
          grant('dynamodb:PutItem', held),
          grant('sns:Publish', igTopic),
        ];
      case 'whatsapp-webhook':
        return [
          ...logs,
          grant('secretsmanager:GetSecretValue', secret('appSecret')),
          grant('secretsmanager:GetSecretValue', secret('verifyToken')),
          grant('kms:Decrypt', key),
          grant('kms:GenerateDataKey', key),
          grant('dynamodb:GetItem', decisions),
          grant('dynamodb:PutItem', decisions),
          grant('sns:Publish', igTopic),
        ];
      case 'review-api':
        return [
          ...logs,
          grant('dynamodb:GetItem', held),
          grant('dynamodb:UpdateItem', held),
          grant('dynamodb:Query', { 'Fn::Join': ['', [held, '/index/status-index']] }),
          grant('s3:GetObject', objects('held/')),
          grant('s3:ListBucket', bucket),
          grant('kms:Decrypt', key),
          ...sendAs(['ses:SendEmail', 'ses:SendRawEmail']),
          grant('secretsmanager:GetSecretValue', secret('accessToken')),
        ];
    }
  }

  it.each(NAMES)('the %s role may do exactly what the function does, no more', (name) => {
    expect(grants(functions()[name]).sort()).toEqual(expected(name).sort());
  });

  it('no policy in the stack allows a wildcard action', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.length).toBeGreaterThan(20);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });
});
