// Shared by the WhatsApp door tests: the sample events in events/ (cloned on every load), the
// sample credentials they are signed with, in-memory ports, and local HTTP stubs standing in for
// Graph and for a council's downstream webhook.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Engine } from '../../lib/pipeline/engine.ts';
import type { GraphAnswer, GraphTarget, WhatsAppApi } from '../../lib/ports/whatsapp-api.ts';
import type { WhatsAppEventLog, WhatsAppEventRecord } from '../../lib/ports/whatsapp-event-log.ts';
import type { SendDeps, WebhookDeps } from '../../lib/whatsapp/deps.ts';
import type { WhatsAppRequest } from '../../lib/whatsapp/http.ts';
import { DEFAULT_GRAPH_URL, type WhatsAppSettings } from '../../lib/whatsapp/settings.ts';
import { memoryDeps } from '../helpers/memory-ports.ts';
import type { ToolingToken } from '../../lib/whatsapp/tooling-tokens.ts';

/** The credentials the sample events in events/ are signed and authorised with. */
export const SAMPLE = {
  appSecret: 'sample-app-secret',
  verifyToken: 'sample-verify-token',
  /** Meta's access token: only the gateway holds it, and it sends it only to Graph. */
  accessToken: 'sample-access-token',
  /** The gateway-issued token the sample send events carry, and its name. */
  toolingToken: 'wagw_sample-tooling-token-0123456789abcdefghijk',
  toolingName: 'cllr-porter-laptop',
  phoneNumberId: '106540352242922',
  resident: '447700900123',
} as const;

export const NINO_TEXT = 'Her National Insurance number is JG 10 37 85 A, please update the claim.';

const EVENTS = join(import.meta.dirname, '..', '..', 'events');

export function loadEvent(name: string): APIGatewayProxyEventV2 {
  return JSON.parse(readFileSync(join(EVENTS, `${name}.json`), 'utf8')) as APIGatewayProxyEventV2;
}

/** The raw bytes of a sample webhook delivery, exactly as Meta sent them. */
export function webhookBody(name: string): Buffer {
  return Buffer.from(loadEvent(`whatsapp-webhook-${name}`).body ?? '', 'utf8');
}

export const WEBHOOK_SAMPLES = ['text', 'image', 'document', 'statuses', 'errors', 'echo', 'echo-hold'] as const;

export function sendBody(name: string): Buffer {
  return Buffer.from(loadEvent(`whatsapp-send-${name}`).body ?? '', 'utf8');
}

export function request(options: { body?: Buffer | string; headers?: Record<string, string>; query?: string } = {}): WhatsAppRequest {
  const body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body ?? '', 'utf8');
  return {
    headers: options.headers ?? {},
    query: new URLSearchParams(options.query ?? ''),
    body: (maxBytes) => Promise.resolve(body.length > maxBytes ? undefined : body),
  };
}

export class MemoryEventLog implements WhatsAppEventLog {
  readonly records: WhatsAppEventRecord[] = [];
  async has(key: string): Promise<boolean> {
    return this.records.some((r) => r.key === key);
  }
  async record(event: WhatsAppEventRecord): Promise<void> {
    if (!(await this.has(event.key))) this.records.push(event);
  }
}

export class FakeGraph implements WhatsAppApi {
  readonly sent: { target: GraphTarget; body: Buffer }[] = [];
  answer: GraphAnswer = { status: 200, contentType: 'application/json', body: Buffer.from('{"messaging_product":"whatsapp","messages":[{"id":"wamid.sent1"}]}') };
  unreachable = false;
  async send(target: GraphTarget, body: Buffer): Promise<GraphAnswer> {
    if (this.unreachable) throw new Error('connect ECONNREFUSED');
    this.sent.push({ target, body });
    return this.answer;
  }
}

export const allSettings = (extra: Partial<WhatsAppSettings> = {}): WhatsAppSettings => ({
  graphUrl: DEFAULT_GRAPH_URL,
  appSecret: SAMPLE.appSecret,
  verifyToken: SAMPLE.verifyToken,
  accessToken: SAMPLE.accessToken,
  ...extra,
});

/** The token list entry for SAMPLE.toolingToken, as `gateway whatsapp-token issue` writes one. */
export const SAMPLE_TOOLING_TOKENS: ToolingToken[] = [
  { name: SAMPLE.toolingName, sha256: createHash('sha256').update(SAMPLE.toolingToken).digest('hex'), issuedAt: '2026-11-02T09:00:00.000Z' },
];

export function sendDeps(engine: Engine, settings: WhatsAppSettings = allSettings(), tokens: readonly ToolingToken[] = SAMPLE_TOOLING_TOKENS) {
  const base = memoryDeps(engine);
  const graph = new FakeGraph();
  const deps: SendDeps & { graph: FakeGraph } = { ...base, graph, settings: () => Promise.resolve(settings), toolingTokens: () => Promise.resolve(tokens) };
  return { deps, store: base.store, decisions: base.decisions, notifier: base.notifier, graph, log: base.log };
}

export function webhookDeps(engine: Engine, settings: WhatsAppSettings = allSettings()) {
  const base = memoryDeps(engine);
  const events = new MemoryEventLog();
  const deps: WebhookDeps = { ...base, events, settings: () => Promise.resolve(settings) };
  return { deps, events, decisions: base.decisions, notifier: base.notifier };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface StubServer {
  url: string;
  received: Received[];
  /** What the next requests are answered with. */
  reply: { status: number; contentType: string; body: string };
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 and a free port that keeps every request it gets. */
export async function stubServer(): Promise<StubServer> {
  const received: Received[] = [];
  const stub = { reply: { status: 200, contentType: 'application/json', body: '{"ok":true}' } };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(stub.reply.status, { 'content-type': stub.reply.contentType });
      res.end(stub.reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
