// Releasing a held WhatsApp message: information governance decided it may go, so the body is
// sent to Graph exactly as the councillor's tooling posted it, from the same phone number id (the
// held item's sender) and, where the held copy kept it, the same Graph version. Graph refusing it
// is an error the reviewer must see: the review service then puts the item back in the queue.
import { GatewayError } from '../errors.ts';
import type { WhatsAppApi } from '../ports/whatsapp-api.ts';
import type { HeldWhatsApp, WhatsAppSender } from '../ports/whatsapp-sender.ts';
import { isGraphVersion, isPhoneNumberId } from './graph-path.ts';

/** For held copies that do not say which version they were sent with; Meta supports a version for two years. */
export const FALLBACK_GRAPH_VERSION = 'v24.0';

export class GraphRefusedError extends GatewayError {
  readonly status: number;

  constructor(status: number) {
    super(`WhatsApp (Graph) refused the released message with HTTP ${status}`);
    this.name = 'GraphRefusedError';
    this.status = status;
  }
}

export class GraphReleaseSender implements WhatsAppSender {
  /** `versionOf` looks up the Graph version kept with the held copy (HeldMeta.graphVersion). */
  constructor(
    private readonly api: WhatsAppApi,
    private readonly versionOf: (reference: string) => Promise<string | undefined> = () => Promise.resolve(undefined),
  ) {}

  async sendHeld(message: HeldWhatsApp): Promise<void> {
    const version = (await this.versionOf(message.reference)) ?? FALLBACK_GRAPH_VERSION;
    if (!isPhoneNumberId(message.sender) || !isGraphVersion(version)) {
      throw new GatewayError(`held item ${message.reference} has no usable phone number id or Graph version`);
    }
    const answer = await this.api.send({ version, phoneNumberId: message.sender }, message.raw);
    if (answer.status < 200 || answer.status > 299) throw new GraphRefusedError(answer.status);
  }
}
