// The local SMTP door: accepts mail from the council's own domains and hands each message, with
// its envelope, to the pipeline. The reply tells the sending server what to do next: 250 only once
// the message is safely stored and dealt with, 451 (try again later) on any internal failure, 552
// when the message is larger than the rule set allows.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { errorFields, type Logger } from '../log.ts';
import { isInternalAddress } from '../policy/recipients.ts';
import type { Envelope } from '../ports/envelope.ts';

export interface SmtpDoorOptions {
  host: string;
  port: number;
  /** Envelope senders must be in one of these domains (or a subdomain). */
  senderDomains: readonly string[];
  maxMessageBytes: number;
  log: Logger;
  /** Resolves once the message is stored and dealt with; a rejection becomes a 451. */
  onMessage(raw: Buffer, envelope: Envelope): Promise<unknown>;
}

export interface SmtpDoor {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply for smtp-server: the code, then the text (with its enhanced status code). */
function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

function envelopeOf(session: SMTPServerSession): Envelope {
  const from = session.envelope.mailFrom;
  return { from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address) };
}

/** Reads the DATA stream, keeping nothing past the size limit (the rest is drained and discarded). */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded ? undefined : Buffer.concat(chunks)));
  });
}

export function startSmtpDoor(options: SmtpDoorOptions): Promise<SmtpDoor> {
  const { log } = options;
  const server = new SMTPServer({
    banner: 'councillor message gateway',
    size: options.maxMessageBytes,
    rejectOversized: true,
    // Local and trusted network only: no login, no TLS (a self-signed certificate would only
    // make clients fail). The sender-domain check below is what keeps it from being an open relay.
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    logger: false,

    onMailFrom(address, _session, callback) {
      if (address.address && isInternalAddress(address.address, options.senderDomains)) return callback();
      callback(smtpError(553, '5.7.1 Sender not accepted: this gateway only sends mail from the council\'s own domains'));
    },

    onData(stream, session, callback) {
      const envelope = envelopeOf(session);
      readMessage(stream)
        .then(async (raw) => {
          // Oversized: smtp-server itself answers 552 (rejectOversized), whatever is passed here.
          if (!raw) return callback(smtpError(552, '5.3.4 Message too big for this gateway'));
          await options.onMessage(raw, envelope);
          callback(null, 'OK: message accepted by the gateway');
        })
        .catch((error: unknown) => {
          log.error('could not accept a message; the sender was asked to retry', errorFields(error));
          callback(smtpError(451, '4.3.0 Temporary failure in the gateway, please try again later'));
        });
    },
  });
  server.on('error', (error) => log.error('SMTP server error', errorFields(error)));

  return new Promise((resolve, reject) => {
    const onListenError = (error: Error): void => reject(error);
    server.server.once('error', onListenError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onListenError);
      const { port } = server.server.address() as AddressInfo;
      resolve({
        port,
        // Stops listening and waits for open transactions to finish (smtp-server's closeTimeout).
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
