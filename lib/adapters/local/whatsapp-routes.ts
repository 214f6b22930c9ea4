// The WhatsApp doors on the local HTTP server: the send proxy and the webhook, over the local
// gateway's ports, with settings from environment variables (read once, at start-up, so a
// malformed value stops the gateway with the variable's name) and the tooling tokens from the
// data folder (read per request, so issuing and revoking need no restart).
import { join } from 'node:path';
import type { RouteContext } from '../../local/routes.ts';
import { HttpError, type HttpRequest, type HttpResponse, type Router } from '../../local/router.ts';
import type { SendDeps, WebhookDeps } from '../../whatsapp/deps.ts';
import { GraphClient } from '../../whatsapp/graph-client.ts';
import type { WhatsAppRequest, WhatsAppResponse } from '../../whatsapp/http.ts';
import { handleSend } from '../../whatsapp/send-proxy.ts';
import { readWhatsAppSettings } from '../../whatsapp/settings.ts';
import { handleVerification, handleWebhook } from '../../whatsapp/webhook.ts';
import { lazyWhatsAppEventLog } from './whatsapp-event-log.ts';
import { readToolingTokens } from './whatsapp-tooling-tokens.ts';

export const WHATSAPP_EVENTS_FILE = 'whatsapp-events.jsonl';

/** Adapts a local request; remembers whether the body was too large so the connection is closed. */
function adapt(request: HttpRequest): { request: WhatsAppRequest; tooLarge: () => boolean } {
  let tooLarge = false;
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, v]) => [name.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
  return {
    tooLarge: () => tooLarge,
    request: {
      headers,
      query: request.query,
      body: async (maxBytes) => {
        try {
          return await request.body(maxBytes);
        } catch (error) {
          if (!(error instanceof HttpError) || error.status !== 413) throw error;
          tooLarge = true;
          return undefined;
        }
      },
    },
  };
}

function serve(handle: (request: WhatsAppRequest, params: Record<string, string>) => Promise<WhatsAppResponse>) {
  return async (httpRequest: HttpRequest): Promise<HttpResponse> => {
    const { request, tooLarge } = adapt(httpRequest);
    const response = await handle(request, httpRequest.params);
    // The rest of an over-long body is still arriving; do not keep reading it.
    const headers = tooLarge() ? { ...response.headers, connection: 'close' } : response.headers;
    return { status: response.status, headers, body: response.body };
  };
}

export function addWhatsAppRoutes(router: Router, context: RouteContext, env: Readonly<Record<string, string | undefined>> = process.env): Router {
  const { deps, config } = context;
  const settings = readWhatsAppSettings(env);
  const common = {
    engine: deps.engine,
    decisions: deps.decisions,
    notifier: deps.notifier,
    log: deps.log,
    settings: () => Promise.resolve(settings),
    ...(deps.now ? { now: deps.now } : {}),
  };
  const send: SendDeps = {
    ...common,
    store: deps.store,
    graph: new GraphClient(settings.graphUrl, () => Promise.resolve(settings.accessToken)),
    toolingTokens: () => readToolingTokens(config.dataDir),
  };
  const webhook: WebhookDeps = { ...common, events: lazyWhatsAppEventLog(join(config.dataDir, WHATSAPP_EVENTS_FILE)) };
  return router
    .add('POST', '/whatsapp/:version/:phoneNumberId/messages', serve((request, params) => handleSend(send, { version: params.version ?? '', phoneNumberId: params.phoneNumberId ?? '' }, request)))
    .add('GET', '/whatsapp/webhook', serve((request) => handleVerification(webhook, request)))
    .add('POST', '/whatsapp/webhook', serve((request) => handleWebhook(webhook, request)));
}
