// The review service alone, over in-memory items: what the local and AWS stores share.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../lib/local/router.ts';
import { silentLogger } from '../../lib/log.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import type { HeldRecord } from '../../lib/ports/held-items.ts';
import type { HeldWhatsApp, WhatsAppSender } from '../../lib/ports/whatsapp-sender.ts';
import { ReviewService } from '../../lib/review/service.ts';
import { MemoryMailer } from '../helpers/memory-ports.ts';
import { engineWith } from '../local/gateway-harness.ts';
import { MemoryHeldItems } from './memory-held-items.ts';

const NINO = 'JG 10 37 85 A';
const SENDER = 'cllr.jporter@rushcliffe.gov.uk';
const NOW = new Date('2026-11-24T10:00:00.000Z');
const OFFICER = { id: 'ig.officer@rushcliffe.gov.uk' };

const RAW = Buffer.from(
  [
    'From: Cllr Porter <cllr.jporter@rushcliffe.gov.uk>',
    'To: editor@example.org',
    'Cc: Ward Team <ward.team@example.net>',
    'Subject: [override: resident asked] Claim update',
    'Message-ID: <claim-1@rushcliffe.gov.uk>',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Her National Insurance number is ${NINO}, please update the claim.`,
    '',
  ].join('\r\n'),
);

const WHATSAPP_BODY = Buffer.from(JSON.stringify({ messaging_product: 'whatsapp', to: '447700900123', type: 'text', text: { body: `NI number ${NINO}` } }));

function record(extra: Partial<HeldRecord> = {}): HeldRecord {
  return {
    ref: 'H-20261124-7KQ3PZ',
    status: 'held',
    channel: 'email',
    heldAt: '2026-11-24T09:00:00.000Z',
    sender: SENDER,
    recipientDomains: ['example.net', 'example.org'],
    subject: '[override: resident asked] Claim update',
    ruleIds: ['strong-identifier'],
    contentKey: 'held/H-20261124-7KQ3PZ.eml',
    expiresAt: '2026-12-24T09:00:00.000Z',
    ...extra,
  };
}

class FakeWhatsApp implements WhatsAppSender {
  readonly sent: HeldWhatsApp[] = [];
  async sendHeld(message: HeldWhatsApp): Promise<void> {
    this.sent.push(message);
  }
}

describe('ReviewService', () => {
  let engine: Engine;
  let items: MemoryHeldItems;
  let mailer: MemoryMailer;
  let whatsapp: FakeWhatsApp;
  let now: Date;

  beforeAll(async () => {
    engine = await engineWith();
  });

  beforeEach(() => {
    items = new MemoryHeldItems();
    mailer = new MemoryMailer();
    whatsapp = new FakeWhatsApp();
    now = NOW;
  });

  const service = (withWhatsApp = true): ReviewService =>
    new ReviewService({
      items,
      content: items,
      mailer,
      ...(withWhatsApp ? { whatsapp } : {}),
      engine,
      noticeFrom: 'Mail gateway <postmaster@rushcliffe.gov.uk>',
      log: silentLogger,
      now: () => now,
    });

  const status = async (work: Promise<unknown>): Promise<number> => {
    try {
      await work;
      return 200;
    } catch (error) {
      if (error instanceof HttpError) return error.status;
      throw error;
    }
  };

  it('scans the content again when the hold stored only rule ids', async () => {
    items.add(record(), RAW);
    const detail = await service().detail('H-20261124-7KQ3PZ');
    expect(detail.findingsRescanned).toBe(true);
    expect(detail.findings).toEqual([expect.objectContaining({ type: 'uk-nino', masked: 'JG •• •• •• A', location: 'the message body' })]);
    // The override tag lifts the hold on a fresh scan, so the reason comes from the rule id.
    expect(detail.reasons[0]).toMatchObject({ rule: 'strong-identifier', explanation: expect.stringContaining('impersonate') });
    expect(JSON.stringify(detail)).not.toContain(NINO);
  });

  it('releases to the header recipients when the envelope was not stored, without the override tag', async () => {
    items.add(record(), RAW);
    const result = await service().release('H-20261124-7KQ3PZ', 'Checked with the resident.', OFFICER);
    expect(result).toMatchObject({ item: { status: 'released', review: { by: OFFICER.id, at: NOW.toISOString(), note: 'Checked with the resident.' } }, councillorTold: true });
    expect(mailer.raw).toHaveLength(1);
    const sent = mailer.raw[0]!;
    expect(sent.envelope).toEqual({ from: SENDER, to: ['editor@example.org', 'ward.team@example.net'] });
    expect(sent.raw.toString()).toContain('Subject: Claim update\r\n');
    expect(sent.raw.toString()).toContain(`number is ${NINO}`);
    expect(mailer.composed[0]).toMatchObject({ to: [SENDER], subject: 'Message released: [override: resident asked] Claim update' });
  });

  it('releases to the stored envelope recipients, Bcc included', async () => {
    items.add(record({ recipients: ['editor@example.org', 'hidden@example.com'] }), RAW);
    await service().release('H-20261124-7KQ3PZ', 'ok', OFFICER);
    expect(mailer.raw[0]!.envelope.to).toEqual(['editor@example.org', 'hidden@example.com']);
  });

  it('keeps the record but not the content after the retention period', async () => {
    items.add(record({ findings: [{ type: 'uk-nino', category: 'personal', partId: 'body', start: 33, end: 46, score: 1 }] }), RAW);
    now = new Date('2026-12-25T00:00:00.000Z');
    const detail = await service().detail('H-20261124-7KQ3PZ');
    expect(detail.content).toBe('expired');
    expect(detail.message).toBeUndefined();
    expect(detail.findings).toEqual([expect.objectContaining({ type: 'uk-nino', masked: '', location: 'the message' })]);
    expect(await status(service().release('H-20261124-7KQ3PZ', 'ok', OFFICER))).toBe(410);
    expect(await status(service().unmask('H-20261124-7KQ3PZ', 0, OFFICER))).toBe(410);
    expect(await status(service().reject('H-20261124-7KQ3PZ', 'Too late; resend it securely.', OFFICER))).toBe(200);
    expect(mailer.raw).toHaveLength(0);
  });

  it('answers 409 when another officer decided first', async () => {
    items.add(record(), RAW);
    items.loseNextRace = true;
    expect(await status(service().release('H-20261124-7KQ3PZ', 'ok', OFFICER))).toBe(409);
    expect(mailer.raw).toHaveLength(0);
  });

  it('still records a rejection when the councillor cannot be told, and says so', async () => {
    items.add(record(), RAW);
    mailer.failures = 1;
    const result = await service().reject('H-20261124-7KQ3PZ', 'Use the portal.', OFFICER);
    expect(result.councillorTold).toBe(false);
    expect((await items.get('H-20261124-7KQ3PZ'))?.status).toBe('rejected');
  });

  describe('WhatsApp', () => {
    const whatsappRecord = record({ channel: 'whatsapp', sender: '106540352242922', subject: undefined, recipientDomains: [], contentKey: 'held/w.json' });

    it('shows the send body as text with values masked', async () => {
      items.add(whatsappRecord, WHATSAPP_BODY);
      const detail = await service().detail(whatsappRecord.ref);
      expect(detail.message?.parts[0]).toMatchObject({ label: 'the message text', pieces: [{ text: 'NI number ' }, { finding: 0, masked: 'JG •• •• •• A' }] });
    });

    it('releases the stored body through the WhatsApp sender; there is no email address to tell', async () => {
      items.add(whatsappRecord, WHATSAPP_BODY);
      const result = await service().release(whatsappRecord.ref, 'ok', OFFICER);
      expect(whatsapp.sent).toEqual([{ reference: whatsappRecord.ref, raw: WHATSAPP_BODY, sender: '106540352242922' }]);
      expect(result.councillorTold).toBe(false);
      expect(mailer.raw).toHaveLength(0);
      expect(mailer.composed).toHaveLength(0);
    });

    it('refuses to release without a WhatsApp sender (503) and leaves it held', async () => {
      items.add(whatsappRecord, WHATSAPP_BODY);
      expect(await status(service(false).release(whatsappRecord.ref, 'ok', OFFICER))).toBe(503);
      expect((await items.get(whatsappRecord.ref))?.status).toBe('held');
    });
  });
});
