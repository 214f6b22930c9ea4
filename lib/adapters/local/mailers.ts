// The local Mailer adapters: an outbox folder (the default: nothing leaves the machine) or an SMTP
// relay. Both send composed messages by building their MIME bytes and sending those, so a bounce
// travels exactly the way passed mail does.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { composeMessage } from '../../mime/compose.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { ComposedMessage, Mailer } from '../../ports/mailer.ts';
import { ensureDirectory, writeFileDurably } from './durable-file.ts';

abstract class RawMailer implements Mailer {
  abstract sendRaw(raw: Buffer, envelope: Envelope): Promise<void>;

  async send(message: ComposedMessage): Promise<void> {
    await this.sendRaw(await composeMessage(message), { from: message.envelopeFrom, to: message.to });
  }
}

/**
 * Writes each message as `<time>-<random>.eml` (the bytes exactly as they would be sent) and then
 * `<same>.json` with its envelope — the envelope carries the Bcc recipients the bytes do not show.
 * A pickup process reads the .json files: each marks a complete message.
 */
export class OutboxMailer extends RawMailer {
  private constructor(private readonly dir: string) {
    super();
  }

  static async open(dir: string): Promise<OutboxMailer> {
    await ensureDirectory(dir);
    return new OutboxMailer(dir);
  }

  async sendRaw(raw: Buffer, envelope: Envelope): Promise<void> {
    const queuedAt = new Date().toISOString();
    const name = `${queuedAt.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
    await writeFileDurably(join(this.dir, `${name}.eml`), raw);
    await writeFileDurably(join(this.dir, `${name}.json`), `${JSON.stringify({ envelope, queuedAt })}\n`);
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
