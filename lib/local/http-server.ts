// The local HTTP server: node:http in front of a Router. JSON errors for everything that is not a
// route (404), a wrong method (405) or a failure (500, logged by error name only).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorFields, type Logger } from '../log.ts';
import { HttpError, type HttpRequest, type HttpResponse, type Router } from './router.ts';

export interface HttpServerOptions {
  host: string;
  port: number;
  router: Router;
  log: Logger;
}

export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function bodyReader(req: IncomingMessage): (maxBytes?: number) => Promise<Buffer> {
  let read: Promise<Buffer> | undefined;
  return (maxBytes = DEFAULT_MAX_BODY_BYTES) => {
    read ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) return void chunks.push(chunk);
        // Keep reading (and discarding) so the client still receives the 413; then close.
        chunks.length = 0;
        reject(new HttpError(413, 'too-large', 'The request body is too large.'));
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
    return read;
  };
}

function send(res: ServerResponse, response: HttpResponse): void {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...response.headers,
  };
  let body: string | Buffer = '';
  if (response.status === 413) headers.connection = 'close';
  if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if (response.body !== undefined) body = response.body;
  res.writeHead(response.status, headers);
  res.end(body);
}

async function respond(router: Router, req: IncomingMessage): Promise<HttpResponse> {
  const url = new URL(req.url ?? '/', 'http://gateway.invalid');
  const method = req.method ?? 'GET';
  const match = router.match(method, url.pathname);
  if (!match) return { status: 404, json: { error: 'not-found', message: 'No such page or API route.' } };
  if ('allowed' in match) {
    return { status: 405, headers: { allow: match.allowed.join(', ') }, json: { error: 'method-not-allowed', message: `Use ${match.allowed.join(' or ')}.` } };
  }
  const request: HttpRequest = { method, path: url.pathname, params: match.params, query: url.searchParams, headers: req.headers, body: bodyReader(req) };
  return match.handler(request);
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { router, log } = options;
  const server = createServer((req, res) => {
    respond(router, req)
      .catch((error: unknown): HttpResponse => {
        if (error instanceof HttpError) return { status: error.status, json: { error: error.code, message: error.message } };
        log.error('HTTP request failed', { method: req.method, ...errorFields(error) });
        return { status: 500, json: { error: 'internal', message: 'The gateway could not handle this request.' } };
      })
      .then((response) => send(res, response))
      .catch((error: unknown) => log.error('could not send an HTTP response', errorFields(error)));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
