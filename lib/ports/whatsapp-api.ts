// Meta's Graph API as the WhatsApp doors use it: one send to a business phone number's messages
// edge. The answer is kept as bytes so it can be returned to the caller exactly as Graph gave it.

export interface GraphTarget {
  /** Graph API version from the request path, e.g. "v23.0". */
  version: string;
  phoneNumberId: string;
}

export interface GraphAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export interface WhatsAppApi {
  /** POSTs the body unchanged; rejects only when Graph could not be reached or answered nothing. */
  send(target: GraphTarget, body: Buffer): Promise<GraphAnswer>;
}
