// The webhook over in-memory ports: the handshake, signatures (including Meta's \u-escaped bodies),
// deduplication of Meta's retries, the relay and the scanning of messages sent from the app.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { signBody } from '../../lib/whatsapp/signature.ts';
import { handleVerification, handleWebhook } from '../../lib/whatsapp/webhook.ts';
import { allSettings, request, SAMPLE, stubServer, webhookBody, webhookDeps, type StubServer } from './helpers.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const stubs: StubServer[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const signed = (raw: Buffer, secret: string = SAMPLE.appSecret) => request({ body: raw, headers: { 'x-hub-signature-256': signBody(raw, secret) } });

describe('webhook verification handshake', () => {
  const query = (mode: string, token: string, challenge = '1158201444'): string =>
    new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge }).toString();

  it('echoes the challenge as plain text when the mode and token are right', async () => {
    const { deps } = webhookDeps(engine);
    const response = await handleVerification(deps, request({ query: query('subscribe', SAMPLE.verifyToken) }));
    expect(response).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '1158201444' });
  });

  it.each([
    ['a wrong token', query('subscribe', 'guess')],
    ['a token differing in case', query('subscribe', SAMPLE.verifyToken.toUpperCase())],
    ['another mode', query('unsubscribe', SAMPLE.verifyToken)],
    ['no challenge', query('subscribe', SAMPLE.verifyToken, '')],
    ['an over-long challenge', query('subscribe', SAMPLE.verifyToken, '1'.repeat(257))],
    ['no parameters', ''],
  ])('answers 403 to %s', async (_name, q) => {
    const { deps } = webhookDeps(engine);
    const response = await handleVerification(deps, request({ query: q }));
    expect(response.status).toBe(403);
    expect(String(response.body)).not.toContain('1158201444');
  });

  it.each([
    ['verify token', { verifyToken: undefined }, 'WHATSAPP_VERIFY_TOKEN'],
    ['app secret', { appSecret: undefined }, 'WHATSAPP_APP_SECRET'],
  ])('answers 503 saying why without a %s', async (_name, missing, setting) => {
    const { deps } = webhookDeps(engine, allSettings(missing));
    const get = await handleVerification(deps, request({ query: query('subscribe', SAMPLE.verifyToken) }));
    const post = await handleWebhook(deps, signed(webhookBody('text')));
    for (const response of [get, post]) {
      expect(response.status).toBe(503);
      expect(String(response.body)).toContain(setting);
    }
  });
});

describe('webhook signature', () => {
  it.each<[string, (raw: Buffer) => Record<string, string>]>([
    ['no signature', () => ({})],
    ['a signature with another secret', (raw) => ({ 'x-hub-signature-256': signBody(raw, 'another-secret') })],
    ['a SHA-1 signature header only', () => ({ 'x-hub-signature': 'sha1=0000000000000000000000000000000000000000' })],
    ['a malformed signature', () => ({ 'x-hub-signature-256': 'sha256=zz' })],
    ['a signature of other bytes', () => ({ 'x-hub-signature-256': signBody(Buffer.from('{}'), SAMPLE.appSecret) })],
  ])('answers 401 to %s and processes nothing', async (_name, headers) => {
    const { deps, events, decisions, notifier } = webhookDeps(engine);
    const raw = webhookBody('echo-hold');
    const response = await handleWebhook(deps, request({ body: raw, headers: headers(raw) }));
    expect(response.status).toBe(401);
    expect(events.records).toHaveLength(0);
    expect(decisions.records).toHaveLength(0);
    expect(notifier.notices).toHaveLength(0);
  });

  it('verifies Meta\'s \\u-escaped bytes, and refuses the same payload re-serialised with the characters themselves', async () => {
    const raw = webhookBody('text');
    expect(raw.toString('latin1')).toContain('Caf\\u00e9');
    const header = { 'x-hub-signature-256': signBody(raw, SAMPLE.appSecret) };
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
    expect(reserialised.toString('utf8')).toContain('Café');

    const { deps, events } = webhookDeps(engine);
    expect((await handleWebhook(deps, request({ body: reserialised, headers: header }))).status).toBe(401);
    expect((await handleWebhook(deps, request({ body: raw, headers: header }))).status).toBe(200);
    expect(events.records).toHaveLength(1);
  });

  it('verifies a body carrying raw UTF-8 text against the signature of those bytes', async () => {
    const raw = Buffer.from(webhookBody('text').toString('utf8').replace('Caf\\u00e9', 'Café').replace('\\u2014', '—'), 'utf8');
    expect(raw.toString('utf8')).toContain('Café');
    const { deps } = webhookDeps(engine);
    expect((await handleWebhook(deps, signed(raw))).status).toBe(200);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const { deps, events } = webhookDeps(engine);
    expect((await handleWebhook(deps, signed(Buffer.from('not json')))).status).toBe(400);
    expect(events.records).toHaveLength(0);
  });
});

describe('webhook events', () => {
  it('records the sample deliveries without any message text, names or residents\' numbers', async () => {
    const { deps, events } = webhookDeps(engine);
    for (const name of ['text', 'image', 'document', 'statuses', 'errors', 'echo']) {
      expect((await handleWebhook(deps, signed(webhookBody(name)))).status).toBe(200);
    }
    const stored = JSON.stringify(events.records);
    for (const text of ['Rugby Road', 'Edith', 'Fly-tipping', 'housing-letter', 'highways', SAMPLE.resident, '441159819911']) expect(stored).not.toContain(text);
    expect(events.records.map((r) => [r.kind, r.type ?? r.status ?? r.field])).toEqual([
      ['message', 'text'],
      ['message', 'image'],
      ['message', 'document'],
      ['status', 'sent'],
      ['status', 'delivered'],
      ['status', 'read'],
      ['message', 'unsupported'],
      ['status', 'failed'],
      ['change', 'messages'],
      ['echo', 'text'],
    ]);
    expect(events.records.find((r) => r.kind === 'message' && r.type === 'unsupported')?.errorCodes).toEqual([131051]);
    expect(events.records.find((r) => r.status === 'failed')?.errorCodes).toEqual([131026]);
    expect(events.records.find((r) => r.kind === 'change')?.errorCodes).toEqual([131000]);
    expect(events.records[0]).toMatchObject({ channel: 'whatsapp', phoneNumberId: SAMPLE.phoneNumberId, eventTime: '2025-11-24T10:00:00.000Z' });
  });

  it('processes a retried delivery once', async () => {
    const downstream = await stubServer();
    stubs.push(downstream);
    const { deps, events, notifier } = webhookDeps(engine, allSettings({ downstreamUrl: downstream.url }));
    const raw = webhookBody('echo-hold');
    const first = await handleWebhook(deps, signed(raw));
    const retry = await handleWebhook(deps, signed(raw));
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(JSON.parse(String(retry.body))).toEqual({ received: 1, new: 0 });
    expect(events.records).toHaveLength(1);
    expect(notifier.notices).toHaveLength(1);
    expect(downstream.received).toHaveLength(1);
  });

  it('processes concurrent deliveries of the same events once', async () => {
    const { deps, events } = webhookDeps(engine);
    const raw = webhookBody('statuses');
    await Promise.all([handleWebhook(deps, signed(raw)), handleWebhook(deps, signed(raw))]);
    expect(events.records).toHaveLength(3);
  });
});

describe('webhook relay', () => {
  it('relays the exact bytes, signed with the app secret as Meta signs them', async () => {
    const downstream = await stubServer();
    stubs.push(downstream);
    const { deps } = webhookDeps(engine, allSettings({ downstreamUrl: `${downstream.url}/council/hook` }));
    const raw = webhookBody('text');
    expect((await handleWebhook(deps, signed(raw))).status).toBe(200);
    expect(downstream.received).toHaveLength(1);
    const [got] = downstream.received;
    expect(got).toMatchObject({ method: 'POST', url: '/council/hook' });
    expect(got!.body.equals(raw)).toBe(true);
    expect(got!.headers['x-hub-signature-256']).toBe(signBody(raw, SAMPLE.appSecret));
    expect(got!.headers['content-type']).toBe('application/json');
  });

  it.each([
    ['answers 500', 500],
    ['refuses the delivery', 403],
  ])('answers 502 and records nothing when the downstream webhook %s, so Meta retries', async (_name, status) => {
    const downstream = await stubServer();
    stubs.push(downstream);
    downstream.reply = { status, contentType: 'text/plain', body: 'no' };
    const { deps, events, notifier } = webhookDeps(engine, allSettings({ downstreamUrl: downstream.url }));
    const raw = webhookBody('echo-hold');

    expect((await handleWebhook(deps, signed(raw))).status).toBe(502);
    expect(events.records).toHaveLength(0);
    expect(notifier.notices).toHaveLength(0);

    downstream.reply = { status: 200, contentType: 'application/json', body: '{}' };
    expect((await handleWebhook(deps, signed(raw))).status).toBe(200);
    expect(events.records).toHaveLength(1);
    expect(downstream.received).toHaveLength(2);
  });

  it('answers 502 when the downstream webhook cannot be reached', async () => {
    const downstream = await stubServer();
    await downstream.close();
    const { deps, events } = webhookDeps(engine, allSettings({ downstreamUrl: downstream.url }));
    expect((await handleWebhook(deps, signed(webhookBody('text')))).status).toBe(502);
    expect(events.records).toHaveLength(0);
  });
});

describe('messages sent from the Business app (smb_message_echoes)', () => {
  it('alerts information governance, marked sent before review, when the rules would have held it', async () => {
    const { deps, events, decisions, notifier } = webhookDeps(engine);
    expect((await handleWebhook(deps, signed(webhookBody('echo-hold')))).status).toBe(200);

    expect(notifier.notices).toHaveLength(1);
    const [notice] = notifier.notices;
    expect(notice).toMatchObject({ kind: 'sent-before-review' });
    expect(notice!.reference).toMatch(/^A-\d{8}-[2-9A-HJKMNP-TV-Z]{6}$/);
    expect(notice!.summary).toMatch(/^Sent before review A-.*would have been held: strong-identifier \(uk-nino x1\)\.$/);
    expect(decisions.records).toMatchObject([{ channel: 'whatsapp', decision: 'hold', delivered: true, sentBeforeReview: true, holdReference: notice!.reference }]);
    expect(events.records).toMatchObject([{ kind: 'echo', scan: { decision: 'hold', rules: ['strong-identifier'], findingTypes: ['uk-nino'], alertReference: notice!.reference } }]);
    expect(JSON.stringify([notice, decisions.records, events.records])).not.toMatch(/JG ?10 ?37 ?85 ?A/);
  });

  it('records a harmless one as passed, with no alert', async () => {
    const { deps, events, decisions, notifier } = webhookDeps(engine);
    await handleWebhook(deps, signed(webhookBody('echo')));
    expect(notifier.notices).toHaveLength(0);
    expect(decisions.records).toMatchObject([{ decision: 'pass', delivered: true, sentBeforeReview: false }]);
    expect(events.records).toMatchObject([{ kind: 'echo', scan: { decision: 'pass' } }]);
  });
});
