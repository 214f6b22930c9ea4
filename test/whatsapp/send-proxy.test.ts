// The send proxy over in-memory ports: what is forwarded, what is held and how the tooling is
// answered in each case.
import { beforeAll, describe, expect, it } from 'vitest';
import { HOLD_REFERENCE } from '../../lib/actions/hold-reference.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { createEngine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { handleSend } from '../../lib/whatsapp/send-proxy.ts';
import { failingEngine } from '../../lib/adapters/aws/engine-cache.ts';
import { allSettings, NINO_TEXT, request, SAMPLE, sendBody, sendDeps } from './helpers.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const TARGET = { version: 'v23.0', phoneNumberId: SAMPLE.phoneNumberId };
const AUTH = { authorization: `Bearer ${SAMPLE.toolingToken}` };

const textBody = (text: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, type: 'text', text: { body: text }, ...extra });

interface GraphErrorBody {
  error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string };
}

const errorOf = (body: string | Buffer): GraphErrorBody['error'] => (JSON.parse(body.toString()) as GraphErrorBody).error;

describe('send proxy: pass', () => {
  it.each(['text', 'document'])('forwards the sample %s body byte for byte and returns Graph\'s answer as is', async (name) => {
    const { deps, graph, decisions, store } = sendDeps(engine);
    graph.answer = { status: 200, contentType: 'application/json; charset=UTF-8', body: Buffer.from('{"messaging_product":"whatsapp","messages":[{"id":"wamid.X"}]}') };
    const raw = sendBody(name);

    const response = await handleSend(deps, TARGET, request({ body: raw, headers: AUTH }));

    expect(response).toEqual({ status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: graph.answer.body });
    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]!.body.equals(raw)).toBe(true);
    expect(graph.sent[0]!.target).toEqual(TARGET);
    expect(decisions.records).toMatchObject([{ channel: 'whatsapp', decision: 'pass', delivered: true, sender: SAMPLE.phoneNumberId, recipientDomains: [] }]);
    expect(store.held.size).toBe(0);
  });

  it('returns an error Graph gives (status and body) unchanged, and still records the decision', async () => {
    const { deps, graph, decisions } = sendDeps(engine);
    graph.answer = { status: 400, contentType: 'application/json', body: Buffer.from('{"error":{"message":"(#131030) Recipient phone number not in allowed list","code":131030}}') };
    const response = await handleSend(deps, TARGET, request({ body: textBody('Hello'), headers: AUTH }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual(graph.answer.body);
    expect(decisions.records).toHaveLength(1);
  });

  it('sends two identical messages twice, as Graph would', async () => {
    const { deps, graph, decisions } = sendDeps(engine);
    for (let i = 0; i < 2; i += 1) await handleSend(deps, TARGET, request({ body: textBody('See you at the surgery'), headers: AUTH }));
    expect(graph.sent).toHaveLength(2);
    expect(new Set(decisions.records.map((r) => r.key)).size).toBe(2);
  });

  it('forwards a read receipt (no text, nobody new)', async () => {
    const { deps, graph } = sendDeps(engine);
    const response = await handleSend(deps, TARGET, request({ body: '{"messaging_product":"whatsapp","status":"read","message_id":"wamid.HBgL"}', headers: AUTH }));
    expect(response.status).toBe(200);
    expect(graph.sent).toHaveLength(1);
  });

  it('forwards a would-be hold in audit mode, recording it as an audit hold', async () => {
    const audit = createEngine({ ...engine.ruleSet, policy: { ...engine.ruleSet.policy, mode: 'audit' } });
    const { deps, graph, decisions, store } = sendDeps(audit);
    const response = await handleSend(deps, TARGET, request({ body: textBody(NINO_TEXT), headers: AUTH }));
    expect(response.status).toBe(200);
    expect(graph.sent).toHaveLength(1);
    expect(decisions.records[0]).toMatchObject({ decision: 'audit-hold', delivered: true });
    expect(store.held.size).toBe(0);
  });

  it('answers 502 in Graph\'s shape and records nothing when Graph cannot be reached', async () => {
    const { deps, graph, decisions } = sendDeps(engine);
    graph.unreachable = true;
    const response = await handleSend(deps, TARGET, request({ body: textBody('Hello'), headers: AUTH }));
    expect(response.status).toBe(502);
    expect(errorOf(response.body)).toMatchObject({ type: 'GatewayError', code: 2 });
    expect(decisions.records).toHaveLength(0);
  });
});

describe('send proxy: hold', () => {
  it('keeps the body for review, answers 403 in Graph\'s shape and forwards nothing', async () => {
    const { deps, graph, decisions, store, notifier } = sendDeps(engine);
    const raw = sendBody('hold');

    const response = await handleSend(deps, TARGET, request({ body: raw, headers: AUTH }));

    expect(response.status).toBe(403);
    const error = errorOf(response.body);
    expect(error).toMatchObject({ type: 'GatewayHold', code: 403, error_subcode: 4031 });
    expect(error.fbtrace_id).toMatch(HOLD_REFERENCE);
    expect(error.message).toContain(error.fbtrace_id);
    expect(error.message).toContain('National Insurance number');
    expect(error.message).toContain('JG •• •• •• A');
    expect(error.message).not.toMatch(/JG ?10 ?37 ?85 ?A/);
    expect(graph.sent).toHaveLength(0);

    const held = store.held.get(error.fbtrace_id)!;
    expect(held.raw.equals(raw)).toBe(true);
    expect(held.meta).toMatchObject({
      channel: 'whatsapp',
      status: 'held',
      envelope: { from: SAMPLE.phoneNumberId, to: [SAMPLE.resident] },
      graphVersion: 'v23.0',
      reasons: [{ rule: 'strong-identifier', type: 'uk-nino' }],
    });
    expect(held.meta.findings[0]).toMatchObject({ type: 'uk-nino', partId: 'body' });
    expect(decisions.records).toMatchObject([{ decision: 'hold', delivered: false, holdReference: error.fbtrace_id }]);
    expect(notifier.notices).toMatchObject([{ kind: 'held', reference: error.fbtrace_id }]);
  });

  it('answers a repeat of a message still held with the same hold, once', async () => {
    const { deps, store, notifier, decisions } = sendDeps(engine);
    const first = await handleSend(deps, TARGET, request({ body: textBody(NINO_TEXT), headers: AUTH }));
    const again = await handleSend(deps, TARGET, request({ body: textBody(NINO_TEXT), headers: AUTH }));
    expect(errorOf(again.body).fbtrace_id).toBe(errorOf(first.body).fbtrace_id);
    expect(store.held.size).toBe(1);
    expect(notifier.notices).toHaveLength(1);
    expect(decisions.records).toHaveLength(1);
  });

  it('holds a message again as a new hold once the earlier one was rejected', async () => {
    const { deps, store } = sendDeps(engine);
    const first = errorOf((await handleSend(deps, TARGET, request({ body: textBody(NINO_TEXT), headers: AUTH }))).body).fbtrace_id;
    store.held.get(first)!.meta.status = 'rejected';
    const second = errorOf((await handleSend(deps, TARGET, request({ body: textBody(NINO_TEXT), headers: AUTH }))).body).fbtrace_id;
    const third = errorOf((await handleSend(deps, TARGET, request({ body: textBody(NINO_TEXT), headers: AUTH }))).body).fbtrace_id;
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(store.held.size).toBe(2);
  });

  it.each([
    ['a document file name', { type: 'document', document: { link: 'https://example.org/a.pdf', filename: 'Clarke JG103785A.pdf' } }],
    ['an image caption', { type: 'image', image: { id: '1479537139650973', caption: NINO_TEXT } }],
    ['an interactive button', { type: 'interactive', interactive: { type: 'button', body: { text: 'Please confirm' }, action: { buttons: [{ type: 'reply', reply: { id: 'a', title: 'JG 10 37 85 A' } }] } } }],
    ['a location name', { type: 'location', location: { latitude: 52.9, longitude: -1.1, name: NINO_TEXT } }],
  ])('scans %s', async (_name, content) => {
    const { deps, graph } = sendDeps(engine);
    const body = JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, ...content });
    const response = await handleSend(deps, TARGET, request({ body, headers: AUTH }));
    expect(response.status).toBe(403);
    expect(graph.sent).toHaveLength(0);
  });

  it('holds what it cannot check (subcode 4032) rather than forwarding it', async () => {
    const { deps, graph, notifier } = sendDeps(failingEngine(new Error('rules unavailable')));
    const response = await handleSend(deps, TARGET, request({ body: textBody('Hello'), headers: AUTH }));
    expect(response.status).toBe(403);
    expect(errorOf(response.body)).toMatchObject({ type: 'GatewayHold', error_subcode: 4032 });
    expect(errorOf(response.body).message).toContain('could not check');
    expect(graph.sent).toHaveLength(0);
    expect(notifier.notices).toMatchObject([{ kind: 'processing-error' }]);
  });
});

describe('send proxy: refused requests', () => {
  const long = (n: number): string => 'a'.repeat(n);
  it.each<[string, string | Buffer, number, RegExp]>([
    ['invalid JSON', '{"messaging_product":"whatsapp",', 400, /must be valid JSON/],
    ['a JSON array', '[]', 400, /must be a JSON object/],
    ['an unknown message type', textBody('Hi', { type: 'hologram' }), 400, /Param type must be one of/],
    ['a missing recipient', JSON.stringify({ messaging_product: 'whatsapp', type: 'text', text: { body: 'Hi' } }), 400, /parameter to is required/],
    ['a missing text body', JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, type: 'text', text: {} }), 400, /text\['body'\] is required/],
    ['a type without its content', JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, type: 'image' }), 400, /parameter image is required/],
    ['an unknown top-level field', textBody('Hi', { secret_notes: 'x' }), 400, /Unexpected parameter: secret_notes/],
    ['text over 4096 characters', textBody(long(4097)), 400, /text\['body'\] must be at most 4096/],
    ['a caption over 1024 characters', JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, type: 'image', image: { id: '1', caption: long(1025) } }), 400, /image\['caption'\] must be at most 1024/],
    ['a body over 64 KiB', Buffer.alloc(64 * 1024 + 1, 0x20), 400, /larger than the gateway accepts/],
  ])('answers %s with a Graph-style %i and forwards nothing', async (_name, body, status, message) => {
    const { deps, graph, decisions, store } = sendDeps(engine);
    const response = await handleSend(deps, TARGET, request({ body, headers: AUTH }));
    expect(response.status).toBe(status);
    expect(errorOf(response.body)).toMatchObject({ type: 'OAuthException', code: 100 });
    expect(errorOf(response.body).message).toMatch(message);
    expect(graph.sent).toHaveLength(0);
    expect(decisions.records).toHaveLength(0);
    expect(store.held.size).toBe(0);
  });

  it.each([
    ['text of exactly 4096 characters', textBody(long(4096))],
    ['a caption of exactly 1024 characters', JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, type: 'image', image: { id: '1', caption: long(1024) } })],
  ])('accepts %s', async (_name, body) => {
    const { deps, graph } = sendDeps(engine);
    expect((await handleSend(deps, TARGET, request({ body, headers: AUTH }))).status).toBe(200);
    expect(graph.sent).toHaveLength(1);
  });

  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['a token that is a prefix of the right one', { authorization: `Bearer ${SAMPLE.toolingToken.slice(0, -1)}` }],
    ['another scheme', { authorization: `Basic ${SAMPLE.toolingToken}` }],
    ["Meta's own access token, which only the gateway holds", { authorization: `Bearer ${SAMPLE.accessToken}` }],
  ])('answers %s with 401 (code 190)', async (_name, headers) => {
    const { deps, graph } = sendDeps(engine);
    const response = await handleSend(deps, TARGET, request({ body: textBody('Hi'), headers }));
    expect(response.status).toBe(401);
    expect(errorOf(response.body)).toMatchObject({ type: 'OAuthException', code: 190 });
    expect(graph.sent).toHaveLength(0);
  });

  it.each<[string, string, string[] | undefined, number]>([
    ['an id not in WHATSAPP_PHONE_NUMBER_IDS', '999999999999999', [SAMPLE.phoneNumberId], 404],
    ['an id that is not digits', '1065403522429..', undefined, 404],
    ['a listed id', SAMPLE.phoneNumberId, [SAMPLE.phoneNumberId, '1'], 200],
    ['any id when none are listed', '999999999999999', undefined, 200],
  ])('answers %s with %i', async (_name, phoneNumberId, ids, status) => {
    const { deps } = sendDeps(engine, allSettings(ids ? { phoneNumberIds: ids } : {}));
    const response = await handleSend(deps, { version: 'v23.0', phoneNumberId }, request({ body: textBody('Hi'), headers: AUTH }));
    expect(response.status).toBe(status);
    if (status === 404) expect(errorOf(response.body)).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it.each([['v23.0', 200], ['v9.1', 200], ['23.0', 400], ['v23.0/..', 400], ['latest', 400]])('checks the Graph version %s (%i)', async (version, status) => {
    const { deps } = sendDeps(engine);
    const response = await handleSend(deps, { version, phoneNumberId: SAMPLE.phoneNumberId }, request({ body: textBody('Hi'), headers: AUTH }));
    expect(response.status).toBe(status);
  });

  it('answers 503, naming the setting, when no access token is configured', async () => {
    const { deps, graph } = sendDeps(engine, allSettings({ accessToken: undefined }));
    const response = await handleSend(deps, TARGET, request({ body: textBody('Hi'), headers: AUTH }));
    expect(response.status).toBe(503);
    expect(errorOf(response.body).message).toContain('WHATSAPP_ACCESS_TOKEN');
    expect(graph.sent).toHaveLength(0);
  });
});
