// Starts the local gateway on free ports with a fresh data folder, sends mail to it over a real
// socket with nodemailer, and reads what it left on disk.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { DecisionRecord } from '../../lib/audit/decision-record.ts';
import type { LocalConfig } from '../../lib/local/config.ts';
import { startGateway, type GatewayParts, type RunningGateway } from '../../lib/local/gateway.ts';
import { jsonLogger } from '../../lib/log.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { createEngine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import type { Envelope } from '../../lib/ports/envelope.ts';
import type { RuleSet } from '../../lib/rules/schema.ts';

export const SENDER = 'cllr.jporter@rushcliffe.gov.uk';
export const EXTERNAL = 'editor@example.org';

const dataDirs: string[] = [];

export async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-data-'));
  dataDirs.push(dir);
  return dir;
}

export async function removeDataDirs(): Promise<void> {
  await Promise.all(dataDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

let shipped: Promise<Engine> | undefined;

/** The shipped rules, optionally changed (a smaller size limit, audit mode). */
export async function engineWith(change: (ruleSet: RuleSet) => RuleSet = (r) => r): Promise<Engine> {
  shipped ??= loadEngine();
  return createEngine(change((await shipped).ruleSet));
}

export function localConfig(dataDir: string, extra: Partial<LocalConfig> = {}): LocalConfig {
  return { host: '127.0.0.1', smtpPort: 0, httpPort: 0, dataDir, reviewToken: 'test-review-token-0123456789', reviewTokenGenerated: false, ...extra };
}

export interface Harness {
  gateway: RunningGateway;
  logs: string[];
}

export async function start(dataDir: string, parts: GatewayParts = {}, extra: Partial<LocalConfig> = {}): Promise<Harness> {
  const logs: string[] = [];
  const gateway = await startGateway(localConfig(dataDir, extra), { engine: await engineWith(), log: jsonLogger((line) => logs.push(line)), ...parts });
  return { gateway, logs };
}

export interface Mail {
  from?: string;
  to?: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject?: string;
  text?: string;
  messageId?: string;
  attachments?: { filename: string; content: string | Buffer }[];
  raw?: string | Buffer;
  envelope?: Envelope;
}

/** Sends through the gateway's SMTP door; rejects with nodemailer's error (responseCode …). */
export async function send(port: number, mail: Mail): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    const { envelope, ...rest } = mail;
    await transport.sendMail({ from: SENDER, to: EXTERNAL, subject: 'Ward update', text: 'Hello.', ...rest, ...(envelope ? { envelope: { ...envelope } } : {}) });
  } finally {
    transport.close();
  }
}

export interface OutboxItem {
  name: string;
  raw: Buffer;
  envelope: Envelope;
}

export async function outbox(dataDir: string): Promise<OutboxItem[]> {
  const dir = join(dataDir, 'outbox');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
  const items = await Promise.all(
    names.map(async (n) => {
      const name = n.slice(0, -5);
      const { envelope, queuedAt } = JSON.parse(await readFile(join(dir, n), 'utf8')) as { envelope: Envelope; queuedAt: string };
      return { name, envelope, queuedAt, raw: await readFile(join(dir, `${name}.eml`)) };
    }),
  );
  // In the order they were queued (file names are the deliveries' own, not times).
  return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.name.localeCompare(b.name)).map(({ queuedAt: _queuedAt, ...item }) => item);
}

export async function decisions(dataDir: string): Promise<DecisionRecord[]> {
  const text = await readFile(join(dataDir, 'decisions.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as DecisionRecord);
}

export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).sort();
}

/** The body of a raw message: everything after the blank line that ends the headers. */
export function bodyOf(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return raw.subarray(end + (text.slice(end).startsWith('\r\n\r\n') ? 4 : 2));
}

export const NINO_TEXT = 'Her National Insurance number is JG 10 37 85 A, please update the claim.';
