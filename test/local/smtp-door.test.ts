// End to end over real sockets: nodemailer → the SMTP door → the pipeline → the data folder.
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterEach, describe, expect, it } from 'vitest';
import { FsMessageStore } from '../../lib/adapters/local/fs-message-store.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import type { IntakeItem } from '../../lib/ports/message-store.ts';
import {
  bodyOf,
  decisions,
  engineWith,
  EXTERNAL,
  filesIn,
  newDataDir,
  NINO_TEXT,
  outbox,
  removeDataDirs,
  send,
  SENDER,
  start,
  type Harness,
} from './gateway-harness.ts';

const running: Harness[] = [];

async function gateway(...args: Parameters<typeof start>): Promise<Harness> {
  const harness = await start(...args);
  running.push(harness);
  return harness;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

/** A message as it travels over SMTP: MailComposer may leave bare LFs, which SMTP clients send as CRLF. */
async function compose(mail: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  const built = await new MailComposer({ from: SENDER, to: EXTERNAL, subject: 'Ward update', ...mail }).compile().build();
  return Buffer.from(built.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

describe('SMTP door: pass', () => {
  it('delivers benign mail to the outbox byte for byte, to the envelope recipients', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    const raw = await compose({ text: 'The surgery is on Saturday at the library.\nSee you there.', attachments: [{ filename: 'agenda.txt', content: 'Item 1: minutes' }] });
    await send(gw.smtpPort, { raw, envelope: { from: SENDER, to: [EXTERNAL, 'bcc.reader@example.net'] } });

    const items = await outbox(dir);
    expect(items).toHaveLength(1);
    expect(items[0]!.raw.equals(raw)).toBe(true);
    expect(bodyOf(items[0]!.raw).equals(bodyOf(raw))).toBe(true);
    expect(items[0]!.envelope).toEqual({ from: SENDER, to: [EXTERNAL, 'bcc.reader@example.net'] });
    expect((await decisions(dir)).map((d) => [d.decision, d.delivered, d.recipientDomains])).toEqual([['pass', true, ['example.net', 'example.org']]]);
    expect(await filesIn(join(dir, 'intake'))).toEqual([]);
  });

  it('delivers personal data addressed only inside the council', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    await send(gw.smtpPort, { to: 'officer@rushcliffe.gov.uk', text: NINO_TEXT });
    expect((await outbox(dir)).map((i) => i.envelope.to)).toEqual([['officer@rushcliffe.gov.uk']]);
    expect(await filesIn(join(dir, 'held'))).toEqual(['keys']);
  });

  it('removes an allowed override tag from the subject and keeps the body as sent', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    const raw = await compose({ subject: '[override: the resident asked me to] Claim for Mrs Clarke', text: NINO_TEXT });
    await send(gw.smtpPort, { raw, envelope: { from: SENDER, to: [EXTERNAL] } });
    const [item] = await outbox(dir);
    expect(item!.envelope.to).toEqual([EXTERNAL]);
    expect(item!.raw.toString()).toMatch(/\r\nSubject: Claim for Mrs Clarke\r\n/);
    expect(bodyOf(item!.raw).equals(bodyOf(raw))).toBe(true);
    expect((await decisions(dir))[0]).toMatchObject({ decision: 'pass', override: { applied: true, reason: 'the resident asked me to' } });
  });
});

describe('SMTP door: hold', () => {
  it('holds a National Insurance number to an external address and explains it to the sender', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    await send(gw.smtpPort, { subject: 'Claim', text: NINO_TEXT, attachments: [{ filename: 'residents.csv', content: 'name,ni\nEdith Clarke,AB 12 34 56 C\n' }] });

    const [record] = await decisions(dir);
    expect(record).toMatchObject({ decision: 'hold', delivered: false, rules: ['strong-identifier'] });
    const reference = record!.holdReference!;
    expect(reference).toMatch(/^H-\d{8}-[A-Z0-9]{6}$/);

    // Nothing went to the recipient; the bounce went to the sender, from the null sender.
    const items = await outbox(dir);
    expect(items.map((i) => i.envelope)).toEqual([{ from: '', to: [SENDER] }]);
    const bounce = items[0]!.raw.toString();
    expect(bounce).toMatch(/\r\nTo: cllr\.jporter@rushcliffe\.gov\.uk\r\n/);
    expect(bounce).toContain('Subject: Message held: Claim');
    expect(bounce).toContain(`X-Gateway-Hold-Reference: ${reference}`);
    expect(bounce).toContain('Content-Type: text/html');

    const store = await FsMessageStore.open(dir);
    const held = await store.getHeld(reference);
    expect(held?.meta).toMatchObject({ reference, status: 'held', subject: 'Claim', envelope: { from: SENDER, to: [EXTERNAL] } });
    expect(held?.raw.toString()).toContain('JG 10 37 85 A');
    expect(await filesIn(join(dir, 'notifications'))).toEqual([`${reference}.json`]);
  });

  it('counts a Bcc recipient outside the council', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    await send(gw.smtpPort, { to: 'officer@rushcliffe.gov.uk', bcc: 'friend@example.org', text: NINO_TEXT });
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['hold']);
  });

  it('holds mail it cannot check and notifies information governance', async () => {
    const dir = await newDataDir();
    const working = await engineWith();
    const detector = Object.assign(Object.create(working.detector) as typeof working.detector, {
      detect: () => {
        throw new RangeError('detector failed');
      },
    });
    const engine = { ...working, detector };
    // Scanned on this thread: the scanning threads build their detector from the rule set alone.
    const { gateway: gw } = await gateway(dir, { engine, scan: scanEmail });
    await send(gw.smtpPort, { text: 'Nothing personal here.' });
    const [record] = await decisions(dir);
    expect(record).toMatchObject({ decision: 'hold', rules: ['processing-error'] });
    const notice = JSON.parse(await readFile(join(dir, 'notifications', `${record!.holdReference}.json`), 'utf8')) as { kind: string };
    expect(notice.kind).toBe('processing-error');
  });

  it('delivers a hold in audit mode and records it as an audit hold', async () => {
    const dir = await newDataDir();
    const engine = await engineWith((r) => ({ ...r, policy: { ...r.policy, mode: 'audit' } }));
    const { gateway: gw } = await gateway(dir, { engine });
    await send(gw.smtpPort, { text: NINO_TEXT });
    expect((await outbox(dir)).map((i) => i.envelope.to)).toEqual([[EXTERNAL]]);
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['audit-hold']);
    expect(await filesIn(join(dir, 'notifications'))).toEqual([]);
  });
});

describe('SMTP door: one decision per message, known by its content', () => {
  const RAW = (id: string, body: string): string =>
    [`From: ${SENDER}`, `To: ${EXTERNAL}`, 'Subject: Claim', `Message-ID: <${id}@rushcliffe.gov.uk>`, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
  const envelope = { from: SENDER, to: [EXTERNAL] };

  it('decides a new message that reuses an earlier Message-ID, and the same bytes again only once', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    await send(gw.smtpPort, { raw: RAW('reused', 'Nothing personal here.'), envelope });
    // Some clients (and anyone forging) reuse a Message-ID: the content is new, so is the message.
    await send(gw.smtpPort, { raw: RAW('reused', NINO_TEXT), envelope });
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['pass', 'hold']);
    expect((await outbox(dir)).map((i) => i.envelope)).toEqual([envelope, { from: '', to: [SENDER] }]);
    expect((await (await FsMessageStore.open(dir)).listHeld()).map((h) => h.messageId)).toEqual(['<reused@rushcliffe.gov.uk>']);

    // The sending server retries both (it never saw our 250s): accepted, neither decided again.
    await send(gw.smtpPort, { raw: RAW('reused', 'Nothing personal here.'), envelope });
    await send(gw.smtpPort, { raw: RAW('reused', NINO_TEXT), envelope });
    expect(await decisions(dir)).toHaveLength(2);
    expect(await outbox(dir)).toHaveLength(2);
  });
});

describe('SMTP door: header From', () => {
  const RAW = (from: string): string => [from, `To: ${EXTERNAL}`, 'Subject: Your refund', 'Content-Type: text/plain', '', 'Click here.', ''].join('\r\n');

  it.each([
    ['a From outside the sender domains', `From: HMRC Refunds <refunds@hmrc.gov.uk>`, SENDER],
    ['a From in another sender domain than the envelope sender', 'From: Press Office <press@example.gov.uk>', SENDER],
    ['a From naming two mailboxes', `From: ${SENDER}, refunds@hmrc.gov.uk`, SENDER],
    ['two From fields', `From: ${SENDER}\r\nFrom: refunds@hmrc.gov.uk`, SENDER],
    ['no From at all', 'X-Note: none', SENDER],
    ['an encoded From outside the sender domains', 'From: =?UTF-8?B?SE1SQw==?= <refunds@hmrc.gov.uk>', SENDER],
  ])('refuses %s with 553, naming the rule and no address', async (_name, fromLine, sender) => {
    const dir = await newDataDir();
    const { gateway: gw, logs } = await gateway(dir, {}, { senderDomains: ['rushcliffe.gov.uk', 'example.gov.uk'] });
    const error = await send(gw.smtpPort, { raw: RAW(fromLine), envelope: { from: sender, to: [EXTERNAL] } }).then(
      () => undefined,
      (e: unknown) => e as { responseCode: number; response: string },
    );
    expect(error?.responseCode).toBe(553);
    expect(error?.response).toMatch(/header From/);
    expect(error?.response).not.toMatch(/hmrc|rushcliffe|press@/i);
    expect(logs.join('\n')).not.toMatch(/hmrc|jporter|press@/i);
    expect(await decisions(dir)).toEqual([]);
    expect(await outbox(dir)).toEqual([]);
    expect(await filesIn(join(dir, 'intake'))).toEqual([]);
  });

  it.each([
    ['the envelope sender', `From: Cllr Jane Porter <${SENDER}>`],
    ['a colleague in the same domain (a delegate sending for a councillor)', 'From: Ward Office <ward.office@rushcliffe.gov.uk>'],
    ['an encoded display name', `From: =?UTF-8?Q?Cllr_Jane_P=C3=B6rter?= <${SENDER.toUpperCase()}>`],
  ])('accepts a From of %s', async (_name, fromLine) => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    await send(gw.smtpPort, { raw: RAW(fromLine), envelope: { from: SENDER, to: [EXTERNAL] } });
    expect((await decisions(dir)).map((d) => d.decision)).toEqual(['pass']);
  });
});

describe('SMTP door: refusals', () => {
  it.each([
    ['a sender outside the council', { from: 'someone@example.org' }, 553],
    ['the null sender', { envelope: { from: '', to: [EXTERNAL] } }, 553],
  ])('refuses %s', async (_name, mail, code) => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    await expect(send(gw.smtpPort, mail)).rejects.toMatchObject({ responseCode: code });
    expect(await decisions(dir)).toEqual([]);
  });

  it('accepts senders from GATEWAY_SENDER_DOMAINS instead of the internal domains', async () => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir, {}, { senderDomains: ['example.org'] });
    await send(gw.smtpPort, { from: 'someone@example.org' });
    await expect(send(gw.smtpPort, {})).rejects.toMatchObject({ responseCode: 553 });
  });

  it.each([
    ['announced with SIZE', true],
    ['only noticed while reading DATA', false],
  ])('answers 552 to a message over the size limit (%s)', async (_name, announce) => {
    const dir = await newDataDir();
    const engine = await engineWith((r) => ({ ...r, limits: { ...r.limits, maxMessageBytes: 4000 } }));
    const { gateway: gw } = await gateway(dir, { engine });
    const big = `Subject: big\r\n\r\n${'All quiet in the ward this week.\r\n'.repeat(400)}`;
    // A raw string has a known size, which nodemailer announces; a stream's size is unknown.
    const raw = announce ? big : (await import('node:stream')).Readable.from([Buffer.from(big)]);
    await expect(send(gw.smtpPort, { raw: raw as string, envelope: { from: SENDER, to: [EXTERNAL] } })).rejects.toMatchObject({ responseCode: 552 });
    expect(await filesIn(join(dir, 'intake'))).toEqual([]);
    expect(await outbox(dir)).toEqual([]);
  });

  it('answers 451 when the message cannot be stored, so the sender retries', async () => {
    const dir = await newDataDir();
    const real = await FsMessageStore.open(dir);
    const failing = Object.assign(Object.create(real) as FsMessageStore, {
      putIntake: (_item: IntakeItem): Promise<void> => Promise.reject(new Error('EIO')),
    });
    const { gateway: gw, logs } = await gateway(dir, { store: failing });
    await expect(send(gw.smtpPort, { text: NINO_TEXT })).rejects.toMatchObject({ responseCode: 451 });
    expect(await outbox(dir)).toEqual([]);
    expect(await decisions(dir)).toEqual([]);
    expect(logs.some((l) => l.includes('"level":"ERROR"'))).toBe(true);
  });

  it.each([
    ['an unknown command', ['FOO'], /^500 /],
    ['RCPT before MAIL', ['RCPT TO:<a@example.org>'], /^503 /],
    ['DATA before RCPT', [`MAIL FROM:<${SENDER}>`, 'DATA'], /^503 /],
    ['a malformed MAIL command', ['MAIL FROM:nonsense'], /^501 /],
    ['an unsupported AUTH', ['AUTH PLAIN AGFhAGI='], /^5\d\d /],
  ])('answers %s with the usual SMTP error', async (_name, commands, expected) => {
    const dir = await newDataDir();
    const { gateway: gw } = await gateway(dir);
    const replies = await dialogue(gw.smtpPort, ['EHLO test.example', ...commands]);
    expect(replies.at(-1)).toMatch(expected);
  });
});

/** Sends commands one by one, returning the last line of each reply (greeting first). */
function dialogue(port: number, commands: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const replies: string[] = [];
    let buffer = '';
    let next = 0;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (line[3] === '-') continue; // a continued multi-line reply
        replies.push(line);
        if (next < commands.length) socket.write(`${commands[next++]}\r\n`);
        else {
          socket.end('QUIT\r\n');
          resolve(replies);
        }
      }
    });
  });
}
