// Lambda entry for the WhatsApp webhook (GET and POST /whatsapp/webhook). Reads its settings and
// builds its clients once per container; the work is in lib/adapters/aws/whatsapp-webhook.ts and
// lib/whatsapp/.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { engineCache } from '../../lib/adapters/aws/engine-cache.ts';
import { readEnv, WHATSAPP_WEBHOOK_VARIABLES } from '../../lib/adapters/aws/env.ts';
import { powertoolsLog } from '../../lib/adapters/aws/powertools-log.ts';
import { createWhatsAppWebhook } from '../../lib/adapters/aws/whatsapp-webhook.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { SHIPPED_RULES_CACHE } from '../../lib/rules/cache.ts';

const env = readEnv(WHATSAPP_WEBHOOK_VARIABLES);
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'whatsapp-webhook' });
const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'CouncillorGateway', serviceName: 'whatsapp-webhook' });

export const handler = createWhatsAppWebhook(
  {
    decisionsTable: env.GATEWAY_DECISIONS_TABLE,
    alertTopicArn: env.GATEWAY_ALERT_TOPIC_ARN,
    appSecretName: env.WHATSAPP_APP_SECRET_NAME,
    verifyTokenName: env.WHATSAPP_VERIFY_TOKEN_NAME,
    ...(env.WHATSAPP_DOWNSTREAM_URL ? { downstreamUrl: env.WHATSAPP_DOWNSTREAM_URL } : {}),
  },
  {
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({})),
    sns: new SNSClient({}),
    secrets: new SecretsManagerClient({}),
  },
  { logger, metrics, engines: engineCache(() => loadEngine(env.GATEWAY_RULES_DIR, { cacheDir: SHIPPED_RULES_CACHE }), powertoolsLog(logger)) },
);
