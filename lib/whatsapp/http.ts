// The WhatsApp doors' view of HTTP, the same behind the local server and behind API Gateway: a
// request with lower-case header names and a body that is read with a size limit, and a response
// whose body is sent exactly as given.

export interface WhatsAppRequest {
  /** Header names in lower case; a repeated header is joined with ", ". */
  headers: Readonly<Record<string, string | undefined>>;
  query: URLSearchParams;
  /** The raw body, or undefined when it is longer than `maxBytes`. */
  body(maxBytes: number): Promise<Buffer | undefined>;
}

export interface WhatsAppResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export function jsonResponse(status: number, value: unknown): WhatsAppResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}

export function textResponse(status: number, text: string): WhatsAppResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}
