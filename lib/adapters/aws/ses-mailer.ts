// Mailer on SES API v2. A passed message goes out as SendEmail raw content, its bytes unchanged but
// for the headers SES refuses (ses-headers.ts), to the original envelope recipients — Bcc
// included, which the headers do not show — at most 50 per call (SES's limit per message).
// A message the gateway writes itself is composed to MIME and sent from the gateway's address.
// SES refusing a passed message for good (MessageRejected, an unverified From domain, sending
// paused) becomes a DeliveryRefusedError, which the act step turns into a hold for IG; throttling
// and service faults are thrown as they are, for Lambda to retry.
import { createHash } from 'node:crypto';
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DeliveryRefusedError } from '../../actions/delivery-refused.ts';
import { composeMessage } from '../../mime/compose.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { ComposedMessage, Mailer } from '../../ports/mailer.ts';
import { always, type Once } from './once.ts';
import { prepareForSes } from './ses-headers.ts';

export const MAX_RECIPIENTS_PER_SEND = 50;

export interface SesMailerOptions {
  client: SESv2Client;
  /** Verified address the gateway's own messages are sent from. */
  fromAddress: string;
  once?: Once;
}

/** Each address once (compared case-insensitively), in the order given, in groups of `size`. */
export function recipientBatches(recipients: readonly string[], size = MAX_RECIPIENTS_PER_SEND): string[][] {
  const seen = new Set<string>();
  const unique = recipients.filter((r) => {
    const k = r.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += size) batches.push(unique.slice(i, i + size));
  return batches;
}

/** SES errors that are the caller's, yet say "not now" rather than "never": retried. */
const TRANSIENT = new Set(['TooManyRequestsException', 'LimitExceededException', 'ThrottlingException', 'Throttling']);

/** A refusal that no retry will change: a client fault other than throttling or a quota. */
export function isRefusal(error: unknown): boolean {
  const e = error as { $fault?: string; name?: string };
  return e?.$fault === 'client' && !TRANSIENT.has(e.name ?? '') && !/throttl/i.test(e.name ?? '');
}

export class SesMailer implements Mailer {
  private readonly once: Once;

  constructor(private readonly options: SesMailerOptions) {
    this.once = options.once ?? always;
  }

  async sendRaw(raw: Buffer, envelope: Envelope): Promise<void> {
    const batches = recipientBatches(envelope.to);
    if (batches.length === 0) throw new Error('a message to deliver has no envelope recipients');
    const data = prepareForSes(raw);
    for (const [i, batch] of batches.entries()) {
      try {
        await this.once(`deliver:${i}`, () =>
          this.options.client.send(new SendEmailCommand({ Destination: { ToAddresses: batch }, Content: { Raw: { Data: data } } })),
        );
      } catch (error) {
        if (isRefusal(error)) throw new DeliveryRefusedError((error as Error).name || 'unknown', { cause: error });
        throw error;
      }
    }
  }

  async send(message: ComposedMessage): Promise<void> {
    // The step is named by a hash: the recipients and subject are personal data.
    const step = `mail:${createHash('sha256').update(`${message.to.join(',')}\n${message.subject}`).digest('hex').slice(0, 16)}`;
    const data = await composeMessage(message);
    await this.once(step, () =>
      this.options.client.send(
        new SendEmailCommand({ FromEmailAddress: this.options.fromAddress, Destination: { ToAddresses: message.to }, Content: { Raw: { Data: data } } }),
      ),
    );
  }
}
