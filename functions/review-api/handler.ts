// Lambda entry for the information-governance review API and page (API Gateway HTTP API). Reads its
// settings and builds its clients once per container; the work is in lib/adapters/aws/review-api.ts.
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { engineCache } from '../../lib/adapters/aws/engine-cache.ts';
import { readEnv, REVIEW_API_VARIABLES } from '../../lib/adapters/aws/env.ts';
import { powertoolsLog } from '../../lib/adapters/aws/powertools-log.ts';
import { createReviewApi } from '../../lib/adapters/aws/review-api.ts';
import { SecretCache } from '../../lib/adapters/aws/whatsapp-secrets.ts';
import { cognitoSignIn } from '../../lib/review/sign-in.ts';
import { GraphClient } from '../../lib/whatsapp/graph-client.ts';
import { parseHttpUrl } from '../../lib/whatsapp/settings.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { SHIPPED_RULES_CACHE } from '../../lib/rules/cache.ts';

const env = readEnv(REVIEW_API_VARIABLES);
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'review-api' });
const log = powertoolsLog(logger);

// Releasing a held WhatsApp message sends it to Graph; the token is read when needed, not at start.
const secrets = new SecretCache(new SecretsManagerClient({}));
const graph = new GraphClient(parseHttpUrl('GATEWAY_GRAPH_URL', env.GATEWAY_GRAPH_URL.href), () => secrets.get(env.WHATSAPP_ACCESS_TOKEN_NAME));

const signIn = cognitoSignIn({
  signInUrl: env.GATEWAY_REVIEW_SIGN_IN_URL,
  clientId: env.GATEWAY_REVIEW_CLIENT_ID,
  pageUrl: env.GATEWAY_REVIEW_PAGE_URL,
  scopes: env.GATEWAY_REVIEW_SCOPES,
});

export const handler = createReviewApi(
  { bucket: env.GATEWAY_BUCKET, heldTable: env.GATEWAY_HELD_TABLE, senderAddress: env.GATEWAY_SENDER_ADDRESS, signIn },
  { s3: new S3Client({}), sesv2: new SESv2Client({}), dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({})) },
  { log, engines: engineCache(() => loadEngine(env.GATEWAY_RULES_DIR, { cacheDir: SHIPPED_RULES_CACHE }), log), whatsappApi: graph },
);
