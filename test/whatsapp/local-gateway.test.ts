// The WhatsApp doors on the local gateway, end to end over real HTTP, with a stub Graph and a stub
// downstream webhook on 127.0.0.1, and tooling tokens issued with `gateway whatsapp-token`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WHATSAPP_EVENTS_FILE } from '../../lib/adapters/local/whatsapp-routes.ts';
import { TOOLING_TOKENS_FILE } from '../../lib/adapters/local/whatsapp-tooling-tokens.ts';
import { whatsappTokenCommand } from '../../lib/cli/whatsapp-token-command.ts';
import { signBody } from '../../lib/whatsapp/signature.ts';
import { decisions, filesIn, newDataDir, removeDataDirs, start, type Harness } from '../local/gateway-harness.ts';
import { SAMPLE, sendBody, stubServer, webhookBody, type StubServer } from './helpers.ts';

let graph: StubServer;
let downstream: StubServer;
const running: Harness[] = [];

beforeEach(async () => {
  [graph, downstream] = await Promise.all([stubServer(), stubServer()]);
  graph.reply = { status: 200, contentType: 'application/json', body: '{"messaging_product":"whatsapp","contacts":[{"input":"447700900123","wa_id":"447700900123"}],"messages":[{"id":"wamid.OK"}]}' };
  vi.stubEnv('GATEWAY_GRAPH_URL', graph.url);
  vi.stubEnv('WHATSAPP_DOWNSTREAM_URL', `${downstream.url}/hook`);
  vi.stubEnv('WHATSAPP_ACCESS_TOKEN', SAMPLE.accessToken);
  vi.stubEnv('WHATSAPP_APP_SECRET', SAMPLE.appSecret);
  vi.stubEnv('WHATSAPP_VERIFY_TOKEN', SAMPLE.verifyToken);
  vi.stubEnv('WHATSAPP_PHONE_NUMBER_IDS', SAMPLE.phoneNumberId);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await Promise.all([graph.close(), downstream.close()]);
  await removeDataDirs();
});

/** Runs `gateway whatsapp-token …` against the data folder; returns what it printed. */
async function tokenCommand(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await whatsappTokenCommand(args, { print: (l) => stdout.push(l), error: (l) => stderr.push(l) }, { GATEWAY_DATA_DIR: dataDir });
  return { code, stdout, stderr };
}

let token: string;

async function gateway(dataDir?: string): Promise<{ base: string; dataDir: string; logs: string[] }> {
  const dir = dataDir ?? (await newDataDir());
  if (!dataDir) token = (await tokenCommand(dir, 'issue', SAMPLE.toolingName)).stdout[0]!;
  const harness = await start(dir);
  running.push(harness);
  return { base: `http://127.0.0.1:${harness.gateway.httpPort}`, dataDir: dir, logs: harness.logs };
}

const sendPath = `/whatsapp/v23.0/${SAMPLE.phoneNumberId}/messages`;
const post = (url: string, body: Buffer, headers: Record<string, string>): Promise<Response> =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

async function eventLines(dataDir: string): Promise<unknown[]> {
  const text = await readFile(join(dataDir, WHATSAPP_EVENTS_FILE), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);
}

describe('local send proxy', () => {
  it('forwards a passing message byte for byte with Meta\'s token, not the tooling\'s, and returns Graph\'s answer', async () => {
    const { base, dataDir } = await gateway();
    const raw = sendBody('document');

    const response = await post(`${base}${sendPath}`, raw, { authorization: `Bearer ${token}` });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(graph.reply.body);
    expect(graph.received).toHaveLength(1);
    expect(graph.received[0]).toMatchObject({ method: 'POST', url: sendPath.replace('/whatsapp', '') });
    expect(graph.received[0]!.headers.authorization).toBe(`Bearer ${SAMPLE.accessToken}`);
    expect(graph.received[0]!.body.equals(raw)).toBe(true);
    expect(await decisions(dataDir)).toMatchObject([{ channel: 'whatsapp', decision: 'pass', tooling: SAMPLE.toolingName }]);
  });

  it('keeps the tooling token out of logs, records and its own file, and refuses it once revoked', async () => {
    const { base, dataDir, logs } = await gateway();
    expect((await post(`${base}${sendPath}`, sendBody('text'), { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await post(`${base}${sendPath}`, sendBody('hold'), { authorization: `Bearer ${token}` })).status).toBe(403);

    const listed = await tokenCommand(dataDir, 'list');
    expect(listed.stdout).toEqual([expect.stringMatching(new RegExp(`^${SAMPLE.toolingName}\tissued \\d{4}-`))]);
    const kept = [
      JSON.stringify(await decisions(dataDir)),
      logs.join('\n'),
      await readFile(join(dataDir, TOOLING_TOKENS_FILE), 'utf8'),
      ...(await Promise.all((await filesIn(join(dataDir, 'notifications'))).map((f) => readFile(join(dataDir, 'notifications', f), 'utf8')))),
      listed.stdout.join('\n'),
    ].join('\n');
    expect(kept).toContain(SAMPLE.toolingName);
    expect(kept).not.toContain(token);
    expect(kept).not.toContain(token.slice(5, 25));
    expect(kept).not.toContain(SAMPLE.accessToken);

    expect((await tokenCommand(dataDir, 'revoke', SAMPLE.toolingName)).code).toBe(0);
    expect((await post(`${base}${sendPath}`, sendBody('text'), { authorization: `Bearer ${token}` })).status).toBe(401);
    expect(graph.received).toHaveLength(1);
  });

  it('holds a message with a resident\'s identifier: 403 in Graph\'s shape, nothing reaches Graph', async () => {
    const { base, dataDir } = await gateway();
    const response = await post(`${base}${sendPath}`, sendBody('hold'), { authorization: `Bearer ${token}` });

    expect(response.status).toBe(403);
    const { error } = (await response.json()) as { error: { type: string; fbtrace_id: string; message: string } };
    expect(error.type).toBe('GatewayHold');
    expect(graph.received).toHaveLength(0);
    expect(await filesIn(join(dataDir, 'held'))).toEqual(expect.arrayContaining([`${error.fbtrace_id}.eml`, `${error.fbtrace_id}.json`]));
    expect(await filesIn(join(dataDir, 'notifications'))).toEqual([`${error.fbtrace_id}.json`]);
  });

  it.each([
    ['a wrong token', `${sendPath}`, () => 'wrong', 401],
    ["Meta's own access token", `${sendPath}`, () => SAMPLE.accessToken, 401],
    ['an unlisted phone number id', '/whatsapp/v23.0/999/messages', () => token, 404],
  ])('refuses %s', async (_name, path, bearer, status) => {
    const { base } = await gateway();
    const response = await post(`${base}${path}`, sendBody('text'), { authorization: `Bearer ${bearer()}` });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBeGreaterThan(0);
    expect(graph.received).toHaveLength(0);
  });

  it('answers a body over the limit with a Graph-style 400', async () => {
    const { base } = await gateway();
    const response = await post(`${base}${sendPath}`, Buffer.alloc(70 * 1024, 0x20), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('larger than the gateway accepts');
  });
});

describe('local webhook', () => {
  it('answers the verification handshake', async () => {
    const { base } = await gateway();
    const ok = await fetch(`${base}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${SAMPLE.verifyToken}&hub.challenge=8462`);
    expect([ok.status, await ok.text()]).toEqual([200, '8462']);
    const refused = await fetch(`${base}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=8462`);
    expect(refused.status).toBe(403);
  });

  it('answers 401 to a delivery with a wrong signature and processes nothing', async () => {
    const { base, dataDir } = await gateway();
    const raw = webhookBody('text');
    const response = await post(`${base}/whatsapp/webhook`, raw, { 'x-hub-signature-256': signBody(raw, 'wrong-secret') });
    expect(response.status).toBe(401);
    expect(downstream.received).toHaveLength(0);
    expect(await eventLines(dataDir)).toEqual([]);
  });

  it('processes a retried delivery once, also after a restart', async () => {
    const first = await gateway();
    const raw = webhookBody('statuses');
    const headers = { 'x-hub-signature-256': signBody(raw, SAMPLE.appSecret) };

    expect((await post(`${first.base}/whatsapp/webhook`, raw, headers)).status).toBe(200);
    expect((await post(`${first.base}/whatsapp/webhook`, raw, headers)).status).toBe(200);
    await running.pop()!.gateway.stop();
    const again = await gateway(first.dataDir);
    expect((await post(`${again.base}/whatsapp/webhook`, raw, headers)).status).toBe(200);

    expect(await eventLines(first.dataDir)).toHaveLength(3);
    expect(downstream.received).toHaveLength(1);
    expect(downstream.received[0]!.body.equals(raw)).toBe(true);
    expect(downstream.received[0]!.headers['x-hub-signature-256']).toBe(headers['x-hub-signature-256']);
  });

  it('alerts information governance about a held-worthy message sent from the Business app', async () => {
    const { base, dataDir } = await gateway();
    const raw = webhookBody('echo-hold');
    expect((await post(`${base}/whatsapp/webhook`, raw, { 'x-hub-signature-256': signBody(raw, SAMPLE.appSecret) })).status).toBe(200);
    const notices = await filesIn(join(dataDir, 'notifications'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^A-\d{8}-\w{6}\.json$/);
  });
});
