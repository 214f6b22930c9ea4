// Meta's published webhook payloads (../shared/fixtures/whatsapp, from pywa's test data): every
// one is parsed, recorded and relayed without error. They share placeholder message ids, so each
// gets a fresh event log.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { signBody } from '../../lib/whatsapp/signature.ts';
import { handleWebhook } from '../../lib/whatsapp/webhook.ts';
import { webhookEvents } from '../../lib/whatsapp/webhook-events.ts';
import { allSettings, request, SAMPLE, stubServer, webhookDeps, type StubServer } from './helpers.ts';

const DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'whatsapp');
const FILES = ['message', 'message_status', 'outgoing_message', 'edited_message', 'deleted_message', 'system'] as const;
const present = existsSync(DIR);
if (!present) console.warn(`WhatsApp webhook corpus not found at ${DIR}: these tests are skipped.`);

function cases(): [string, string, unknown][] {
  if (!present) return [];
  return FILES.flatMap((file) =>
    Object.entries(JSON.parse(readFileSync(join(DIR, `${file}.json`), 'utf8')) as Record<string, unknown>).map(([name, payload]) => [file, name, payload] as [string, string, unknown]),
  );
}

const ALL = cases();
const kindsOf = (file: string): string => ({ message: 'message', message_status: 'status', outgoing_message: 'echo', edited_message: 'message', deleted_message: 'message', system: 'message' })[file] ?? '';

describe.skipIf(!present)('published webhook payloads', () => {
  let engine: Engine;
  let downstream: StubServer;
  beforeAll(async () => {
    engine = await loadEngine();
    downstream = await stubServer();
  });
  afterAll(() => downstream.close());

  it('has the kinds of update the corpus promises', () => {
    const count = (file: string): number => ALL.filter(([f]) => f === file).length;
    expect([count('message'), count('message_status')]).toEqual([23, 7]);
    expect(count('outgoing_message') + count('edited_message') + count('deleted_message') + count('system')).toBe(7);
  });

  it.each(ALL)('%s/%s is parsed, recorded and relayed', async (file, _name, payload) => {
    const raw = Buffer.from(JSON.stringify(payload), 'utf8');
    const { deps, events } = webhookDeps(engine, allSettings({ downstreamUrl: downstream.url }));
    const before = downstream.received.length;

    const response = await handleWebhook(deps, request({ body: raw, headers: { 'x-hub-signature-256': signBody(raw, SAMPLE.appSecret) } }));

    expect(response.status).toBe(200);
    expect(webhookEvents(payload).map((e) => e.kind)).toEqual([kindsOf(file)]);
    expect(events.records).toHaveLength(1);
    expect(events.records[0]!.kind).toBe(kindsOf(file));
    expect(downstream.received).toHaveLength(before + 1);
    expect(downstream.received.at(-1)!.body.equals(raw)).toBe(true);
  });

  it.each([
    ['text', 'pass'],
    ['edit', 'pass'],
    ['delete', 'not-scanned'],
  ])('scans the echoed %s update: %s', async (name, decision) => {
    const payload = ALL.find(([file, n]) => file === 'outgoing_message' && n === name)?.[2];
    const raw = Buffer.from(JSON.stringify(payload), 'utf8');
    const { deps, events } = webhookDeps(engine);
    await handleWebhook(deps, request({ body: raw, headers: { 'x-hub-signature-256': signBody(raw, SAMPLE.appSecret) } }));
    expect(events.records[0]!.scan?.decision).toBe(decision);
  });
});
