import { CopyObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { S3MessageStore, type HeldObjectKeys } from '../../../lib/adapters/aws/s3-message-store.ts';
import type { HeldMeta } from '../../../lib/ports/message-store.ts';
import { heldMeta } from './helpers/held-meta.ts';
import { memoryBucket, objectOutput } from './helpers/memory-bucket.ts';
import { startS3, type RunningS3 } from './helpers/protocol-servers.ts';

const BUCKET = 'gateway-messages-example';
const RAW = Buffer.from('From: Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>\r\nTo: a@example.org\r\nBcc: b@example.org\r\nSubject: Hi\r\n\r\nBody\r\n');
const REF = 'H-20251124-ABCDEF';
const KEY = 'a'.repeat(32);

function storeOn(client: S3Client, onHeld?: (meta: HeldMeta, keys: HeldObjectKeys) => Promise<void>): S3MessageStore {
  return new S3MessageStore({ client, bucket: BUCKET, intakePrefix: 'intake/', heldPrefix: 'held/', ...(onHeld ? { onHeld } : {}) });
}

describe('S3MessageStore (mocked S3: the commands sent)', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());
  // The protocol-server tests below use real clients.
  afterAll(() => s3.restore());

  it('reads an intake object streamed in chunks into one buffer of its length, with no envelope made up from its headers', async () => {
    const big = Buffer.concat([RAW, Buffer.alloc(3 * 1024 * 1024, 0x41)]);
    s3.on(GetObjectCommand, { Bucket: BUCKET, Key: 'intake/ses-id-1' }).resolves(objectOutput(big));
    const item = await storeOn(new S3Client({})).getIntake('ses-id-1');
    // Buffer.equals: a deep toEqual walks 3 MB element by element.
    expect(item!.raw.equals(big)).toBe(true);
    expect(item!.raw.buffer.byteLength).toBe(big.length); // one allocation, not chunks and a copy
    // Mail Manager stores no envelope, and none is read from the headers (they miss Bcc).
    expect(item!.envelope).toEqual({ from: '', to: [] });
    expect(item!.receivedAt).toBe('2025-11-24T09:14:08.000Z');
  });

  it('refuses a body that does not match its Content-Length', async () => {
    s3.on(GetObjectCommand).resolves({ ...objectOutput(RAW), ContentLength: RAW.length + 5 });
    await expect(storeOn(new S3Client({})).getIntake('ses-id-1')).rejects.toThrow('ended before its Content-Length');
  });

  it.each(['', '../held/x', '/abs', 'a//b', 'a/../b'])('does not read the intake key %j', async (key) => {
    expect(await storeOn(new S3Client({})).getIntake(key)).toBeUndefined();
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('holds a message read from the intake with a server-side copy, not a second upload', async () => {
    const objects = memoryBucket(s3);
    objects.set('intake/2025/11/msg one', { body: RAW, metadata: {} });
    const store = storeOn(new S3Client({}));
    const item = await store.getIntake('2025/11/msg one');
    await store.putHeld({ meta: heldMeta(REF, KEY), raw: item!.raw });
    expect(s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input)).toEqual([
      {
        Bucket: BUCKET,
        Key: `held/${REF}.eml`,
        CopySource: `${BUCKET}/intake/2025/11/msg%20one`,
        MetadataDirective: 'REPLACE',
        ContentType: 'message/rfc822',
        Metadata: { 'hold-reference': REF, 'held-at': '2025-11-24T10:02:43.000Z' },
      },
    ]);
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual([`held/keys/${KEY}.json`, `held/${REF}.json`]);
  });

  it('uploads a held message that did not come from the intake', async () => {
    memoryBucket(s3);
    await storeOn(new S3Client({})).putHeld({ meta: heldMeta(REF, KEY), raw: Buffer.from(RAW) });
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key)).toEqual([`held/keys/${KEY}.json`, `held/${REF}.eml`, `held/${REF}.json`]);
  });

  it.each([
    ['a malformed reference', heldMeta('H-1', KEY)],
    ['a malformed key', heldMeta(REF, '../x')],
  ])('refuses to hold with %s', async (_name, meta) => {
    await expect(storeOn(new S3Client({})).putHeld({ meta, raw: RAW })).rejects.toThrow('unexpected shape');
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('S3MessageStore against s3rver (the commands work)', () => {
  let s3: RunningS3;
  beforeAll(async () => {
    s3 = await startS3(BUCKET);
  });
  afterAll(async () => {
    await s3.close();
  });

  it('stores, lists, reads and deletes intake items with their envelope', async () => {
    const store = storeOn(s3.client);
    const envelope = { from: 'cllr.jporter@rushcliffe.gov.uk', to: ['x@example.org', 'hidden@example.org'] };
    await store.putIntake({ key: 'k1', raw: RAW, envelope, receivedAt: '2025-11-24T09:00:00.000Z' });
    expect(await store.listIntake()).toEqual(['k1']);
    expect(await store.getIntake('k1')).toEqual({ key: 'k1', raw: RAW, envelope, receivedAt: '2025-11-24T09:00:00.000Z' });
    await store.deleteIntake('k1');
    expect(await store.listIntake()).toEqual([]);
    expect(await store.getIntake('k1')).toBeUndefined();
  });

  it('refuses an envelope too large for object metadata', async () => {
    const to = Array.from({ length: 60 }, (_, i) => `recipient.number.${i}@example.org`);
    await expect(storeOn(s3.client).putIntake({ key: 'k2', raw: RAW, envelope: { from: 'a@b.example', to }, receivedAt: '2025-11-24T09:00:00.000Z' })).rejects.toThrow('too many recipients');
  });

  it('copies a held message server-side and finds it again by reference and by delivery key', async () => {
    const held: { meta: HeldMeta; keys: HeldObjectKeys }[] = [];
    const store = storeOn(s3.client, async (meta, keys) => {
      held.push({ meta, keys });
    });
    const raw = Buffer.concat([RAW, Buffer.from([0xe2, 0x80, 0xa2, 0xff])]);
    await storeOn(s3.client).putIntake({ key: 'sub dir/k3', raw, envelope: { from: '', to: ['a@example.org'] }, receivedAt: '2025-11-24T09:00:00.000Z' });
    const item = await store.getIntake('sub dir/k3');
    const meta = heldMeta(REF, KEY);
    await store.putHeld({ meta, raw: item!.raw });

    expect(held).toEqual([{ meta, keys: { s3Key: `held/${REF}.eml`, metaS3Key: `held/${REF}.json` } }]);
    expect(await store.getHeld(REF)).toEqual({ meta, raw });
    expect(await store.heldReference(KEY)).toBe(REF);
    expect(await store.heldReference('b'.repeat(32))).toBeUndefined();
    expect(await store.getHeldMeta('H-20251124-ZZZZZZ')).toBeUndefined();
    expect((await store.listHeld()).map((m) => m.reference)).toEqual([REF]);
  });
});
