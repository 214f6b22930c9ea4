// The SES receiving door: a receipt rule set with one rule that first stores the raw message under
// intake/ and then invokes the filter, refusing mail not sent over TLS and scanning for spam and
// viruses. CloudFormation can create a rule set but not make it the active one, so a custom
// resource calls SetActiveReceiptRuleSet.
//
// SES writes with a role of its own (S3 action IamRoleArn) rather than through a bucket policy: the
// bucket is encrypted with the gateway key, and a role is the documented way to let SES use it.
// The S3 action's own KmsKeyArn is deliberately unset: it would make SES encrypt client-side, which
// only the Java and Ruby encryption clients can read.
import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnPermission, type IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { CfnReceiptRule, CfnReceiptRuleSet } from 'aws-cdk-lib/aws-ses';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { INTAKE_PREFIX } from '../layout.ts';
import { keyUse, objectAccess, serviceSourceConditions } from '../policies.ts';

export interface SesIntakeProps {
  ruleSetName: string;
  bucket: IBucket;
  key: IKey;
  filter: IFunction;
}

export const RECEIPT_RULE_NAME = 'store-then-filter';

export class SesIntake extends Construct {
  readonly ruleSet: CfnReceiptRuleSet;
  readonly rule: CfnReceiptRule;
  readonly writeRole: Role;
  readonly activation: AwsCustomResource;

  constructor(scope: Construct, id: string, props: SesIntakeProps) {
    super(scope, id);
    const ruleArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${props.ruleSetName}:receipt-rule/${RECEIPT_RULE_NAME}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    this.ruleSet = new CfnReceiptRuleSet(this, 'RuleSet', { ruleSetName: props.ruleSetName });

    // Inline policy: it exists when the role does, so SES's test write at rule creation succeeds.
    this.writeRole = new Role(this, 'WriteRole', {
      description: 'Lets SES receiving store raw messages under intake/',
      assumedBy: new ServicePrincipal('ses.amazonaws.com').withConditions(serviceSourceConditions(ruleArn)),
      inlinePolicies: {
        intake: new PolicyDocument({
          statements: [
            objectAccess(props.bucket, INTAKE_PREFIX, ['s3:PutObject']),
            keyUse(props.key, ['kms:Encrypt', 'kms:GenerateDataKey']),
          ],
        }),
      },
    });

    const invoke = new CfnPermission(this, 'InvokeFilter', {
      action: 'lambda:InvokeFunction',
      functionName: props.filter.functionArn,
      principal: 'ses.amazonaws.com',
      sourceAccount: Aws.ACCOUNT_ID,
      sourceArn: ruleArn,
    });

    this.rule = new CfnReceiptRule(this, 'Rule', {
      ruleSetName: this.ruleSet.ref,
      rule: {
        name: RECEIPT_RULE_NAME,
        enabled: true,
        scanEnabled: true,
        tlsPolicy: 'Require',
        // Order matters: the filter reads the message the S3 action has just stored.
        actions: [
          { s3Action: { bucketName: props.bucket.bucketName, objectKeyPrefix: INTAKE_PREFIX, iamRoleArn: this.writeRole.roleArn } },
          { lambdaAction: { functionArn: props.filter.functionArn, invocationType: 'Event' } },
        ],
      },
    });
    // SES checks both permissions when the rule is created.
    this.rule.node.addDependency(this.writeRole, invoke);

    this.activation = new AwsCustomResource(this, 'Activate', {
      installLatestAwsSdk: false,
      onCreate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: props.ruleSetName },
        physicalResourceId: PhysicalResourceId.of(props.ruleSetName),
      },
      onUpdate: {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: props.ruleSetName },
        physicalResourceId: PhysicalResourceId.of(props.ruleSetName),
      },
      // No name deactivates the active set, so that the rule set can then be deleted.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetActiveReceiptRuleSet has no resource-level permissions: it takes "*" only.
        new PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
    });
    this.activation.node.addDependency(this.rule);
  }
}
