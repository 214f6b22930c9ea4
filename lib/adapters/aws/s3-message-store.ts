// MessageStore on S3. Layout in the message bucket:
//   <intake>/<key>              raw message as received (Mail Manager writes it; putIntake writes
//                                the envelope into the object's metadata)
//   <held>/<reference>.eml      held copy of the raw message (server-side copy of the intake object)
//   <held>/<reference>.json     HeldMeta: what the review page shows
//   <held>/keys/<key>.json      delivery key → reference, so a retried hold reuses its reference
// Held objects are personal data and expire by the bucket's lifecycle rule on the held prefix.
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { HOLD_REFERENCE } from '../../actions/hold-reference.ts';
import { LimitError } from '../../errors.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { HeldItem, HeldMeta, IntakeItem, MessageStore } from '../../ports/message-store.ts';
import { readObject } from './s3-read.ts';

const DELIVERY_KEY = /^[0-9a-f]{16,64}$/;
/** S3 user metadata is limited to 2 KB in all; leave room for the other fields. */
const MAX_ENVELOPE_METADATA = 1800;
const ENVELOPE_FIELD = 'gateway-envelope';
const RECEIVED_FIELD = 'gateway-received-at';

/** The envelope of a stored message nobody recorded one for: no sender, no recipients. */
export const UNKNOWN_ENVELOPE: Readonly<Envelope> = Object.freeze({ from: '', to: [] });

export interface HeldObjectKeys {
  s3Key: string;
  metaS3Key: string;
}

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** With a trailing slash, e.g. "intake/". */
  intakePrefix: string;
  heldPrefix: string;
  /** Called after a held copy is stored (the held-items table). */
  onHeld?: (meta: HeldMeta, keys: HeldObjectKeys) => Promise<void>;
}

/** Intake keys come from events: relative to the prefix, no empty or parent segments. */
function validIntakeKey(key: string): boolean {
  return key.length > 0 && key.length <= 900 && !key.startsWith('/') && !key.split('/').some((s) => s === '' || s === '..');
}

/** S3 wants the copy source URL-encoded, with the slashes between key segments kept. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

export class S3MessageStore implements MessageStore {
  /** Which intake object a buffer was read from, so a hold copies it server-side instead of uploading it again. */
  private readonly sources = new WeakMap<Buffer, string>();

  constructor(private readonly options: S3StoreOptions) {}

  intakeObjectKey(key: string): string {
    if (!validIntakeKey(key)) throw new Error('intake key has an unexpected shape');
    return `${this.options.intakePrefix}${key}`;
  }

  heldObjectKeys(reference: string): HeldObjectKeys {
    return { s3Key: `${this.options.heldPrefix}${reference}.eml`, metaS3Key: `${this.options.heldPrefix}${reference}.json` };
  }

  private keyIndex(key: string): string {
    return `${this.options.heldPrefix}keys/${key}.json`;
  }

  private async put(key: string, body: Buffer | string, contentType: string, metadata?: Record<string, string>): Promise<void> {
    await this.options.client.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: body, ContentType: contentType, ...(metadata ? { Metadata: metadata } : {}) }),
    );
  }

  private async getJson<T>(key: string): Promise<T | undefined> {
    const body = await readObject(this.options.client, this.options.bucket, key);
    return body ? (JSON.parse(body.bytes.toString('utf8')) as T) : undefined;
  }

  async putIntake(item: IntakeItem): Promise<void> {
    const envelope = Buffer.from(JSON.stringify(item.envelope)).toString('base64');
    if (envelope.length > MAX_ENVELOPE_METADATA) throw new LimitError('envelope', 'the envelope has too many recipients to store with the intake copy');
    await this.put(this.intakeObjectKey(item.key), item.raw, 'message/rfc822', { [ENVELOPE_FIELD]: envelope, [RECEIVED_FIELD]: item.receivedAt });
  }

  /**
   * The envelope comes from the object's metadata where putIntake wrote it. An object Mail Manager
   * wrote has none, and gets UNKNOWN_ENVELOPE: no recipients, never ones read from the headers
   * (they miss Bcc and name internal recipients Exchange has already delivered to).
   */
  async getIntake(key: string): Promise<IntakeItem | undefined> {
    if (!validIntakeKey(key)) return undefined;
    const objectKey = this.intakeObjectKey(key);
    const body = await readObject(this.options.client, this.options.bucket, objectKey);
    if (!body) return undefined;
    this.sources.set(body.bytes, objectKey);
    const stored = body.metadata[ENVELOPE_FIELD];
    const envelope = stored ? (JSON.parse(Buffer.from(stored, 'base64').toString('utf8')) as Envelope) : { ...UNKNOWN_ENVELOPE, to: [] };
    const receivedAt = body.metadata[RECEIVED_FIELD] ?? (body.lastModified ?? new Date()).toISOString();
    return { key, raw: body.bytes, envelope, receivedAt };
  }

  async listIntake(): Promise<string[]> {
    const prefix = this.options.intakePrefix;
    const keys = await this.list(prefix);
    return keys.map((k) => k.slice(prefix.length)).filter(validIntakeKey).sort();
  }

  async deleteIntake(key: string): Promise<void> {
    if (!validIntakeKey(key)) return;
    await this.options.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.intakeObjectKey(key) }));
  }

  async putHeld(item: HeldItem): Promise<void> {
    const { meta } = item;
    if (!HOLD_REFERENCE.test(meta.reference) || !DELIVERY_KEY.test(meta.key)) throw new Error('hold reference or key has an unexpected shape');
    const keys = this.heldObjectKeys(meta.reference);
    // The index first: once it exists, a retry reuses this reference rather than minting another.
    await this.put(this.keyIndex(meta.key), JSON.stringify({ reference: meta.reference }), 'application/json');
    const metadata = { 'hold-reference': meta.reference, 'held-at': meta.heldAt };
    const source = this.sources.get(item.raw);
    if (source) {
      await this.options.client.send(
        new CopyObjectCommand({
          Bucket: this.options.bucket,
          Key: keys.s3Key,
          CopySource: copySource(this.options.bucket, source),
          MetadataDirective: 'REPLACE',
          ContentType: 'message/rfc822',
          Metadata: metadata,
        }),
      );
    } else {
      await this.put(keys.s3Key, item.raw, 'message/rfc822', metadata);
    }
    await this.put(keys.metaS3Key, `${JSON.stringify(meta)}\n`, 'application/json');
    await this.options.onHeld?.(meta, keys);
  }

  async getHeldMeta(reference: string): Promise<HeldMeta | undefined> {
    if (!HOLD_REFERENCE.test(reference)) return undefined;
    return this.getJson<HeldMeta>(this.heldObjectKeys(reference).metaS3Key);
  }

  async getHeld(reference: string): Promise<HeldItem | undefined> {
    const meta = await this.getHeldMeta(reference);
    if (!meta) return undefined;
    const raw = await readObject(this.options.client, this.options.bucket, this.heldObjectKeys(reference).s3Key);
    return raw ? { meta, raw: raw.bytes } : undefined;
  }

  async heldReference(key: string): Promise<string | undefined> {
    if (!DELIVERY_KEY.test(key)) return undefined;
    const entry = await this.getJson<{ reference?: unknown }>(this.keyIndex(key));
    return typeof entry?.reference === 'string' && HOLD_REFERENCE.test(entry.reference) ? entry.reference : undefined;
  }

  async listHeld(): Promise<HeldMeta[]> {
    const prefix = this.options.heldPrefix;
    const refs = (await this.list(prefix))
      .map((k) => k.slice(prefix.length))
      .filter((name) => name.endsWith('.json') && HOLD_REFERENCE.test(name.slice(0, -'.json'.length)))
      .map((name) => name.slice(0, -'.json'.length));
    const metas = await Promise.all(refs.map((r) => this.getHeldMeta(r)));
    return metas.filter((m): m is HeldMeta => m !== undefined).sort((a, b) => a.heldAt.localeCompare(b.heldAt));
  }

  private async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.options.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}
