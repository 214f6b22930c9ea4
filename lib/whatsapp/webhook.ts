// The webhook: GET answers Meta's verification handshake; POST takes event deliveries. A delivery
// is processed only when its X-Hub-Signature-256 matches the exact bytes received; then each event
// not seen before is relayed (once per delivery), echoes are scanned, and every event is recorded
// without content. A delivery whose events were all seen before is a Meta retry: answered 200 and
// nothing is done again. A failed relay is answered 502 and nothing is recorded, so Meta's retry
// brings it back rather than it being lost.
import { KeyedLock } from '../actions/keyed-lock.ts';
import { errorFields } from '../log.ts';
import { sha256Hex } from '../message/hash.ts';
import type { WhatsAppEventRecord } from '../ports/whatsapp-event-log.ts';
import type { WebhookDeps } from './deps.ts';
import { scanEcho, type EchoScan } from './echo-scan.ts';
import { jsonResponse, textResponse, type WhatsAppRequest, type WhatsAppResponse } from './http.ts';
import { relayPayload } from './relay.ts';
import { sameSecret } from './secret-compare.ts';
import { webhookNotConfigured } from './settings.ts';
import { SIGNATURE_HEADER, verifySignature } from './signature.ts';
import { webhookEvents, type WebhookEvent } from './webhook-events.ts';

/** Meta batches up to 1,000 updates in one delivery; they stay well under this. */
export const MAX_WEBHOOK_BODY_BYTES = 3 * 1024 * 1024;
/** Meta's challenge is a number; anything much longer is not Meta. */
const MAX_CHALLENGE_CHARS = 256;

const locks = new KeyedLock();

const failure = (status: number, error: string, message: string): WhatsAppResponse => jsonResponse(status, { error, message });

export async function handleVerification(deps: WebhookDeps, request: WhatsAppRequest): Promise<WhatsAppResponse> {
  const settings = await deps.settings();
  const notConfigured = webhookNotConfigured(settings);
  if (notConfigured) return failure(503, 'not-configured', notConfigured);
  const { query } = request;
  const token = query.get('hub.verify_token');
  const challenge = query.get('hub.challenge');
  const ok =
    query.get('hub.mode') === 'subscribe' &&
    token !== null &&
    sameSecret(token, settings.verifyToken ?? '') &&
    challenge !== null &&
    challenge.length > 0 &&
    challenge.length <= MAX_CHALLENGE_CHARS;
  if (!ok) {
    deps.log.warn('WhatsApp webhook verification refused');
    return failure(403, 'forbidden', 'Verification failed: hub.mode must be subscribe and hub.verify_token must match.');
  }
  deps.log.info('WhatsApp webhook verified');
  return textResponse(200, challenge);
}

function eventRecord(event: WebhookEvent, receivedAt: string, scan: EchoScan | undefined): WhatsAppEventRecord {
  const { echo: _content, ...fields } = event;
  return { ...fields, channel: 'whatsapp', receivedAt, ...(scan ? { scan } : {}) };
}

async function processDelivery(deps: WebhookDeps, raw: Buffer, events: WebhookEvent[], downstreamUrl: string | undefined, appSecret: string): Promise<WhatsAppResponse> {
  const fresh: WebhookEvent[] = [];
  for (const event of events) if (!(await deps.events.has(event.key))) fresh.push(event);
  if (fresh.length === 0) {
    deps.log.info('WhatsApp webhook delivery seen before; not processed again', { events: events.length });
    return jsonResponse(200, { received: events.length, new: 0 });
  }
  if (downstreamUrl) {
    try {
      await relayPayload(downstreamUrl, raw, appSecret);
    } catch (error) {
      deps.log.error('could not relay a WhatsApp webhook delivery; Meta will deliver it again', errorFields(error));
      return failure(502, 'relay-failed', 'The downstream webhook did not accept the events; deliver them again later.');
    }
  }
  const receivedAt = (deps.now?.() ?? new Date()).toISOString();
  for (const event of fresh) {
    const scan = event.kind === 'echo' ? await scanEcho(deps, event) : undefined;
    await deps.events.record(eventRecord(event, receivedAt, scan));
  }
  deps.log.info('WhatsApp webhook delivery processed', {
    events: events.length,
    new: fresh.length,
    kinds: [...new Set(fresh.map((e) => e.kind))].sort(),
    relayed: downstreamUrl !== undefined,
  });
  return jsonResponse(200, { received: events.length, new: fresh.length });
}

export async function handleWebhook(deps: WebhookDeps, request: WhatsAppRequest): Promise<WhatsAppResponse> {
  const settings = await deps.settings();
  const notConfigured = webhookNotConfigured(settings);
  const appSecret = settings.appSecret;
  if (notConfigured !== undefined || appSecret === undefined) return failure(503, 'not-configured', notConfigured ?? 'The WhatsApp webhook is not configured.');
  const raw = await request.body(MAX_WEBHOOK_BODY_BYTES);
  if (!raw) return failure(413, 'too-large', 'The webhook body is larger than the gateway accepts.');
  if (!verifySignature(raw, request.headers[SIGNATURE_HEADER], appSecret)) {
    deps.log.warn('WhatsApp webhook delivery refused: missing or wrong X-Hub-Signature-256');
    return failure(401, 'unauthorised', 'Missing or wrong X-Hub-Signature-256: the body was not signed with the app secret.');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return failure(400, 'bad-request', 'The webhook body is not JSON.');
  }
  const events = webhookEvents(payload);
  // One delivery at a time per body: a retry arriving while the first is in progress waits for it.
  return locks.run(sha256Hex(raw), () => processDelivery(deps, raw, events, settings.downstreamUrl, appSecret));
}
