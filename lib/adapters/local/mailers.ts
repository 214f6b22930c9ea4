// The local Mailer adapters: an outbox folder (the default: nothing leaves the machine) or an SMTP
// relay. Both send composed messages by building their MIME bytes and sending those, so a bounce
// travels exactly the way passed mail does.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { composeMessage } from '../../mime/compose.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { ComposedMessage, Mailer } from '../../ports/mailer.ts';
import { ensureDirectory, writeFileDurably } from './durable-file.ts';
import type { Once } from './step-journal.ts';

/** A Mailer that can be told a stable name for what it sends (the outbox names its files by it). */
export interface LocalMailer {
  sendRaw(raw: Buffer, envelope: Envelope, name?: string): Promise<void>;
  send(message: ComposedMessage, name?: string): Promise<void>;
}

abstract class RawMailer implements Mailer, LocalMailer {
  abstract sendRaw(raw: Buffer, envelope: Envelope, name?: string): Promise<void>;

  async send(message: ComposedMessage, name?: string): Promise<void> {
    await this.sendRaw(await composeMessage(message), { from: message.envelopeFrom, to: message.to }, name);
  }
}

const NAME = /^[0-9a-z-]{1,100}$/;

/**
 * Writes each message as `<name>.eml` (the bytes exactly as they would be sent) and then
 * `<name>.json` with its envelope and the time it was queued — the envelope carries the Bcc
 * recipients the bytes do not show. A pickup process reads the .json files: each marks a complete
 * message. The name is the delivery's own (see deliveryMailer), else the time and a random part.
 */
export class OutboxMailer extends RawMailer {
  private constructor(private readonly dir: string) {
    super();
  }

  static async open(dir: string): Promise<OutboxMailer> {
    await ensureDirectory(dir);
    return new OutboxMailer(dir);
  }

  async sendRaw(raw: Buffer, envelope: Envelope, name?: string): Promise<void> {
    const queuedAt = new Date().toISOString();
    const file = name !== undefined && NAME.test(name) ? name : `${queuedAt.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
    await writeFileDurably(join(this.dir, `${file}.eml`), raw);
    await writeFileDurably(join(this.dir, `${file}.json`), `${JSON.stringify({ envelope, queuedAt })}\n`);
  }
}

/** Relays through an SMTP server given as a URL (smtp://host:587, smtps://user:pass@host:465). */
export class RelayMailer extends RawMailer {
  private readonly transport: Transporter;

  constructor(relay: URL) {
    super();
    this.transport = nodemailer.createTransport(relay.href);
  }

  async sendRaw(raw: Buffer, envelope: Envelope): Promise<void> {
    // With `raw`, nodemailer sends the bytes untouched; the envelope is given explicitly so Bcc
    // recipients (absent from the headers) are delivered and the sender is the original one.
    await this.transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * The mailer for one delivery (delivery key `key`): each send is done at most once across crashes
 * (`once`, the step journal), and is named after the delivery and the step, so the outbox file of
 * a send repeated after a crash in the instant before its step was noted replaces itself instead
 * of adding a duplicate. A relay cannot take a send back: only the send in flight at a crash can
 * go twice.
 */
export function deliveryMailer(mailer: LocalMailer, once: Once, key: string): Mailer {
  return {
    sendRaw: (raw, envelope) => once('deliver', () => mailer.sendRaw(raw, envelope, `${key}-deliver`)),
    send: (message) => {
      // Named by a hash: the recipients and subject are personal data, and step names are stored.
      const step = `mail-${createHash('sha256').update(`${message.to.join(',')}\n${message.subject}`).digest('hex').slice(0, 16)}`;
      return once(step, () => mailer.send(message, `${key}-${step}`));
    },
  };
}
