// Sends mail onwards: the original bytes of a passed message, or a message the gateway writes
// itself (the explanatory bounce).
import type { Envelope } from './envelope.ts';

export interface ComposedMessage {
  /** Header From, e.g. "Mail gateway <postmaster@example.gov.uk>". */
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Envelope sender; '' (the null sender) for bounces, so they can never bounce back. */
  envelopeFrom: string;
  /** Message-ID of the message this one answers, to thread it under the original. */
  inReplyTo?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Delivers the bytes unchanged to the envelope recipients. */
  sendRaw(raw: Buffer, envelope: Envelope): Promise<void>;
  send(message: ComposedMessage): Promise<void>;
}
