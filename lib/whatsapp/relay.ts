// Relays a verified webhook payload to the council's own webhook, exactly as Meta sent it, signed
// with the app secret the same way Meta signs it, so the downstream verifies it as it would a
// delivery from Meta.
import { GatewayError } from '../errors.ts';
import { postBytes } from './post-bytes.ts';
import { SIGNATURE_HEADER, signBody } from './signature.ts';

/** Meta waits a few seconds for an answer; the relay must fit inside that. */
const RELAY_TIMEOUT_MS = 5_000;

export class RelayError extends GatewayError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RelayError';
  }
}

export async function relayPayload(url: string, raw: Buffer, appSecret: string): Promise<void> {
  let status: number;
  try {
    ({ status } = await postBytes(url, raw, { [SIGNATURE_HEADER]: signBody(raw, appSecret) }, RELAY_TIMEOUT_MS));
  } catch (error) {
    throw new RelayError('the downstream webhook could not be reached', { cause: error });
  }
  if (status < 200 || status > 299) throw new RelayError(`the downstream webhook answered HTTP ${status}`);
}
