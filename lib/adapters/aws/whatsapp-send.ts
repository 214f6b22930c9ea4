// The WhatsApp send proxy on Lambda: API Gateway's event in, the shared send door (lib/whatsapp)
// over AWS adapters of the ports, the door's answer out. Meta's access token and the tooling
// tokens' hashes are two Secrets Manager secrets; the first is only ever sent to Graph. Held bodies go where held email goes (S3
// under the held prefix, the held-items table), so the review API lists and releases them alike.
// A failure on the way is answered 500 in Graph's shape: the message was not sent, try again.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { errorFields } from '../../log.ts';
import type { SendDeps } from '../../whatsapp/deps.ts';
import { GraphClient } from '../../whatsapp/graph-client.ts';
import { graphError, GRAPH_CODES } from '../../whatsapp/graph-error.ts';
import { handleSend } from '../../whatsapp/send-proxy.ts';
import { parseHttpUrl, parsePhoneNumberIds, type WhatsAppSettings } from '../../whatsapp/settings.ts';
import { DynamoDecisionLog } from './dynamo-decision-log.ts';
import { heldItemOf, HeldItemsTable } from './held-items.ts';
import type { LambdaParts } from './lambda-parts.ts';
import { powertoolsLog } from './powertools-log.ts';
import { S3MessageStore } from './s3-message-store.ts';
import { SnsNotifier } from './sns-notifier.ts';
import { SecretCache } from './whatsapp-secrets.ts';
import { parseToolingTokens, type ToolingToken } from '../../whatsapp/tooling-tokens.ts';
import { apiResult, sendTarget, whatsAppRequest } from './whatsapp-http.ts';

export interface WhatsAppSendSettings {
  bucket: string;
  intakePrefix: string;
  heldPrefix: string;
  decisionsTable: string;
  heldTable: string;
  alertTopicArn: string;
  retentionDays: number;
  accessTokenName: string;
  /** The secret holding the tooling tokens' names and hashes (lib/whatsapp/tooling-tokens.ts). */
  toolingTokensName: string;
  /** Undefined: any phone number id. */
  phoneNumberIds?: readonly string[];
  graphUrl: URL;
}

export interface WhatsAppSendClients {
  s3: S3Client;
  dynamo: DynamoDBDocumentClient;
  sns: SNSClient;
  secrets: SecretsManagerClient;
}


/** A revoked tooling token is refused within a minute on every warm container. */
export const TOOLING_TOKENS_CACHE_MS = 60_000;

export type WhatsAppHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** Which metric a send's answer counts towards. */
function metricOf(status: number): string {
  if (status === 403) return 'Held';
  if (status >= 500) return 'Errors';
  if (status >= 400) return 'Refused';
  return 'Passed';
}

export function createWhatsAppSend(settings: WhatsAppSendSettings, clients: WhatsAppSendClients, parts: LambdaParts): WhatsAppHandler {
  const { logger, metrics } = parts;
  const log = powertoolsLog(logger);
  const secrets = new SecretCache(clients.secrets);
  const tokenList = new SecretCache(clients.secrets, Date.now, TOOLING_TOKENS_CACHE_MS);
  // A missing or empty secret means no tokens issued yet: every send is refused (401).
  const toolingTokens = async (): Promise<ToolingToken[]> => {
    const text = await tokenList.get(settings.toolingTokensName);
    return text === undefined ? [] : parseToolingTokens(text, settings.toolingTokensName);
  };
  const heldItems = new HeldItemsTable(clients.dynamo, settings.heldTable);
  const store = new S3MessageStore({
    client: clients.s3,
    bucket: settings.bucket,
    intakePrefix: settings.intakePrefix,
    heldPrefix: settings.heldPrefix,
    onHeld: (meta, keys) => heldItems.put(heldItemOf(meta, keys, settings.retentionDays)),
  });
  const graphUrl = parseHttpUrl('GATEWAY_GRAPH_URL', settings.graphUrl.href);
  const phoneNumberIds = settings.phoneNumberIds ? parsePhoneNumberIds('WHATSAPP_PHONE_NUMBER_IDS', settings.phoneNumberIds.join(',')) : undefined;
  const readSettings = async (): Promise<WhatsAppSettings> => {
    const accessToken = await secrets.get(settings.accessTokenName);
    return { graphUrl, ...(phoneNumberIds ? { phoneNumberIds } : {}), ...(accessToken ? { accessToken } : {}) };
  };
  const common = {
    store,
    decisions: new DynamoDecisionLog(clients.dynamo, settings.decisionsTable),
    notifier: new SnsNotifier(clients.sns, settings.alertTopicArn),
    graph: new GraphClient(graphUrl, async () => (await readSettings()).accessToken),
    log,
    settings: readSettings,
    toolingTokens,
    ...(parts.now ? { now: parts.now } : {}),
  };

  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      // A rule set that would not load gives an engine that fails every scan: each send is held.
      const { engine } = await parts.engines();
      const deps: SendDeps = { ...common, engine };
      const response = await handleSend(deps, sendTarget(event), whatsAppRequest(event));
      metrics.addMetric(metricOf(response.status), MetricUnit.Count, 1);
      return apiResult(response);
    } catch (error) {
      metrics.addMetric('Errors', MetricUnit.Count, 1);
      log.error('a WhatsApp send could not be handled; it was not sent', errorFields(error));
      return apiResult(
        graphError(500, { message: 'The gateway could not handle this message, so it was not sent. Please try again.', type: 'GatewayError', code: GRAPH_CODES.serviceUnavailable }),
      );
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
