// The WhatsApp webhook on Lambda: GET is Meta's verification handshake, POST an event delivery;
// both go to the shared webhook door (lib/whatsapp) over AWS adapters. Events are recorded in the
// decisions table; an unexpected failure is answered 500, so Meta delivers the events again.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import { errorFields } from '../../log.ts';
import type { WebhookDeps } from '../../whatsapp/deps.ts';
import { jsonResponse } from '../../whatsapp/http.ts';
import { DEFAULT_GRAPH_URL, parseHttpUrl, type WhatsAppSettings } from '../../whatsapp/settings.ts';
import { handleVerification, handleWebhook } from '../../whatsapp/webhook.ts';
import { DynamoDecisionLog } from './dynamo-decision-log.ts';
import { powertoolsLog } from './powertools-log.ts';
import { SnsNotifier } from './sns-notifier.ts';
import { DynamoWhatsAppEventLog } from './whatsapp-event-log.ts';
import { apiResult, whatsAppRequest } from './whatsapp-http.ts';
import { SecretCache } from './whatsapp-secrets.ts';
import type { LambdaParts } from './lambda-parts.ts';
import type { WhatsAppHandler } from './whatsapp-send.ts';

export interface WhatsAppWebhookSettings {
  decisionsTable: string;
  alertTopicArn: string;
  appSecretName: string;
  verifyTokenName: string;
  /** Undefined: events are not relayed. */
  downstreamUrl?: URL;
}

export interface WhatsAppWebhookClients {
  dynamo: DynamoDBDocumentClient;
  sns: SNSClient;
  secrets: SecretsManagerClient;
}

export function createWhatsAppWebhook(settings: WhatsAppWebhookSettings, clients: WhatsAppWebhookClients, parts: LambdaParts): WhatsAppHandler {
  const { logger, metrics } = parts;
  const log = powertoolsLog(logger);
  const secrets = new SecretCache(clients.secrets);
  const downstreamUrl = settings.downstreamUrl ? parseHttpUrl('WHATSAPP_DOWNSTREAM_URL', settings.downstreamUrl.href) : undefined;
  const readSettings = async (): Promise<WhatsAppSettings> => {
    const [appSecret, verifyToken] = await Promise.all([secrets.get(settings.appSecretName), secrets.get(settings.verifyTokenName)]);
    return {
      // The webhook never calls Graph; the setting is the send proxy's.
      graphUrl: DEFAULT_GRAPH_URL,
      ...(downstreamUrl ? { downstreamUrl } : {}),
      ...(appSecret ? { appSecret } : {}),
      ...(verifyToken ? { verifyToken } : {}),
    };
  };
  const common = {
    decisions: new DynamoDecisionLog(clients.dynamo, settings.decisionsTable),
    notifier: new SnsNotifier(clients.sns, settings.alertTopicArn),
    events: new DynamoWhatsAppEventLog(clients.dynamo, settings.decisionsTable),
    log,
    settings: readSettings,
    ...(parts.now ? { now: parts.now } : {}),
  };

  return async (event, context) => {
    if (context) logger.addContext(context);
    const method = event.requestContext.http.method.toUpperCase();
    try {
      const deps: WebhookDeps = { ...common, engine: (await parts.engines()).engine };
      if (method === 'GET') return apiResult(await handleVerification(deps, whatsAppRequest(event)));
      if (method !== 'POST') {
        const refused = jsonResponse(405, { error: 'method-not-allowed', message: 'Use GET or POST.' });
        return apiResult({ ...refused, headers: { ...refused.headers, allow: 'GET, POST' } });
      }
      const response = await handleWebhook(deps, whatsAppRequest(event));
      metrics.addMetric(response.status === 200 ? 'WebhookDeliveries' : response.status === 401 ? 'WebhookSignatureFailures' : 'Errors', MetricUnit.Count, 1);
      return apiResult(response);
    } catch (error) {
      metrics.addMetric('Errors', MetricUnit.Count, 1);
      log.error('a WhatsApp webhook request could not be handled; Meta will deliver it again', errorFields(error));
      return apiResult(jsonResponse(500, { error: 'internal', message: 'The gateway could not handle this delivery.' }));
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
