// Bodies two JSON parsers could read differently are refused, not scanned one way and forwarded to
// be read another way: duplicate keys, invalid UTF-8, nesting deeper than any send body.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { handleSend } from '../../lib/whatsapp/send-proxy.ts';
import { readStrictJson } from '../../lib/whatsapp/strict-json.ts';
import { NINO_TEXT, request, SAMPLE, sendDeps } from './helpers.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const TARGET = { version: 'v23.0', phoneNumberId: SAMPLE.phoneNumberId };
const AUTH = { authorization: `Bearer ${SAMPLE.toolingToken}` };
const head = `"messaging_product":"whatsapp","to":"${SAMPLE.resident}","type":"text"`;
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('readStrictJson', () => {
  it.each<[string, string | Buffer, RegExp]>([
    ['two "body" keys in one object', `{${head},"text":{"body":"${NINO_TEXT}","body":"Hello"}}`, /parameter body twice/],
    ['the same key spelt with an escape', `{${head},"text":{"body":"Hello","b\\u006fdy":"${NINO_TEXT}"}}`, /parameter body twice/],
    ['a repeated top-level key', `{${head},"to":"447700900999","text":{"body":"Hello"}}`, /parameter to twice/],
    ['a repeated key deep in flow data', `{${head},"interactive":{"action":{"parameters":{"flow_action_payload":{"data":{"code":"a","code":"b"}}}}}}`, /parameter code twice/],
    ['a repeated key that is not a field name, without echoing it', `{"JG 10 37 85 A":1,"JG 10 37 85 A":2}`, /parameter an unknown parameter twice/],
    ['invalid UTF-8', Buffer.concat([Buffer.from(`{${head},"text":{"body":"`), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]), /must be UTF-8/],
    ['nesting deeper than 32 levels', `{"a":${nested(32)}}`, /nested more than 32 levels/],
    ['a very deep body, without overflowing the stack', nested(60_000), /nested more than 32 levels/],
    ['an unterminated string', '{"text":{"body":"Hello}}', /valid JSON/],
    ['trailing text', `{${head},"text":{"body":"Hello"}} x`, /valid JSON/],
  ])('refuses %s', (_name, body, message) => {
    const read = readStrictJson(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
    if (!read.ok) expect(read.message).not.toMatch(/JG ?10/);
  });

  it.each<[string, string]>([
    ['the same key in sibling objects', '{"a":{"id":"1"},"b":{"id":"1"},"c":[{"id":1},{"id":2}]}'],
    ['a key that appears as a value too', '{"body":"body","x":["body","body"]}'],
    ['quotes and backslashes inside strings', '{"a":"say \\"body\\": \\\\","body":"x"}'],
    ['nesting of exactly 32 levels', `{"a":${nested(31)}}`],
    ['non-ASCII text', '{"body":"Café – £5 🙂"}'],
  ])('reads %s as JSON.parse does', (_name, body) => {
    expect(readStrictJson(Buffer.from(body, 'utf8'))).toEqual({ ok: true, value: JSON.parse(body) as unknown });
  });

  it('stays linear: a 60 KiB body of keys is read in well under a second', () => {
    const keys = Array.from({ length: 6000 }, (_, i) => `"k${i}":1`).join(',');
    const started = performance.now();
    expect(readStrictJson(Buffer.from(`{${keys}}`)).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('send proxy: ambiguous bodies', () => {
  it('refuses a text body with two "body" keys (the first holding an NI number) with a Graph-style 400 and forwards nothing', async () => {
    const { deps, graph, decisions, store } = sendDeps(engine);
    const raw = `{${head},"text":{"body":"${NINO_TEXT}","body":"See you at the surgery"}}`;

    const response = await handleSend(deps, TARGET, request({ body: raw, headers: AUTH }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: { type: 'OAuthException', code: 100 } });
    expect(graph.sent).toHaveLength(0);
    expect(decisions.records).toHaveLength(0);
    expect(store.held.size).toBe(0);
  });

  it('refuses a body nested 60,000 levels deep with a 400 rather than failing', async () => {
    const { deps, graph } = sendDeps(engine);
    const raw = `{${head},"text":{"body":"Hi"},"biz_opaque_callback_data":${nested(60_000)}}`;
    const response = await handleSend(deps, TARGET, request({ body: raw, headers: AUTH }));
    expect(response.status).toBe(400);
    expect(graph.sent).toHaveLength(0);
  });
});
