// The local SMTP door: accepts mail from the council's own domains and hands each message, with
// its envelope, to the pipeline. The reply tells the sending server what to do next: 250 only once
// the message is safely stored and dealt with, 451 (try again later) on any internal failure, 552
// when the message is larger than the rule set allows, 553 when the envelope sender or the header
// From is not one the council sends as.
//
// On 127.0.0.1 it needs no more. Beyond it: STARTTLS with the council's certificate (required by
// default once configured) and SMTP AUTH (PLAIN, LOGIN) against a credentials file, only after TLS.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { errorFields, type Logger } from '../log.ts';
import { isInternalAddress } from '../policy/recipients.ts';
import type { Envelope } from '../ports/envelope.ts';
import { checkHeaderFrom, HEADER_FROM_REPLIES } from './header-from.ts';
import type { SmtpUsers } from './smtp-users.ts';

export interface SmtpDoorTls {
  /** PEM bytes of the certificate (chain) and its private key. */
  cert: Buffer;
  key: Buffer;
  /** MAIL FROM is refused until the client has started TLS. */
  required: boolean;
}

export interface SmtpDoorOptions {
  host: string;
  port: number;
  /** Envelope senders and header From addresses must be in one of these domains (or a subdomain). */
  senderDomains: readonly string[];
  maxMessageBytes: number;
  log: Logger;
  tls?: SmtpDoorTls;
  /** Set: clients must log in (after STARTTLS) before sending. */
  users?: SmtpUsers;
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

/** STARTTLS and AUTH, as configured; with neither, the door speaks plain SMTP with no login. */
function securityOptions(options: SmtpDoorOptions): SMTPServerOptions {
  const { tls, users, log } = options;
  const disabledCommands = [...(tls ? [] : ['STARTTLS']), ...(users ? [] : ['AUTH'])];
  return {
    disabledCommands,
    ...(tls ? { secure: false, cert: tls.cert, key: tls.key } : {}),
    authOptional: !users,
    authMethods: ['PLAIN', 'LOGIN'],
    // smtp-server refuses AUTH before STARTTLS unless this is set: passwords never go in clear.
    allowInsecureAuth: false,
    onAuth(auth, _session, callback) {
      if (!users || auth.method === 'XOAUTH2') return callback(smtpError(504, '5.5.4 Unrecognised authentication type'));
      users
        .verify(auth.username ?? '', auth.password ?? '')
        .then((ok) => {
          if (ok) return callback(null, { user: auth.username });
          // Who tried is not logged: a user name is often someone's email address.
          log.warn('SMTP login refused: wrong user name or password');
          callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
        })
        .catch((error: unknown) => {
          log.error('SMTP login could not be checked', errorFields(error));
          callback(smtpError(454, '4.7.0 Temporary authentication failure'));
        });
    },
  };
}

export function startSmtpDoor(options: SmtpDoorOptions): Promise<SmtpDoor> {
  const { log } = options;
  const server = new SMTPServer({
    banner: 'councillor message gateway',
    size: options.maxMessageBytes,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    ...securityOptions(options),

    onMailFrom(address, session, callback) {
      if (options.tls?.required && !session.secure) return callback(smtpError(530, '5.7.0 Must issue a STARTTLS command first'));
      // The sender-domain checks are what keep the door from being an open relay.
      if (address.address && isInternalAddress(address.address, options.senderDomains)) return callback();
      callback(smtpError(553, '5.7.1 Sender not accepted: this gateway only sends mail from the council\'s own domains'));
    },

    onData(stream, session, callback) {
      const envelope = envelopeOf(session);
      readMessage(stream)
        .then(async (raw) => {
          // Oversized: smtp-server itself answers 552 (rejectOversized), whatever is passed here.
          if (!raw) return callback(smtpError(552, '5.3.4 Message too big for this gateway'));
          const refusal = checkHeaderFrom(raw, envelope.from, options.senderDomains);
          if (refusal) {
            log.warn('message refused: its header From is not one the council sends as', { rule: refusal });
            return callback(smtpError(553, HEADER_FROM_REPLIES[refusal]));
          }
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
