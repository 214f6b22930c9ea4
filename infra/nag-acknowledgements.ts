// Every cdk-nag (AwsSolutions) finding — and every CloudFormation validation warning — the gateway
// accepts, in one place, each on the narrowest construct it applies to and with the reason it is
// accepted. A new finding fails `cdk synth` and the nag test until it is fixed or listed here.
import { Validations, type CfnResource, type Stack } from 'aws-cdk-lib';
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

  acknowledge(
    stack.mailManagerIntake.writeRole,
    objectPrefixFinding(stack, bucket, MAIL_MANAGER_PREFIX),
    'Mail Manager writes each relayed message below intake/mail-manager with a name it makes at run time.',
  );
  // CDK configures the bucket's notification through a handler of its own (CloudFormation
  // cannot, without a dependency cycle between the bucket and the function).
  const notificationsHandler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  acknowledge(notificationsHandler, MANAGED_LOGS_POLICY, "CDK's bucket-notification handler: the managed policy lets it write its own logs, and it runs only while the stack deploys.");

  acknowledge(
    stack.emailFilter.function,
    'AwsSolutions-IAM5[Resource::*]',
    'ses:GetArchiveSearch and ses:GetArchiveSearchResults name a search made at run time and have no resource type in the Service Authorization Reference; the statement allows those two read actions only. Starting a search is limited to the gateway archive.',
  );
  acknowledge(
    stack.originToken,
    'AwsSolutions-SMG4',
    'The origin token is also typed into the council\'s Exchange Online transport rule, which a rotation function cannot change: rotating it automatically would refuse all councillors\' outbound mail until an administrator updated the rule. It is rotated by hand, both places together (see the deployment guide).',
  );
}
