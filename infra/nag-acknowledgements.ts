// Every cdk-nag (AwsSolutions) finding — and every CloudFormation validation warning — the gateway
// accepts, in one place, each on the narrowest construct it applies to and with the reason it is
// accepted. A new finding fails `cdk synth` and the nag test until it is fixed or listed here.
import { Validations, type CfnResource, type Stack } from 'aws-cdk-lib';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import type { IConstruct } from 'constructs';
import type { GatewayStack } from './gateway-stack.ts';
import { HELD_PREFIX, INTAKE_PREFIX, MAIL_MANAGER_PREFIX } from './layout.ts';

const acknowledge = (scope: IConstruct | undefined, id: string, reason: string): void => {
  if (scope) Validations.of(scope).acknowledge({ id, reason });
};

/** The IAM5 finding id for a resource "<bucket ARN>/<prefix>*", as cdk-nag spells it. */
function objectPrefixFinding(stack: Stack, bucket: IConstruct, prefix: string): string {
  const logicalId = stack.getLogicalId(bucket.node.defaultChild as CfnResource);
  return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`;
}

const MANAGED_LOGS_POLICY = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

const PREFIX_REASON =
  'Object-level actions on one prefix of the message bucket: the objects are created at run time, named by message id or hold reference, so they cannot be listed in the policy.';

export function acknowledgeFindings(stack: GatewayStack): void {
  const bucket = stack.messages.bucket;
  const intakeObjects = objectPrefixFinding(stack, bucket, INTAKE_PREFIX);
  const heldObjects = objectPrefixFinding(stack, bucket, HELD_PREFIX);

  const functions = [stack.emailFilter.function, stack.whatsapp.send, stack.whatsapp.webhook, stack.review.function];
  for (const fn of functions) {
    const reason =
      'The runtime is pinned to Node.js 20 (the version the project targets and tests on: package.json engines, esbuild target node20). ' +
      'Moving to a newer runtime is a deliberate change of RUNTIME in infra/constructs/gateway-function.ts together with the build target, before Lambda stops creating Node.js 20 functions.';
    acknowledge(fn.fn, 'AwsSolutions-L1', reason);
    acknowledge(fn.fn, 'CloudFormation-Validate::W2531', reason);
  }

  acknowledge(stack.emailFilter.function, intakeObjects, PREFIX_REASON);
  acknowledge(stack.emailFilter.function, heldObjects, PREFIX_REASON);
  acknowledge(stack.whatsapp.send, heldObjects, PREFIX_REASON);
  acknowledge(stack.review.function, heldObjects, PREFIX_REASON);

  acknowledge(
    stack.emailFilter.failures,
    'AwsSolutions-SQS3',
    "This queue is the email filter's asynchronous on-failure destination, i.e. it is the dead-letter queue; it needs none of its own.",
  );

  acknowledge(
    stack.whatsappSecrets,
    'AwsSolutions-SMG4',
    'These credentials are issued by Meta (app secret, webhook verify token, system-user access token); a Secrets Manager rotation function cannot mint new ones. The operator rotates them in the Meta dashboard and updates the secret (see the deployment guide). The tooling-tokens secret holds only hashes of gateway-issued tokens; they are replaced one by one with gateway whatsapp-token issue and revoke.',
  );

  for (const path of ['POST--whatsapp--{version}--{phoneNumberId}--messages', 'POST--whatsapp--webhook', 'GET--whatsapp--webhook']) {
    acknowledge(
      stack.api.api.node.tryFindChild(path),
      'AwsSolutions-APIG4',
      'Called by Meta or by WhatsApp Business tooling that speaks the Graph API, neither of which can present a Cognito token. The functions authenticate every call themselves: the webhook verifies X-Hub-Signature-256 (HMAC of the body with the app secret) and the handshake its verify token; the send proxy requires a gateway-issued tooling token as bearer token. All comparisons are constant-time.',
    );
  }
  for (const path of ['GET--review', 'GET--review--{file}']) {
    acknowledge(
      stack.api.api.node.tryFindChild(path),
      'AwsSolutions-APIG4',
      "The review page's static files (HTML, script, style) hold no data and must load in a browser before sign-in; every /api route they call requires a Cognito JWT.",
    );
  }

  if (stack.sesIntake) {
    acknowledge(stack.sesIntake.writeRole, intakeObjects, 'SES receiving writes each message as intake/<SES message id>; the ids are made at run time.');
    acknowledge(
      stack.sesIntake.activation,
      'AwsSolutions-IAM5[Resource::*]',
      'ses:SetActiveReceiptRuleSet supports no resource-level permissions (Service Authorization Reference); the statement allows that one action only.',
    );
  }

  if (stack.mailManagerIntake) {
    acknowledge(
      stack.mailManagerIntake.writeRole,
      objectPrefixFinding(stack, bucket, MAIL_MANAGER_PREFIX),
      'Mail Manager writes each relayed message under intake/mail-manager/ with a name it makes at run time.',
    );
    // CDK configures the bucket's notification through a handler of its own (CloudFormation
    // cannot, without a dependency cycle between the bucket and the function).
    const notificationsHandler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
    acknowledge(notificationsHandler, MANAGED_LOGS_POLICY, "CDK's bucket-notification handler: the managed policy lets it write its own logs, and it runs only while the stack deploys.");
  }

  // Singletons CDK itself adds at the stack's root for custom resources.
  const customResourceProvider = stack.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll('-', '')}`);
  acknowledge(
    customResourceProvider,
    MANAGED_LOGS_POLICY,
    "CDK's AwsCustomResource provider (it activates the receipt rule set at deploy time); its role gets the managed policy that lets it write its own logs, and nothing else managed.",
  );
}
