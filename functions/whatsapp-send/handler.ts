// Lambda entry for the WhatsApp send proxy (POST /whatsapp/{version}/{phoneNumberId}/messages).
// Reads its settings and builds its clients once per container; the work is in
// lib/adapters/aws/whatsapp-send.ts and lib/whatsapp/.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { engineCache } from '../../lib/adapters/aws/engine-cache.ts';
import { readEnv, WHATSAPP_SEND_VARIABLES } from '../../lib/adapters/aws/env.ts';
import { powertoolsLog } from '../../lib/adapters/aws/powertools-log.ts';
import { createWhatsAppSend } from '../../lib/adapters/aws/whatsapp-send.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { SHIPPED_RULES_CACHE } from '../../lib/rules/cache.ts';

const env = readEnv(WHATSAPP_SEND_VARIABLES);
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'whatsapp-send' });
const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'CouncillorGateway', serviceName: 'whatsapp-send' });

export const handler = createWhatsAppSend(
  {
    bucket: env.GATEWAY_BUCKET,
    intakePrefix: env.GATEWAY_INTAKE_PREFIX,
    heldPrefix: env.GATEWAY_HELD_PREFIX,
    decisionsTable: env.GATEWAY_DECISIONS_TABLE,
    heldTable: env.GATEWAY_HELD_TABLE,
    alertTopicArn: env.GATEWAY_ALERT_TOPIC_ARN,
    retentionDays: env.GATEWAY_RETENTION_DAYS,
    accessTokenName: env.WHATSAPP_ACCESS_TOKEN_NAME,
    toolingTokensName: env.WHATSAPP_TOOLING_TOKENS_NAME,
    ...(env.WHATSAPP_PHONE_NUMBER_IDS ? { phoneNumberIds: env.WHATSAPP_PHONE_NUMBER_IDS } : {}),
    graphUrl: env.GATEWAY_GRAPH_URL,
  },
  {
    s3: new S3Client({}),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    sns: new SNSClient({}),
    secrets: new SecretsManagerClient({}),
  },
  { logger, metrics, engines: engineCache(() => loadEngine(env.GATEWAY_RULES_DIR, { cacheDir: SHIPPED_RULES_CACHE }), powertoolsLog(logger)) },
);
