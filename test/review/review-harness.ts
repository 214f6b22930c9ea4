// The local gateway with held mail in it, and a client for its review API over real HTTP.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTERNAL, newDataDir, send, start, type Harness, type Mail } from '../local/gateway-harness.ts';
import type { HeldListView } from '../../lib/review/views.ts';
import type { GatewayParts } from '../../lib/local/gateway.ts';
import type { LocalConfig } from '../../lib/local/config.ts';

export const TOKEN = 'test-review-token-0123456789';

export interface ReviewHarness extends Harness {
  dataDir: string;
  base: string;
  api(path: string, options?: { method?: string; json?: unknown; body?: string; token?: string | null }): Promise<{ status: number; text: string; json: unknown; headers: Headers }>;
  /** Sends mail through the SMTP door and returns the reference it was held under. */
  hold(mail: Mail): Promise<string>;
}

export async function startReview(parts: GatewayParts = {}, extra: Partial<LocalConfig> = {}, existingDataDir?: string): Promise<ReviewHarness> {
  const dataDir = existingDataDir ?? (await newDataDir());
  const harness = await start(dataDir, parts, extra);
  const base = `http://127.0.0.1:${harness.gateway.httpPort}`;
  const api: ReviewHarness['api'] = async (path, options = {}) => {
    const token = options.token === undefined ? TOKEN : options.token;
    const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  };
  const hold = async (mail: Mail): Promise<string> => {
    const before = new Set(await heldReferences(dataDir));
    await send(harness.gateway.smtpPort, mail);
    const added = (await heldReferences(dataDir)).filter((r) => !before.has(r));
    if (added.length !== 1) throw new Error(`expected one new held message, found ${added.length}`);
    return added[0]!;
  };
  return { ...harness, dataDir, base, api, hold };
}

export async function heldReferences(dataDir: string): Promise<string[]> {
  const names = await readdir(join(dataDir, 'held')).catch(() => [] as string[]);
  return names.filter((n) => /^H-.*\.json$/.test(n)).map((n) => n.slice(0, -5));
}

export async function heldRaw(dataDir: string, reference: string): Promise<Buffer> {
  return readFile(join(dataDir, 'held', `${reference}.eml`));
}

export async function queue(harness: ReviewHarness, query = ''): Promise<HeldListView> {
  const res = await harness.api(`/api/held${query}`);
  if (res.status !== 200) throw new Error(`list failed with ${res.status}`);
  return res.json as HeldListView;
}

export { EXTERNAL };
