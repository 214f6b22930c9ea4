// WhatsAppApi over HTTPS to Graph (or GATEWAY_GRAPH_URL), with the council's access token. The
// version and phone number id are checked by the caller before they become part of the URL.
import type { GraphAnswer, GraphTarget, WhatsAppApi } from '../ports/whatsapp-api.ts';
import { postBytes } from './post-bytes.ts';

/** Graph answers a send within seconds; past this the caller is told to try again. */
const GRAPH_TIMEOUT_MS = 20_000;

export class GraphClient implements WhatsAppApi {
  constructor(
    private readonly graphUrl: string,
    private readonly accessToken: () => Promise<string | undefined>,
  ) {}

  async send(target: GraphTarget, body: Buffer): Promise<GraphAnswer> {
    const token = await this.accessToken();
    if (!token) throw new Error('no WhatsApp access token is configured');
    const url = `${this.graphUrl}/${encodeURIComponent(target.version)}/${encodeURIComponent(target.phoneNumberId)}/messages`;
    return postBytes(url, body, { authorization: `Bearer ${token}` }, GRAPH_TIMEOUT_MS);
  }
}
