// Held content on AWS: the raw message (s3Key) and the review metadata the hold wrote beside it
// (metaS3Key: envelope, reasons, findings with offsets), both in GATEWAY_BUCKET. Both are deleted
// by the bucket's lifecycle rule after the retention period; a missing object reads as undefined.
import type { S3Client } from '@aws-sdk/client-s3';
import type { HeldContent } from '../../ports/held-content.ts';
import type { HeldRecord } from '../../ports/held-items.ts';
import type { HeldMeta } from '../../ports/message-store.ts';
import { readObject } from './s3-read.ts';

export class S3HeldContent implements HeldContent {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async read(item: HeldRecord): Promise<Buffer | undefined> {
    return (await readObject(this.client, this.bucket, item.contentKey))?.bytes;
  }

  /** The HeldMeta JSON; undefined when gone or not JSON (it is then as good as gone). */
  async meta(key: string): Promise<HeldMeta | undefined> {
    const object = await readObject(this.client, this.bucket, key);
    if (!object) return undefined;
    try {
      return JSON.parse(object.bytes.toString('utf8')) as HeldMeta;
    } catch {
      return undefined;
    }
  }
}
