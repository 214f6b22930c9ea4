// A bucket in memory behind an aws-sdk-client-mock S3 stub: GetObject answers with a real SDK
// stream (sdkStreamMixin) so the adapters' streaming reads run as they do against S3.
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/util-stream';
import type { AwsClientStub } from 'aws-sdk-client-mock';

export interface StoredObject {
  body: Buffer;
  metadata: Record<string, string>;
}


/** S3's answer to GetObject: the body as a stream, in chunks of `chunkSize`. */
export function objectOutput(body: Buffer, metadata: Record<string, string> = {}, chunkSize = 64 * 1024) {
  const chunks: Buffer[] = [];
  for (let at = 0; at < body.length; at += chunkSize) chunks.push(body.subarray(at, at + chunkSize));
  return { Body: sdkStreamMixin(Readable.from(chunks)), ContentLength: body.length, Metadata: metadata, LastModified: new Date('2025-11-24T09:14:08Z') };
}

const noSuchKey = () => new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });

export function memoryBucket(s3: AwsClientStub<S3Client>): Map<string, StoredObject> {
  const objects = new Map<string, StoredObject>();
  s3.on(GetObjectCommand).callsFake(({ Key }: { Key: string }) => {
    const object = objects.get(Key);
    if (!object) throw noSuchKey();
    return objectOutput(object.body, object.metadata);
  });
  s3.on(PutObjectCommand).callsFake(({ Key, Body, Metadata }: { Key: string; Body: Buffer | string; Metadata?: Record<string, string> }) => {
    objects.set(Key, { body: Buffer.from(Body), metadata: Metadata ?? {} });
    return {};
  });
  s3.on(CopyObjectCommand).callsFake(({ Key, CopySource, Metadata }: { Key: string; CopySource: string; Metadata?: Record<string, string> }) => {
    const sourceKey = decodeURIComponent(CopySource.slice(CopySource.indexOf('/') + 1));
    const source = objects.get(sourceKey);
    if (!source) throw noSuchKey();
    objects.set(Key, { body: source.body, metadata: Metadata ?? {} });
    return {};
  });
  s3.on(DeleteObjectCommand).callsFake(({ Key }: { Key: string }) => {
    objects.delete(Key);
    return {};
  });
  s3.on(ListObjectsV2Command).callsFake(({ Prefix }: { Prefix?: string }) => ({
    Contents: [...objects.keys()].filter((k) => k.startsWith(Prefix ?? '')).sort().map((Key) => ({ Key })),
    IsTruncated: false,
  }));
  return objects;
}
