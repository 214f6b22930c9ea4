// API Gateway (HTTP API, payload 2.0) in front of the WhatsApp doors: the event becomes the doors'
// request (raw body bytes, lower-case headers, the query string as sent) and their response the
// Lambda result. A Buffer body (Graph's answer) goes back base64-encoded so its bytes are kept.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { GraphTarget } from '../../ports/whatsapp-api.ts';
import type { WhatsAppRequest, WhatsAppResponse } from '../../whatsapp/http.ts';

export function whatsAppRequest(event: APIGatewayProxyEventV2): WhatsAppRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    headers,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    body: (maxBytes) => {
      const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      return Promise.resolve(body.length > maxBytes ? undefined : body);
    },
  };
}

/** The send route's path parameters ({version}, {phoneNumberId}); the caller checks their shapes. */
export function sendTarget(event: APIGatewayProxyEventV2): GraphTarget {
  const params = event.pathParameters ?? {};
  return { version: params.version ?? '', phoneNumberId: params.phoneNumberId ?? '' };
}

export function apiResult(response: WhatsAppResponse): APIGatewayProxyStructuredResultV2 {
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...response.headers };
  if (Buffer.isBuffer(response.body)) {
    return { statusCode: response.status, headers, body: response.body.toString('base64'), isBase64Encoded: true };
  }
  return { statusCode: response.status, headers, body: response.body };
}
