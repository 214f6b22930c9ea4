// Releasing a held WhatsApp message: information governance decided it may go, so the body is
// sent to Graph exactly as the councillor's tooling posted it, from the same phone number id and
// with the same Graph version. Graph refusing it is an error the reviewer must see.
import { GatewayError } from '../errors.ts';
import type { HeldItem } from '../ports/message-store.ts';
import type { GraphAnswer, WhatsAppApi } from '../ports/whatsapp-api.ts';

/** Used for items held before the Graph version was kept with them. */
export const FALLBACK_GRAPH_VERSION = 'v23.0';

export class GraphRefusedError extends GatewayError {
  readonly status: number;

  constructor(status: number) {
    super(`WhatsApp (Graph) refused the released message with HTTP ${status}`);
    this.name = 'GraphRefusedError';
    this.status = status;
  }
}

export async function releaseWhatsApp(api: WhatsAppApi, item: HeldItem): Promise<GraphAnswer> {
  const { meta } = item;
  if (meta.channel !== 'whatsapp') throw new GatewayError(`held item ${meta.reference} is not a WhatsApp message`);
  const phoneNumberId = meta.envelope.from;
  const version = meta.graphVersion ?? FALLBACK_GRAPH_VERSION;
  if (!/^\d{1,32}$/.test(phoneNumberId) || !/^v\d{1,3}\.\d{1,2}$/.test(version)) {
    throw new GatewayError(`held item ${meta.reference} has no usable phone number id or Graph version`);
  }
  const answer = await api.send({ version, phoneNumberId }, item.raw);
  if (answer.status < 200 || answer.status > 299) throw new GraphRefusedError(answer.status);
  return answer;
}
