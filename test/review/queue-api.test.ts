// The queue over HTTP on the local gateway, with items held through the real doors: every
// recipient shown and outside ones marked (WhatsApp numbers masked), search, filters and orders,
// the CSV export, and "sent before review" alerts listed and acknowledged.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlertListView } from '../../lib/review/alerts.ts';
import type { HeldListView } from '../../lib/review/views.ts';
import { removeDataDirs, SENDER } from '../local/gateway-harness.ts';
import { SAMPLE } from '../whatsapp/helpers.ts';
import { ADAMS, PRESS, RESIDENT_NUMBER, startQueue, stubWhatsAppEnv, type QueueHarness } from './queue-harness.ts';

describe('the held queue on the local gateway', () => {
  let harness: QueueHarness;

  beforeAll(async () => {
    stubWhatsAppEnv();
    harness = await startQueue();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await harness?.gateway.stop();
    await removeDataDirs();
  });

  const list = async (query: string): Promise<HeldListView> => {
    const res = await harness.api(`/api/held?${query}`);
    expect(res.status, res.text).toBe(200);
    return res.json as HeldListView;
  };
  const refs = async (query: string): Promise<string[]> => (await list(query)).items.map((i) => i.reference);

  it('shows every email recipient, outside ones marked', async () => {
    const item = (await list(`q=${harness.refs.nino}`)).items[0]!;
    expect(item.recipients).toEqual([
      { shown: 'editor@example.org', outside: true },
      { shown: 'housing.options@rushcliffe.gov.uk', outside: false },
    ]);
  });

  it('shows a WhatsApp item by its tooling and the recipient by the last four digits, never the whole number', async () => {
    const res = await harness.api(`/api/held?channel=whatsapp`);
    const item = (res.json as HeldListView).items[0]!;
    expect(item).toMatchObject({ reference: harness.refs.whatsapp, sender: SAMPLE.phoneNumberId, tooling: SAMPLE.toolingName, recipients: [{ shown: '•••• 0123', outside: true }] });
    expect(res.text).not.toContain(RESIDENT_NUMBER);
  });

  it.each([
    ['a hold reference', () => `q=${harness.refs.casework.toLowerCase()}`, () => [harness.refs.casework]],
    ['a councillor', () => 'q=adams', () => [harness.refs.casework, harness.refs.marking]],
    ['WhatsApp tooling', () => 'q=porter-laptop', () => [harness.refs.whatsapp]],
    ['a recipient address', () => 'q=press.desk', () => [harness.refs.marking]],
    ['a resident number as typed', () => 'q=%2B44%207700%20900123', () => [harness.refs.whatsapp]],
    ['a rule', () => 'rule=marking', () => [harness.refs.marking]],
    ['a recipient domain', () => 'domain=housing.example', () => [harness.refs.casework]],
    ['a status, with search', () => 'status=rejected&q=editor', () => [harness.refs.rejected]],
    ['every status', () => 'status=all&channel=email&q=editor', () => [harness.refs.nino, harness.refs.rejected]],
    ['a date range with nothing in it', () => 'from=2020-01-01&to=2020-01-31', () => []],
  ])('finds by %s', async (_name, query, expected) => {
    expect(await refs(query())).toEqual(expected());
  });

  it('sorts by councillor and by rule', async () => {
    const byCouncillor = (await list('sort=councillor')).items.map((i) => i.tooling ?? i.sender);
    expect(byCouncillor).toEqual([SAMPLE.toolingName, ADAMS, ADAMS, SENDER]);
    const byRule = (await list('sort=rule')).items.map((i) => [...i.ruleIds].sort()[0]);
    expect(byRule).toEqual([...byRule].sort());
    expect(byRule[0]).toBe('casework');
  });

  it('refuses a filter it does not know rather than showing the wrong queue', async () => {
    const res = await harness.api('/api/held?sort=subject');
    expect(res.status).toBe(400);
    expect((res.json as { message: string }).message).toContain('sort must be one of');
  });

  it('exports the filtered queue as CSV to download, with no message content', async () => {
    const res = await harness.api('/api/held.csv?status=all');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="held-messages-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = res.text.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(res.text).toContain(`"${PRESS}"`);
    for (const content of ['Clarke', 'Budget', 'JG 10 37 85 A', 'CW-2026-00123', 'portal', RESIDENT_NUMBER]) expect(res.text).not.toContain(content);
    expect((await harness.api('/api/held.csv', { token: null })).status).toBe(401);
  });

  it('lists the sent-before-review alert, acknowledges it once with a name, and keeps that across reads', async () => {
    const open = (await harness.api('/api/alerts')).json as AlertListView;
    expect(open.counts).toEqual({ open: 1, acknowledged: 0 });
    expect(open.items[0]).toMatchObject({ ref: harness.alert, channel: 'whatsapp', sender: SAMPLE.phoneNumberId, businessNumber: '441159819911', recipients: ['•••• 0123'], status: 'open' });
    expect(open.items[0]!.ruleIds.length).toBeGreaterThan(0);

    expect((await harness.api(`/api/alerts/${harness.alert}/acknowledge`, { json: { note: '' } })).status).toBe(400);
    const ack = await harness.api(`/api/alerts/${harness.alert}/acknowledge`, { json: { note: 'Councillor told; resident contacted.' } });
    expect(ack.status).toBe(200);
    expect((await harness.api(`/api/alerts/${harness.alert}/acknowledge`, { json: { note: 'again' } })).status).toBe(409);
    expect((await harness.api('/api/alerts/A-20000101-ZZZZZZ/acknowledge', { json: { note: 'x' } })).status).toBe(404);

    const after = (await harness.api('/api/alerts?status=all')).json as AlertListView;
    expect(after.counts).toEqual({ open: 0, acknowledged: 1 });
    expect(after.items[0]).toMatchObject({ status: 'acknowledged', acknowledgement: { by: 'administrator', note: 'Councillor told; resident contacted.' } });
    expect(((await harness.api('/api/alerts')).json as AlertListView).items).toEqual([]);
    // The notice IG was sent is not rewritten; the acknowledgement is a file of its own.
    const notice = await readFile(join(harness.dataDir, 'notifications', `${harness.alert}.json`), 'utf8');
    expect(notice).not.toContain('Councillor told');
    expect(notice).not.toContain(RESIDENT_NUMBER);
  });
});
