import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeS3Key, parseEmailEvent } from '../../../lib/adapters/aws/email-events.ts';
import { InputError } from '../../../lib/errors.ts';

const WHERE = { bucket: 'gateway-messages-example', intakePrefix: 'intake/' };
const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../events/${name}`, import.meta.url), 'utf8'));

/** An S3 object-created record for `key` (already URL-encoded, as S3 sends it). */
const s3Record = (key: string, extra: { eventName?: string; bucket?: string } = {}) => ({
  eventSource: 'aws:s3',
  eventName: extra.eventName ?? 'ObjectCreated:Put',
  s3: { bucket: { name: extra.bucket ?? WHERE.bucket }, object: { key } },
});

describe('parseEmailEvent: SES receiving events', () => {
  it('are not the email door\'s any more: SES receiving cannot carry outbound mail', () => {
    const record = { eventSource: 'aws:ses', ses: { mail: { messageId: 'x' }, receipt: { recipients: ['a@example.org'] } } };
    expect(parseEmailEvent({ Records: [record] }, WHERE)).toEqual({ intakes: [], skipped: ['not an S3 record'] });
  });
});

describe('parseEmailEvent: S3 object-created events', () => {
  it('takes the key relative to the intake prefix, and no envelope: the event has none', () => {
    expect(parseEmailEvent(load('s3-object-created.json'), WHERE)).toEqual({
      intakes: [{ key: 'mail-manager/0193a7c2-5e1f-7b04-9d3a-6c2e8f1b4a70' }],
      skipped: [],
    });
  });

  it.each([
    ['intake/2025/11/24/abc%3D%3D.eml', '2025/11/24/abc==.eml'],
    ['intake/with+space', 'with space'],
  ])('decodes the S3 key %s', (key, relative) => {
    expect(parseEmailEvent({ Records: [s3Record(key)] }, WHERE).intakes).toEqual([{ key: relative }]);
  });

  it.each([
    ['held/H-20251124-ABCDEF.eml', {}, 'object outside the intake prefix'],
    ['intake/a', { bucket: 'another-bucket' }, 'object in another bucket'],
    ['intake/a', { eventName: 'ObjectRemoved:Delete' }, 'not an object-created event'],
    ['intake/', {}, 'folder marker'],
    ['intake/mail-manager/', {}, 'folder marker'],
  ])('skips %s %j: %s', (key, extra, reason) => {
    expect(parseEmailEvent({ Records: [s3Record(key, extra)] }, WHERE)).toEqual({ intakes: [], skipped: [reason] });
  });

  it('skips records from other sources, and refuses what is not an event', () => {
    expect(parseEmailEvent({ Records: [{ eventSource: 'aws:sqs' }] }, WHERE).skipped).toEqual(['not an S3 record']);
    expect(() => parseEmailEvent({ hello: 'world' }, WHERE)).toThrow(InputError);
    expect(() => parseEmailEvent(null, WHERE)).toThrow(InputError);
    expect(() => parseEmailEvent({ Records: [s3Record('intake/%E0%A4%A')] }, WHERE)).toThrow(InputError);
  });

  it('decodeS3Key: "+" is a space, %2B a plus', () => {
    expect(decodeS3Key('a+b%2Bc')).toBe('a b+c');
  });
});
