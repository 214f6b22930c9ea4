// One HTTP POST of exact bytes with a time limit, for Graph and for the downstream relay. fetch
// sends a Buffer body as is, so the bytes received are the bytes sent.

export interface PostAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export async function postBytes(url: string, body: Buffer, headers: Record<string, string>, timeoutMs: number): Promise<PostAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/json',
    body: Buffer.from(await response.arrayBuffer()),
  };
}
