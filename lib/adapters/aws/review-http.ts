// API Gateway (HTTP API, payload 2.0) in front of the review routes: the event becomes the router's
// plain request, the route's response becomes the Lambda result. Unknown paths, wrong methods and
// failures get the same JSON answers the local server gives; failures are logged by name only.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError, type HttpRequest, type HttpResponse, type Router } from '../../local/router.ts';
import { errorFields, type Logger } from '../../log.ts';

/** The page's routes have no authorizer, so `authorizer` may be absent whatever the type says. */
export type ReviewEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export function claimsOf(event: ReviewEvent): Record<string, unknown> | undefined {
  return (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
}

/** The path without a named stage's prefix ("/prod/api/held" → "/api/held"). */
function pathOf(event: ReviewEvent): string {
  const { stage } = event.requestContext;
  const path = event.rawPath || '/';
  const prefix = `/${stage}`;
  if (stage && stage !== '$default' && (path === prefix || path.startsWith(`${prefix}/`))) return path.slice(prefix.length) || '/';
  return path;
}

function bodyOf(event: ReviewEvent): (maxBytes?: number) => Promise<Buffer> {
  return async (maxBytes = 1024 * 1024) => {
    const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
    if (body.length > maxBytes) throw new HttpError(413, 'too-large', 'The request body is too large.');
    return body;
  };
}

function result(response: HttpResponse): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...response.headers };
  if (response.json !== undefined) {
    return { statusCode: response.status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(response.json) };
  }
  if (Buffer.isBuffer(response.body)) return { statusCode: response.status, headers, body: response.body.toString('base64'), isBase64Encoded: true };
  return { statusCode: response.status, headers, body: response.body ?? '' };
}

async function respond(router: Router, event: ReviewEvent): Promise<HttpResponse> {
  const method = event.requestContext.http.method;
  const path = pathOf(event);
  const match = router.match(method, path);
  if (!match) return { status: 404, json: { error: 'not-found', message: 'No such page or API route.' } };
  if ('allowed' in match) {
    return { status: 405, headers: { allow: match.allowed.join(', ') }, json: { error: 'method-not-allowed', message: `Use ${match.allowed.join(' or ')}.` } };
  }
  const request: HttpRequest = {
    method,
    path,
    params: match.params,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers: event.headers as IncomingHttpHeaders,
    body: bodyOf(event),
  };
  return match.handler(request);
}

export async function dispatch(router: Router, event: ReviewEvent, log: Logger): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return result(await respond(router, event));
  } catch (error) {
    if (error instanceof HttpError) return result({ status: error.status, json: { error: error.code, message: error.message } });
    log.error('review request failed', { method: event.requestContext.http.method, ...errorFields(error) });
    return result({ status: 500, json: { error: 'internal', message: 'The gateway could not handle this request.' } });
  }
}
