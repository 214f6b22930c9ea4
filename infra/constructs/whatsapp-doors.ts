// The WhatsApp doors. The send proxy takes Graph API send bodies in place of Meta, scans them, and
// forwards or holds them; the webhook answers Meta's verification handshake and receives events,
// scanning messages sent from the Business app. Neither route has an authorizer at API Gateway:
// Meta cannot present a Cognito token. The webhook checks Meta's X-Hub-Signature-256 on every
// delivery; the send proxy accepts only callers presenting a token the gateway issued (compared
// with the kept hashes in constant time, before anything else), and forwards with Meta's access
// token, which no caller ever holds.
import { Duration } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { HELD_PREFIX } from '../layout.ts';
import { keyUse, bucketList, objectAccess, secretRead, tableAccess, topicPublish } from '../policies.ts';
import { GatewayFunction } from './gateway-function.ts';
import type { WhatsAppSecrets } from './whatsapp-secrets.ts';

export interface WhatsAppDoorsProps {
  api: HttpApi;
  secrets: WhatsAppSecrets;
  sendEnvironment: Record<string, string>;
  webhookEnvironment: Record<string, string>;
  key: IKey;
  bucket: IBucket;
  decisions: ITable;
  held: ITable;
  igTopic: ITopic;
  logRetention: RetentionDays;
  sendConcurrency: number | null;
}

export const SEND_ROUTE = '/whatsapp/{version}/{phoneNumberId}/messages';
export const WEBHOOK_ROUTE = '/whatsapp/webhook';

export class WhatsAppDoors extends Construct {
  readonly send: GatewayFunction;
  readonly webhook: GatewayFunction;

  constructor(scope: Construct, id: string, props: WhatsAppDoorsProps) {
    super(scope, id);
    this.send = new GatewayFunction(this, 'Send', {
      name: 'whatsapp-send',
      description: 'Scans WhatsApp messages before they go to Meta, and forwards or holds them',
      environment: props.sendEnvironment,
      memorySize: 512,
      // API Gateway gives up after 30 seconds; the function answers before that.
      timeout: Duration.seconds(25),
      logRetention: props.logRetention,
      // Meta rate-limits sends per phone number: a runaway client should not exhaust it.
      reservedConcurrentExecutions: props.sendConcurrency ?? undefined,
    });
    this.send.allow(
      // Meta's token authorises the forward to Graph; the tooling tokens' hashes authenticate callers.
      secretRead([props.secrets.accessToken, props.secrets.toolingTokens]),
      objectAccess(props.bucket, HELD_PREFIX, ['s3:GetObject', 's3:PutObject']),
      bucketList(props.bucket),
      keyUse(props.key, ['kms:Decrypt', 'kms:GenerateDataKey']),
      tableAccess(props.decisions, ['dynamodb:GetItem', 'dynamodb:PutItem']),
      tableAccess(props.held, ['dynamodb:GetItem', 'dynamodb:PutItem']),
      topicPublish(props.igTopic),
    );

    this.webhook = new GatewayFunction(this, 'Webhook', {
      name: 'whatsapp-webhook',
      description: 'Verifies and receives WhatsApp webhook events, scanning messages sent from the Business app',
      environment: props.webhookEnvironment,
      memorySize: 512,
      timeout: Duration.seconds(25),
      logRetention: props.logRetention,
    });
    this.webhook.allow(
      secretRead([props.secrets.appSecret, props.secrets.verifyToken]),
      keyUse(props.key, ['kms:Decrypt', 'kms:GenerateDataKey']),
      // Decision records of scanned echoes, and the ids of events already handled.
      tableAccess(props.decisions, ['dynamodb:GetItem', 'dynamodb:PutItem']),
      topicPublish(props.igTopic),
    );

    const none = new HttpNoneAuthorizer();
    props.api.addRoutes({
      path: SEND_ROUTE,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('SendIntegration', this.send.fn),
      authorizer: none,
    });
    props.api.addRoutes({
      path: WEBHOOK_ROUTE,
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('WebhookIntegration', this.webhook.fn),
      authorizer: none,
    });
  }
}
