// Reads an S3 object's body into one buffer, streaming: when S3 says how long the object is (it
// always does for GetObject) the buffer is allocated once at that size and the chunks are copied
// into it as they arrive, so a 40 MB message is held in memory once, not as chunks plus a copy.
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';

export interface S3Body {
  bytes: Buffer;
  metadata: Record<string, string>;
  lastModified?: Date;
}

export function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

async function collect(body: AsyncIterable<Uint8Array>, length: number | undefined): Promise<Buffer> {
  if (length === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for await (const chunk of body) {
    if (at + chunk.length > length) throw new Error('the S3 object is longer than its Content-Length');
    bytes.set(chunk, at);
    at += chunk.length;
  }
  if (at !== length) throw new Error('the S3 object ended before its Content-Length');
  return bytes;
}

function asIterable(body: GetObjectCommandOutput['Body']): AsyncIterable<Uint8Array> | undefined {
  return body && Symbol.asyncIterator in body ? (body as AsyncIterable<Uint8Array>) : undefined;
}

/** Undefined when there is no such object. */
export async function readObject(client: S3Client, bucket: string, key: string): Promise<S3Body | undefined> {
  let output: GetObjectCommandOutput;
  try {
    output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const stream = asIterable(output.Body);
  let bytes: Buffer;
  if (stream) bytes = await collect(stream, output.ContentLength);
  else if (output.Body) bytes = Buffer.from(await output.Body.transformToByteArray());
  else bytes = Buffer.alloc(0);
  return { bytes, metadata: output.Metadata ?? {}, ...(output.LastModified ? { lastModified: output.LastModified } : {}) };
}
