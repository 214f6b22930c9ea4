// Lambda entry for councillor email: S3 object-created events for the prefix the Mail Manager
// rule set writes to. Reads its settings and builds its clients once per container; all the work
// is in lib/adapters/aws/email-filter.ts.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { MailManagerClient } from '@aws-sdk/client-mailmanager';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createEmailFilter } from '../../lib/adapters/aws/email-filter.ts';
import { engineCache } from '../../lib/adapters/aws/engine-cache.ts';
import { EMAIL_FILTER_VARIABLES, readEnv } from '../../lib/adapters/aws/env.ts';
import { powertoolsLog } from '../../lib/adapters/aws/powertools-log.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { SHIPPED_RULES_CACHE } from '../../lib/rules/cache.ts';

const env = readEnv([...EMAIL_FILTER_VARIABLES, 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE']);
const serviceName = env.POWERTOOLS_SERVICE_NAME ?? 'email-filter';
const logger = new Logger({ serviceName });
const metrics = new Metrics({ namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'CouncillorGateway', serviceName });

export const handler = createEmailFilter(
  {
    bucket: env.GATEWAY_BUCKET,
    intakePrefix: env.GATEWAY_INTAKE_PREFIX,
    heldPrefix: env.GATEWAY_HELD_PREFIX,
    decisionsTable: env.GATEWAY_DECISIONS_TABLE,
    heldTable: env.GATEWAY_HELD_TABLE,
    alertTopicArn: env.GATEWAY_ALERT_TOPIC_ARN,
    senderAddress: env.GATEWAY_SENDER_ADDRESS,
    retentionDays: env.GATEWAY_RETENTION_DAYS,
    internalDomains: env.GATEWAY_INTERNAL_DOMAINS,
    originSecretName: env.GATEWAY_ORIGIN_SECRET_NAME,
    archiveId: env.GATEWAY_ARCHIVE_ID,
    ingressPointId: env.GATEWAY_INGRESS_POINT_ID,
  },
  {
    s3: new S3Client({}),
    sesv2: new SESv2Client({}),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    sns: new SNSClient({}),
    mailManager: new MailManagerClient({}),
    secrets: new SecretsManagerClient({}),
  },
  { logger, metrics, engines: engineCache(() => loadEngine(env.GATEWAY_RULES_DIR, { cacheDir: SHIPPED_RULES_CACHE }), powertoolsLog(logger)) },
);
