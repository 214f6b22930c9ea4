// A local gateway with a queue worth searching: email held under different rules, from two
// councillors, to inside and outside recipients; a WhatsApp send held from a councillor's tooling;
// a decided item; and a "sent before review" alert raised by a signed webhook echo. Everything goes
// in through the gateway's real doors (SMTP, the send proxy, the webhook).
import { vi } from 'vitest';
import { whatsappTokenCommand } from '../../lib/cli/whatsapp-token-command.ts';
import { signBody } from '../../lib/whatsapp/signature.ts';
import { newDataDir } from '../local/gateway-harness.ts';
import { SAMPLE, webhookBody } from '../whatsapp/helpers.ts';
import { startReview, type ReviewHarness } from './review-harness.ts';

export const ADAMS = 'cllr.adams@rushcliffe.gov.uk';
export const PRESS = 'press.desk@news.example.net';
export const RESIDENT_NUMBER = SAMPLE.resident;

export interface QueueHarness extends ReviewHarness {
  /** Held references by what they are. */
  refs: { nino: string; marking: string; casework: string; whatsapp: string; rejected: string };
  alert: string;
}

const NINO_TEXT = 'Her National Insurance number is JG 10 37 85 A, please update the claim.';

async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

/** Call with the WhatsApp settings stubbed (stubWhatsAppEnv); vi.unstubAllEnvs() afterwards. */
export function stubWhatsAppEnv(): void {
  vi.stubEnv('WHATSAPP_APP_SECRET', SAMPLE.appSecret);
  vi.stubEnv('WHATSAPP_VERIFY_TOKEN', SAMPLE.verifyToken);
  vi.stubEnv('WHATSAPP_ACCESS_TOKEN', SAMPLE.accessToken);
  vi.stubEnv('WHATSAPP_PHONE_NUMBER_IDS', SAMPLE.phoneNumberId);
  // Holds never reach Graph; nothing listens here, so a stray call fails rather than leaves the machine.
  vi.stubEnv('GATEWAY_GRAPH_URL', 'http://127.0.0.1:9');
}

export async function startQueue(): Promise<QueueHarness> {
  const dataDir = await newDataDir();
  const issued: string[] = [];
  await whatsappTokenCommand(['issue', SAMPLE.toolingName], { print: (l) => issued.push(l), error: () => undefined }, { GATEWAY_DATA_DIR: dataDir });
  const harness = await startReview({}, {}, dataDir);

  const rejected = await harness.hold({ subject: 'Old claim', text: NINO_TEXT, to: 'editor@example.org' });
  const reject = await harness.api(`/api/held/${rejected}/reject`, { json: { reason: 'Use the portal.' } });
  if (reject.status !== 200) throw new Error(`reject failed with ${reject.status}`);
  const nino = await harness.hold({ subject: 'Claim for Mrs Clarke', text: NINO_TEXT, to: ['editor@example.org', 'housing.options@rushcliffe.gov.uk'] });
  const marking = await harness.hold({ from: ADAMS, subject: 'Budget papers', text: 'OFFICIAL-SENSITIVE\n\nThe draft budget is attached for comment.', to: PRESS });
  const casework = await harness.hold({ from: ADAMS, subject: 'Casework', text: 'Our ref CW-2026-00123: the resident has asked for an update.', to: 'case.team@housing.example' });

  const before = await heldSet(harness);
  const body = Buffer.from(JSON.stringify({ messaging_product: 'whatsapp', to: RESIDENT_NUMBER, type: 'text', text: { body: NINO_TEXT } }));
  const held = await post(`${harness.base}/whatsapp/v23.0/${SAMPLE.phoneNumberId}/messages`, body, { authorization: `Bearer ${issued[0]!}` });
  if (held.status !== 403) throw new Error(`the WhatsApp send was not held (${held.status})`);
  const whatsapp = [...(await heldSet(harness))].find((r) => !before.has(r))!;

  const echo = webhookBody('echo-hold');
  const delivered = await post(`${harness.base}/whatsapp/webhook`, echo, { 'x-hub-signature-256': signBody(echo, SAMPLE.appSecret) });
  if (delivered.status !== 200) throw new Error(`the webhook refused the echo (${delivered.status})`);
  const alerts = (await harness.api('/api/alerts')).json as { items: { ref: string }[] };
  return { ...harness, refs: { nino, marking, casework, whatsapp, rejected }, alert: alerts.items[0]!.ref };
}

async function heldSet(harness: ReviewHarness): Promise<Set<string>> {
  const list = (await harness.api('/api/held?status=all&limit=200')).json as { items: { reference: string }[] };
  return new Set(list.items.map((i) => i.reference));
}
