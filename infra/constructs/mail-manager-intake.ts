// The Mail Manager door, for the councillors' outbound mail that the council's Exchange Online
// transport rule routes through an outbound connector to this ingress endpoint. What each piece
// does, and the AWS documentation it rests on, is in docs/adr/0001-outbound-email-door.md:
// - an open ingress endpoint that requires TLS, with a traffic policy that denies by default and
//   admits only the configured sender ranges (Microsoft 365's outbound servers) over TLS 1.2+;
// - a rule set whose one rule archives every message (the archive is where Mail Manager
//   documents the SMTP envelope: the filter reads the recipients there) and then writes its MIME
//   content under the intake prefix, whose object-created notification starts the filter;
// - the rule set's and the ingress endpoint's logs delivered to a log group, with an alarm on any
//   logged failure (a write that failed would otherwise leave no trace in the gateway).
// There are no L2 constructs for Mail Manager, so these are the CloudFormation resources themselves.
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnDelivery, CfnDeliveryDestination, CfnDeliverySource, FilterPattern, LogGroup, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import {
  CfnMailManagerArchive,
  CfnMailManagerIngressPoint,
  CfnMailManagerRuleSet,
  CfnMailManagerTrafficPolicy,
} from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { MAIL_MANAGER_PREFIX, METRICS_NAMESPACE } from '../layout.ts';
import { keyUse, objectAccess, serviceSourceConditions } from '../policies.ts';

export interface MailManagerIntakeProps {
  bucket: IBucket;
  key: IKey;
  /** Sender address ranges allowed to connect (Microsoft 365's outbound servers). */
  allowedCidrs: readonly string[];
  logRetention: RetentionDays;
  alarmTopic: ITopic;
}

/**
 * The largest message admitted. SES sends at most 40 MB per message through the v2 API, counted
 * after base64 encoding (https://docs.aws.amazon.com/ses/latest/dg/quotas.html); base64 makes 3
 * bytes 4, so 30 MiB of message is what is sure to fit. A larger message could be scanned but
 * never passed on: refused at the door, Exchange returns it to the councillor as undeliverable.
 */
export const MAX_MESSAGE_BYTES = 30 * 1024 * 1024;

/** The shortest retention the archive offers; it must outlive the filter's retries (hours). */
export const ARCHIVE_RETENTION = 'THREE_MONTHS';

export const RULE_NAME = 'archive-then-store';

export class MailManagerIntake extends Construct {
  readonly trafficPolicy: CfnMailManagerTrafficPolicy;
  readonly archive: CfnMailManagerArchive;
  readonly ruleSet: CfnMailManagerRuleSet;
  readonly ingressPoint: CfnMailManagerIngressPoint;
  readonly writeRole: Role;
  readonly logGroup: LogGroup;
  readonly failureAlarm: Alarm;
  private readonly bucket: IBucket;

  constructor(scope: Construct, id: string, props: MailManagerIntakeProps) {
    super(scope, id);
    this.bucket = props.bucket;
    if (props.allowedCidrs.length === 0) throw new Error('the Mail Manager ingress endpoint needs at least one allowed sender range');
    this.trafficPolicy = new CfnMailManagerTrafficPolicy(this, 'TrafficPolicy', {
      defaultAction: 'DENY',
      maxMessageSizeBytes: MAX_MESSAGE_BYTES,
      policyStatements: [
        {
          action: 'ALLOW',
          // Every condition of a statement must match.
          conditions: [
            { ipExpression: { evaluate: { attribute: 'SENDER_IP' }, operator: 'CIDR_MATCHES', values: [...props.allowedCidrs] } },
            { tlsExpression: { evaluate: { attribute: 'TLS_PROTOCOL' }, operator: 'MINIMUM_TLS_VERSION', value: 'TLS1_2' } },
          ],
        },
      ],
    });

    // The archive encrypts with the gateway key; Mail Manager uses the key on this account's behalf.
    props.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'MailManagerArchiveUsesTheKey',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.archive = new CfnMailManagerArchive(this, 'Archive', {
      kmsKeyArn: props.key.keyArn,
      retention: { retentionPeriod: ARCHIVE_RETENTION },
    });
    // The archive holds whole messages: it stays if the stack goes, like the held copies.
    this.archive.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const ruleSetArns = Stack.of(this).formatArn({ service: 'ses', resource: 'mailmanager-rule-set', resourceName: '*' });
    this.writeRole = new Role(this, 'WriteRole', {
      description: 'Lets Mail Manager store relayed messages under the intake prefix',
      assumedBy: new ServicePrincipal('ses.amazonaws.com').withConditions(serviceSourceConditions(ruleSetArns)),
      inlinePolicies: {
        intake: new PolicyDocument({
          statements: [
            // The same prefix as the action's S3Prefix and the notification's filter, so whichever
            // separator Mail Manager puts after the prefix, all three agree.
            objectAccess(props.bucket, MAIL_MANAGER_PREFIX, ['s3:PutObject']),
            keyUse(props.key, ['kms:Encrypt', 'kms:GenerateDataKey']),
          ],
        }),
      },
    });

    this.ruleSet = new CfnMailManagerRuleSet(this, 'RuleSet', {
      rules: [
        {
          name: RULE_NAME,
          // No conditions: every message the traffic policy admitted. The filter proves origin.
          actions: [
            // Archive first: the filter reads the envelope from the archive. A failure continues to
            // the write, and the filter then holds the message for want of an envelope.
            { archive: { targetArchive: this.archive.attrArchiveId, actionFailurePolicy: 'CONTINUE' } },
            {
              writeToS3: {
                roleArn: this.writeRole.roleArn,
                s3Bucket: props.bucket.bucketName,
                s3Prefix: MAIL_MANAGER_PREFIX,
                s3SseKmsKeyId: props.key.keyArn,
                actionFailurePolicy: 'CONTINUE',
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

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const destination = new CfnDeliveryDestination(this, 'LogDestination', {
      name: `${Stack.of(this).stackName}-mail-manager`.slice(0, 60),
      destinationResourceArn: this.logGroup.logGroupArn,
    });
    const deliver = (sourceId: string, resourceArn: string, logType: string): void => {
      const source = new CfnDeliverySource(this, `${sourceId}Source`, {
        name: `${Stack.of(this).stackName}-${sourceId}`.slice(0, 60),
        resourceArn,
        logType,
      });
      const delivery = new CfnDelivery(this, `${sourceId}Delivery`, {
        deliverySourceName: source.name,
        deliveryDestinationArn: destination.attrArn,
      });
      delivery.addResourceDependency(source);
      delivery.addResourceDependency(destination);
    };
    deliver('RuleSetLogs', this.ruleSet.attrRuleSetArn, 'APPLICATION_LOGS');
    deliver('IngressLogs', this.ingressPoint.attrIngressPointArn, 'TRAFFIC_POLICY_DEBUG_LOGS');

    // The log format is not documented field by field: any line that speaks of a failure or an
    // error counts. An alarm too many is a look at the log; one too few is a message lost.
    const failures = new MetricFilter(this, 'FailureLines', {
      logGroup: this.logGroup,
      filterPattern: FilterPattern.anyTerm('FAIL', 'Fail', 'fail', 'FAILED', 'Failed', 'failed', 'ERROR', 'Error', 'error'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: 'MailManagerFailures',
      metricValue: '1',
    });
    this.failureAlarm = new Alarm(this, 'FailureAlarm', {
      alarmDescription: 'Mail Manager logged a failure (an archive or S3 write, or a refused connection): a message may not have reached the filter. See the Mail Manager log group.',
      metric: failures.metric({ statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failureAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    this.failureAlarm.addOkAction(new SnsAction(props.alarmTopic));
  }

  /** Starts `filter` for every object Mail Manager writes. */
  notify(filter: IFunction): void {
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(filter), { prefix: MAIL_MANAGER_PREFIX });
  }
}
