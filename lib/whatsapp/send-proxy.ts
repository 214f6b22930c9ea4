// The send proxy: POST /whatsapp/{version}/{phone-number-id}/messages. The councillor's tooling
// posts Graph send bodies here instead of to Meta, with the token the gateway issued it (never
// Meta's, which only the gateway holds). Each body is checked as Graph would check it (400/404 in
// Graph's shape), then scanned; a pass is forwarded byte for byte with Meta's token and Graph's
// answer returned as it came, a hold is kept for review and answered 403. Nothing is forwarded
// unscanned, and every decision records which tooling token it came with, by name.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deliveryKey } from '../actions/message-id.ts';
import { errorFields } from '../log.ts';
import { sha256Hex } from '../message/hash.ts';
import { scanWhatsAppSend, type ScanResult } from '../pipeline/scan.ts';
import type { GraphTarget } from '../ports/whatsapp-api.ts';
import type { SendDeps } from './deps.ts';
import { isGraphVersion, isPhoneNumberId } from './graph-path.ts';
import { GRAPH_CODES, graphError, invalidParameter, invalidToken, unavailable, unknownPhoneNumber } from './graph-error.ts';
import type { WhatsAppRequest, WhatsAppResponse } from './http.ts';
import { holdSend } from './send-hold.ts';
import { MAX_SEND_BODY_BYTES, overLongField } from './send-limits.ts';
import { logDecision } from '../audit/log-decision.ts';
import { sendRecord } from './send-record.ts';
import type { WhatsAppSettings } from './settings.ts';
import { readStrictJson } from './strict-json.ts';
import { toolingTokenName } from './tooling-tokens.ts';

const BEARER = /^Bearer[ \t]+(\S{1,4096})[ \t]*$/i;

/** The name of the tooling token in the Authorization header, or undefined. */
async function toolingOf(deps: SendDeps, header: string | undefined): Promise<string | undefined> {
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  return token === undefined ? undefined : toolingTokenName(await deps.toolingTokens(), token);
}

function acceptsPhoneNumber(settings: WhatsAppSettings, phoneNumberId: string): boolean {
  if (!isPhoneNumberId(phoneNumberId)) return false;
  return settings.phoneNumberIds === undefined || settings.phoneNumberIds.includes(phoneNumberId);
}

async function forward(deps: SendDeps, target: GraphTarget, raw: Buffer, result: ScanResult, messageId: string, tooling: string): Promise<WhatsAppResponse> {
  const started = performance.now();
  let answer;
  try {
    answer = await deps.graph.send(target, raw);
  } catch (error) {
    deps.log.error('could not reach Graph; the WhatsApp message was not sent', errorFields(error));
    return unavailable(502, 'The gateway could not reach WhatsApp, so the message was not sent. Please try again.');
  }
  const to = result.message?.recipients.map((r) => r.address) ?? [];
  // Every post is a send of its own, as it is to Graph: two identical messages are both sent.
  const key = deliveryKey(`${messageId}#${randomUUID()}`, [target.phoneNumberId, ...to]);
  const record = sendRecord(result, { messageId, key, phoneNumberId: target.phoneNumberId, recipients: to, tooling }, deps.now?.() ?? new Date(), result.ruleSetVersion, performance.now() - started);
  try {
    await deps.decisions.append(record);
    logDecision(deps.log, record, { graphStatus: answer.status, tooling });
  } catch (error) {
    // The message has gone; telling the tooling it failed would only make it send again.
    deps.log.error('a forwarded WhatsApp message could not be recorded', { key, ...errorFields(error) });
  }
  return { status: answer.status, headers: { 'content-type': answer.contentType }, body: answer.body };
}

export async function handleSend(deps: SendDeps, target: GraphTarget, request: WhatsAppRequest): Promise<WhatsAppResponse> {
  const settings = await deps.settings();
  if (!settings.accessToken) {
    return unavailable(503, 'The gateway cannot send WhatsApp messages: its access token (WHATSAPP_ACCESS_TOKEN) is not configured.');
  }
  const tooling = await toolingOf(deps, request.headers.authorization);
  if (tooling === undefined) {
    deps.log.warn('WhatsApp send refused: no Authorization header, or not a token this gateway issued');
    return invalidToken();
  }
  if (!isGraphVersion(target.version)) {
    return graphError(400, { message: '(#2500) Unknown path components: the Graph API version must look like v23.0.', type: 'OAuthException', code: GRAPH_CODES.unknownPath });
  }
  if (!acceptsPhoneNumber(settings, target.phoneNumberId)) return unknownPhoneNumber(target.phoneNumberId);

  const raw = await request.body(MAX_SEND_BODY_BYTES);
  if (!raw) return invalidParameter(`(#100) The request body is larger than the gateway accepts (${MAX_SEND_BODY_BYTES} bytes).`);
  // Only a body read one way by every parser is scanned, and so forwarded.
  const read = readStrictJson(raw);
  if (!read.ok) return invalidParameter(read.message);
  const body = read.value;
  const overLong = overLongField(body);
  if (overLong) return invalidParameter(overLong);

  const result = scanWhatsAppSend(deps.engine, body, target.phoneNumberId, target.phoneNumberId);
  // A body Graph would refuse is the caller's to fix, not information governance's to review.
  if (result.error?.name === 'InputError') return invalidParameter(result.error.message);
  if (result.error) deps.log.error('WhatsApp message could not be checked; holding it', { errorName: result.error.name });

  const messageId = result.message?.id ?? `sha256:${sha256Hex(raw)}`;
  if (result.decision.deliver) return forward(deps, target, raw, result, messageId, tooling);
  return holdSend(deps, target, raw, result, messageId, tooling);
}
