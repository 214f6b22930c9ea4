// The Mail Manager door, for mail the council's own mail server relays out (an Exchange outbound
// connector pointed at the ingress point): an open SMTP ingress point that requires TLS and admits
// only the configured address ranges, and a rule set that writes every message under intake/. The
// object-created notification on that folder starts the filter. There are no L2 constructs for
// Mail Manager, so these are the CloudFormation resources themselves.
import { Stack } from 'aws-cdk-lib';
import { PolicyDocument, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { CfnMailManagerIngressPoint, CfnMailManagerRuleSet, CfnMailManagerTrafficPolicy } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { MAIL_MANAGER_PREFIX } from '../layout.ts';
import { keyUse, objectAccess, serviceSourceConditions } from '../policies.ts';

export interface MailManagerIntakeProps {
  bucket: IBucket;
  key: IKey;
  filter: IFunction;
  /** Sender address ranges allowed to connect (the council's outbound mail servers). */
  allowedCidrs: readonly string[];
}

/** SES's own limit for a message it stores; larger mail is refused at the door. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

// Mail Manager is given the prefix without its final slash: whether it adds one before the object
// name or not, the key starts with this, and SES receiving's keys (intake/<message id>) never do.
const WRITE_PREFIX = MAIL_MANAGER_PREFIX.replace(/\/$/, '');

export class MailManagerIntake extends Construct {
  readonly trafficPolicy: CfnMailManagerTrafficPolicy;
  readonly ruleSet: CfnMailManagerRuleSet;
  readonly ingressPoint: CfnMailManagerIngressPoint;
  readonly writeRole: Role;

  constructor(scope: Construct, id: string, props: MailManagerIntakeProps) {
    super(scope, id);
    this.trafficPolicy = new CfnMailManagerTrafficPolicy(this, 'TrafficPolicy', {
      defaultAction: 'DENY',
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      policyStatements: [
        {
          action: 'ALLOW',
          conditions: [{ ipExpression: { evaluate: { attribute: 'SENDER_IP' }, operator: 'CIDR_MATCHES', values: [...props.allowedCidrs] } }],
        },
      ],
    });

    const ruleSetArns = Stack.of(this).formatArn({ service: 'ses', resource: 'mailmanager-rule-set', resourceName: '*' });
    this.writeRole = new Role(this, 'WriteRole', {
      description: 'Lets Mail Manager store relayed messages under intake/',
      assumedBy: new ServicePrincipal('ses.amazonaws.com').withConditions(serviceSourceConditions(ruleSetArns)),
      inlinePolicies: {
        intake: new PolicyDocument({
          statements: [
            objectAccess(props.bucket, MAIL_MANAGER_PREFIX, ['s3:PutObject']),
            keyUse(props.key, ['kms:Encrypt', 'kms:GenerateDataKey']),
          ],
        }),
      },
    });

    this.ruleSet = new CfnMailManagerRuleSet(this, 'RuleSet', {
      rules: [
        {
          name: 'store-for-filter',
          actions: [
            {
              writeToS3: {
                roleArn: this.writeRole.roleArn,
                s3Bucket: props.bucket.bucketName,
                s3Prefix: WRITE_PREFIX,
                s3SseKmsKeyId: props.key.keyArn,
              },
            },
          ],
        },
      ],
    });

    this.ingressPoint = new CfnMailManagerIngressPoint(this, 'IngressPoint', {
      type: 'OPEN',
      tlsPolicy: 'REQUIRED',
      ruleSetId: this.ruleSet.attrRuleSetId,
      trafficPolicyId: this.trafficPolicy.attrTrafficPolicyId,
    });

    props.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(props.filter), { prefix: WRITE_PREFIX });
  }
}
