// A small router for the local HTTP server: method + path pattern ("/held/:reference") → handler.
// Handlers get a plain request object and return a plain response, so they can be tested without
// a socket and reused behind API Gateway.
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../errors.ts';

export interface HttpRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Reads the body; rejects with HttpError 413 past `maxBytes`. */
  body(maxBytes?: number): Promise<Buffer>;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (set content-type in headers). */
  body?: string | Buffer;
}

export type Handler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** An error that is the client's to see: its status and a short, content-free message. */
export class HttpError extends GatewayError {
  readonly status: number;
  /** Machine-readable: 'too-large', 'bad-request', 'unauthorised' … */
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch = { handler: Handler; params: Record<string, string> } | { allowed: string[] } | undefined;

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i]!;
    const got = path[i]!;
    if (want.startsWith(':')) {
      if (!got) return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined; // malformed percent-encoding
      }
    } else if (want !== got) return undefined;
  }
  return params;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: pattern.split('/').slice(1), handler });
    return this;
  }

  /** The handler, or the methods allowed at that path (for a 405), or undefined (404). */
  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').slice(1);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length ? { allowed } : undefined;
  }
}
