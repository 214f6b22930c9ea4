// The explanatory bounce for a held message. When the message came in through SES receiving less
// than a day ago, SES v1 SendBounce returns a real non-delivery report (ContentRejected, with the
// explanation) to the sender, threaded by their mail client like any bounce. Otherwise — the
// Mail Manager door, or a retry a day late — the explanation goes as an ordinary email through
// the wrapped mailer. Passed mail is not touched.
import { SendBounceCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Logger } from '../../log.ts';
import { errorFields } from '../../log.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { ComposedMessage, Mailer } from '../../ports/mailer.ts';
import { always, type Once } from './once.ts';

/** SES accepts bounces up to 24 hours after receipt; an hour's margin covers clocks and retries. */
export const BOUNCE_WINDOW_MS = 23 * 60 * 60 * 1000;

/** The SES receiving facts a bounce needs: from the receipt event. */
export interface SesOrigin {
  messageId: string;
  receivedAt: Date;
  recipients: readonly string[];
}

export interface SesBounceOptions {
  client: SESClient;
  /** Carries passed mail, and the explanatory email where no bounce is possible. */
  mailer: Mailer;
  /** Verified address the bounce comes from. */
  bounceSender: string;
  origin?: SesOrigin;
  log: Logger;
  now?: () => Date;
  once?: Once;
}

const isThrottling = (error: unknown): boolean => /throttl/i.test((error as Error)?.name ?? '');
const isClientFault = (error: unknown): boolean => (error as { $fault?: string })?.$fault === 'client';

export class SesBounceMailer implements Mailer {
  constructor(private readonly options: SesBounceOptions) {}

  sendRaw(raw: Buffer, envelope: Envelope): Promise<void> {
    return this.options.mailer.sendRaw(raw, envelope);
  }

  private canBounce(message: ComposedMessage): SesOrigin | undefined {
    const { origin } = this.options;
    // The null envelope sender is what marks a message as a bounce (see holdEmail).
    if (!origin || message.envelopeFrom !== '' || origin.recipients.length === 0) return undefined;
    const now = this.options.now?.() ?? new Date();
    return now.getTime() - origin.receivedAt.getTime() < BOUNCE_WINDOW_MS ? origin : undefined;
  }

  async send(message: ComposedMessage): Promise<void> {
    const origin = this.canBounce(message);
    if (!origin) return this.options.mailer.send(message);
    const once = this.options.once ?? always;
    try {
      await once('bounce', () =>
        this.options.client.send(
          new SendBounceCommand({
            OriginalMessageId: origin.messageId,
            BounceSender: this.options.bounceSender,
            Explanation: message.text,
            BouncedRecipientInfoList: origin.recipients.map((recipient) => ({ Recipient: recipient, BounceType: 'ContentRejected' })),
          }),
        ),
      );
    } catch (error) {
      // SES refusing this bounce (message too old, unknown id) will refuse it on every retry:
      // explain by email instead. Throttling and service faults are retried as usual.
      if (!isClientFault(error) || isThrottling(error)) throw error;
      this.options.log.warn('SES refused the bounce; sending the explanation as an email', errorFields(error));
      await this.options.mailer.send(message);
    }
  }
}
