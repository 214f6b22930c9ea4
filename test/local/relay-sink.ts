// A second, real SMTP server in the test process, standing in for the council's relay: it keeps
// every message it accepts, with its envelope. Being in this process, it outlives a gateway that a
// test kills.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface Relay {
  url: URL;
  received: Received[];
  close(): Promise<void>;
}

/** Port 0 picks a free one. */
export async function startRelay(port = 0): Promise<Relay> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  // A sender whose connection is cut (a gateway killed mid-send) is not an error of the test.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const bound = (server.server.address() as AddressInfo).port;
  return { url: new URL(`smtp://127.0.0.1:${bound}`), received, close: () => new Promise((r) => server.close(() => r())) };
}
