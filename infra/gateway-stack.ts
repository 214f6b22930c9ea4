// The whole gateway in one stack, composed of one construct per concern. Each construct takes what
// it needs from the ones before it; nothing here looks anything up in the account, so the stack
// synthesises with no credentials and no network.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_VARIABLES, OPTIONAL_VARIABLES } from './function-variables.ts';
import { environmentFor, type GatewayVariables } from './function-environment.ts';
import { BUNDLED_RULES_DIR, HELD_PREFIX, INTAKE_PREFIX } from './layout.ts';
import type { Settings } from './settings.ts';
import { Alerts } from './constructs/alerts.ts';
import { EmailFilter } from './constructs/email-filter.ts';
import { GatewayApi } from './constructs/gateway-api.ts';
import { GatewayKey } from './constructs/gateway-key.ts';
import { MailManagerIntake } from './constructs/mail-manager-intake.ts';
import { MessageBucket } from './constructs/message-bucket.ts';
import { OriginToken } from './constructs/origin-token.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { ReviewDoor } from './constructs/review-door.ts';
import { REVIEW_SCOPES, ReviewUsers } from './constructs/review-users.ts';
import { StateTables } from './constructs/state-tables.ts';
import { WhatsAppDoors } from './constructs/whatsapp-doors.ts';
import { WhatsAppSecrets } from './constructs/whatsapp-secrets.ts';

export interface GatewayStackProps extends StackProps {
  settings: Settings;
}

export class GatewayStack extends Stack {
  readonly key: GatewayKey;
  readonly messages: MessageBucket;
  readonly tables: StateTables;
  readonly alerts: Alerts;
  readonly whatsappSecrets: WhatsAppSecrets;
  readonly api: GatewayApi;
  readonly emailFilter: EmailFilter;
  readonly originToken: OriginToken;
  readonly mailManagerIntake: MailManagerIntake;
  readonly whatsapp: WhatsAppDoors;
  readonly reviewUsers: ReviewUsers;
  readonly review: ReviewDoor;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: GatewayStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const logRetention = settings.logRetentionDays as RetentionDays;

    this.key = new GatewayKey(this, 'Encryption', { alias: `alias/${settings.stackName}` });
    const key = this.key.key;
    this.messages = new MessageBucket(this, 'Storage', { key, retentionDays: settings.retentionDays, accessLogDays: settings.logRetentionDays });
    const bucket = this.messages.bucket;
    this.tables = new StateTables(this, 'State', { key });
    this.alerts = new Alerts(this, 'Alerts', { key, igAddresses: settings.igNotificationAddresses, alarmAddress: settings.alarmEmail });
    this.whatsappSecrets = new WhatsAppSecrets(this, 'WhatsAppSecrets', {
      key,
      appSecretName: settings.whatsappAppSecretName,
      verifyTokenName: settings.whatsappVerifyTokenName,
      accessTokenName: settings.whatsappAccessTokenName,
      toolingTokensName: settings.whatsappToolingTokensName,
    });

    this.api = new GatewayApi(this, 'Http', { logRetention });
    // The review page's address: Cognito sends officers back here after signing in and out.
    const reviewPageUrl = `${this.api.stage.url}review/`;
    this.reviewUsers = new ReviewUsers(this, 'Reviewers', {
      councilName: settings.councilName,
      domainPrefix: settings.reviewDomainPrefix,
      pageUrl: reviewPageUrl,
    });

    const variables: GatewayVariables = {
      GATEWAY_BUCKET: bucket.bucketName,
      GATEWAY_INTAKE_PREFIX: INTAKE_PREFIX,
      GATEWAY_HELD_PREFIX: HELD_PREFIX,
      GATEWAY_DECISIONS_TABLE: this.tables.decisions.tableName,
      GATEWAY_HELD_TABLE: this.tables.held.tableName,
      GATEWAY_ALERT_TOPIC_ARN: this.alerts.igTopic.topicArn,
      GATEWAY_SENDER_ADDRESS: settings.senderAddress,
      GATEWAY_RETENTION_DAYS: String(settings.retentionDays),
      GATEWAY_RULES_DIR: BUNDLED_RULES_DIR,
      WHATSAPP_APP_SECRET_NAME: settings.whatsappAppSecretName,
      WHATSAPP_VERIFY_TOKEN_NAME: settings.whatsappVerifyTokenName,
      WHATSAPP_ACCESS_TOKEN_NAME: settings.whatsappAccessTokenName,
      WHATSAPP_TOOLING_TOKENS_NAME: this.whatsappSecrets.toolingTokens.secretName,
      WHATSAPP_PHONE_NUMBER_IDS: settings.whatsappPhoneNumberIds.length > 0 ? settings.whatsappPhoneNumberIds.join(',') : undefined,
      WHATSAPP_DOWNSTREAM_URL: settings.whatsappDownstreamUrl ?? undefined,
      GATEWAY_GRAPH_URL: settings.graphUrl,
      GATEWAY_REVIEW_SIGN_IN_URL: this.reviewUsers.signInUrl,
      GATEWAY_REVIEW_CLIENT_ID: this.reviewUsers.client.userPoolClientId,
      GATEWAY_REVIEW_PAGE_URL: reviewPageUrl,
      GATEWAY_REVIEW_SCOPES: REVIEW_SCOPES.map((scope) => scope.scopeName).join(' '),
    };
    this.originToken = new OriginToken(this, 'EmailOrigin', { secretName: settings.originSecretName, key });
    // The ingress endpoint and its archive come before the filter: the filter is told their ids.
    // The notification that starts the filter is added once the filter exists.
    this.mailManagerIntake = new MailManagerIntake(this, 'MailManager', {
      bucket,
      key,
      allowedCidrs: settings.mailManagerAllowedCidrs,
      logRetention,
      alarmTopic: this.alerts.alarmTopic,
    });
    variables.GATEWAY_INTERNAL_DOMAINS = settings.internalDomains.join(',');
    variables.GATEWAY_ORIGIN_SECRET_NAME = settings.originSecretName;
    variables.GATEWAY_ARCHIVE_ID = this.mailManagerIntake.archive.attrArchiveId;
    variables.GATEWAY_INGRESS_POINT_ID = this.mailManagerIntake.ingressPoint.attrIngressPointId;
    const environment = (name: keyof typeof FUNCTION_VARIABLES) => environmentFor(variables, FUNCTION_VARIABLES[name], OPTIONAL_VARIABLES);
    // SES authorises a send against the From address's identity: the council's domains for mail
    // passed on, the gateway's own address for notices.
    const sendIdentities = [...settings.internalDomains, settings.senderAddress, settings.senderAddress.split('@')[1]!];

    this.emailFilter = new EmailFilter(this, 'Email', {
      environment: environment('email-filter'),
      key,
      bucket,
      decisions: this.tables.decisions,
      held: this.tables.held,
      igTopic: this.alerts.igTopic,
      sendIdentities,
      logRetention,
      reservedConcurrency: settings.emailFilterConcurrency,
      originSecret: this.originToken.secret,
      archive: this.mailManagerIntake.archive,
    });
    const filter = this.emailFilter.function.fn;
    this.mailManagerIntake.notify(filter);

    this.whatsapp = new WhatsAppDoors(this, 'WhatsApp', {
      api: this.api.api,
      secrets: this.whatsappSecrets,
      sendEnvironment: environment('whatsapp-send'),
      webhookEnvironment: environment('whatsapp-webhook'),
      key,
      bucket,
      decisions: this.tables.decisions,
      held: this.tables.held,
      igTopic: this.alerts.igTopic,
      logRetention,
      sendConcurrency: settings.whatsappSendConcurrency,
    });

    this.review = new ReviewDoor(this, 'Review', {
      api: this.api.api,
      users: this.reviewUsers,
      environment: environment('review-api'),
      key,
      bucket,
      held: this.tables.held,
      sendIdentities,
      whatsappAccessToken: this.whatsappSecrets.accessToken,
      logRetention,
    });

    this.monitoring = new Monitoring(this, 'Monitoring', {
      alarmTopic: this.alerts.alarmTopic,
      functions: [
        { name: 'email-filter', fn: filter },
        { name: 'whatsapp-send', fn: this.whatsapp.send.fn },
        { name: 'whatsapp-webhook', fn: this.whatsapp.webhook.fn },
        { name: 'review-api', fn: this.review.function.fn },
      ],
      failureQueue: this.emailFilter.failures,
      holdsPerHourThreshold: settings.holdSpikePerHour,
    });

    this.templateOptions.description = `Councillor message gateway for ${settings.councilName}`;
  }
}
