// Errors in Graph's own shape, so the councillor's WhatsApp tooling shows them as it shows Meta's:
// {"error":{"message","type","code","error_subcode","fbtrace_id"}}. Codes follow Graph where Graph
// has one (100 invalid parameter, 190 bad access token, 2 service unavailable).
import { randomBytes } from 'node:crypto';
import { isPhoneNumberId } from './graph-path.ts';
import { jsonResponse, type WhatsAppResponse } from './http.ts';

export interface GraphErrorFields {
  message: string;
  /** "OAuthException" for parameter and token errors (as Graph), "GatewayHold" for holds … */
  type: string;
  code: number;
  subcode?: number;
  /** Graph's trace id; the gateway puts its hold reference here, or a fresh id. */
  traceId?: string;
}

export const GRAPH_CODES = {
  serviceUnavailable: 2,
  invalidParameter: 100,
  invalidToken: 190,
  unknownPath: 2500,
} as const;

/** Subcodes of a GatewayHold error: held for what it contains, or because it could not be checked. */
export const HOLD_SUBCODES = { content: 4031, unchecked: 4032 } as const;

/** Graph's "object does not exist or does not support this operation" subcode. */
const UNKNOWN_OBJECT_SUBCODE = 33;

export function graphError(status: number, fields: GraphErrorFields): WhatsAppResponse {
  return jsonResponse(status, {
    error: {
      message: fields.message,
      type: fields.type,
      code: fields.code,
      ...(fields.subcode !== undefined ? { error_subcode: fields.subcode } : {}),
      fbtrace_id: fields.traceId ?? `gw-${randomBytes(9).toString('base64url')}`,
    },
  });
}

/** A send body Graph would refuse: invalid JSON, unknown type, missing or over-long field. */
export function invalidParameter(message: string): WhatsAppResponse {
  return graphError(400, { message, type: 'OAuthException', code: GRAPH_CODES.invalidParameter });
}

export function unknownPhoneNumber(phoneNumberId: string): WhatsAppResponse {
  // The id is echoed only when it has the shape of one (digits); anything else might be content.
  const which = isPhoneNumberId(phoneNumberId) ? `Object with ID '${phoneNumberId}'` : 'The phone number id in the path';
  return graphError(404, {
    message: `Unsupported post request. ${which} does not exist or is not a phone number this gateway sends for.`,
    type: 'GraphMethodException',
    code: GRAPH_CODES.invalidParameter,
    subcode: UNKNOWN_OBJECT_SUBCODE,
  });
}

export function invalidToken(): WhatsAppResponse {
  return graphError(401, { message: 'Invalid OAuth access token: the gateway did not recognise the bearer token.', type: 'OAuthException', code: GRAPH_CODES.invalidToken });
}

export function unavailable(status: 502 | 503, message: string): WhatsAppResponse {
  return graphError(status, { message, type: 'GatewayError', code: GRAPH_CODES.serviceUnavailable });
}
