import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeS3Key, parseEmailEvent } from '../../../lib/adapters/aws/email-events.ts';
import { InputError } from '../../../lib/errors.ts';

type SesBody = { mail: Record<string, unknown>; receipt: Record<string, unknown> };

const WHERE = { bucket: 'gateway-messages-example', intakePrefix: 'intake/' };
const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../events/${name}`, import.meta.url), 'utf8'));

/** An S3 object-created record for `key` (already URL-encoded, as S3 sends it). */
const s3Record = (key: string, extra: { eventName?: string; bucket?: string } = {}) => ({
  eventSource: 'aws:s3',
  eventName: extra.eventName ?? 'ObjectCreated:Put',
  s3: { bucket: { name: extra.bucket ?? WHERE.bucket }, object: { key } },
});

describe('parseEmailEvent: SES receipt events', () => {
  it('takes the envelope from mail.source and receipt.recipients, the key from mail.messageId', () => {
    const parsed = parseEmailEvent(load('ses-receipt.json'), WHERE);
    expect(parsed).toEqual({
      intakes: [
        {
          door: 'ses',
          key: '7qv2lk4o1ce9tns3hbm0r6f8uj5pgd2ia4w0x1y3',
          envelope: {
            from: 'cllr.jporter@rushcliffe.gov.uk',
            to: ['editor@westbridgford-wire.example', 'planning.officer@rushcliffe.gov.uk', 'gresham.friends@example.org'],
          },
          ses: {
            messageId: '7qv2lk4o1ce9tns3hbm0r6f8uj5pgd2ia4w0x1y3',
            receivedAt: new Date('2025-11-24T09:14:07.212Z'),
            recipients: ['editor@westbridgford-wire.example', 'planning.officer@rushcliffe.gov.uk', 'gresham.friends@example.org'],
            headersTruncated: false,
          },
        },
      ],
      skipped: [],
      synchronous: false,
    });
  });

  it('uses receipt.recipients, not the header To list, and does not need the event headers', () => {
    const event = load('ses-receipt.json');
    const ses = event.Records[0].ses;
    ses.receipt.recipients = ['gresham.friends@example.org'];
    ses.mail.headersTruncated = true;
    ses.mail.headers = ses.mail.headers.slice(0, 3);
    delete ses.mail.commonHeaders;
    const [intake] = parseEmailEvent(event, WHERE).intakes;
    expect(intake!.envelope!.to).toEqual(['gresham.friends@example.org']);
    expect(intake!.ses!.headersTruncated).toBe(true);
  });

  it.each([
    ['Event', false],
    ['RequestResponse', true],
  ])('invocationType %s: synchronous %s', (invocationType, synchronous) => {
    const event = load('ses-receipt.json');
    event.Records[0].ses.receipt.action.invocationType = invocationType;
    expect(parseEmailEvent(event, WHERE).synchronous).toBe(synchronous);
  });

  it.each([
    ['a message id that could escape the prefix', (ses: SesBody) => (ses.mail.messageId = '../held/H-20251124-ABCDEF')],
    ['no message id', (ses: SesBody) => delete ses.mail.messageId],
    ['no source', (ses: SesBody) => delete ses.mail.source],
    ['no recipients', (ses: SesBody) => (ses.receipt.recipients = [])],
    ['a bad timestamp', (ses: SesBody) => (ses.mail.timestamp = 'yesterday')],
  ])('refuses an SES record with %s', (_name, damage) => {
    const event = load('ses-receipt.json');
    damage(event.Records[0].ses);
    expect(() => parseEmailEvent(event, WHERE)).toThrow(InputError);
  });
});

describe('parseEmailEvent: S3 object-created events', () => {
  it('takes the key relative to the intake prefix and leaves the envelope to the headers', () => {
    expect(parseEmailEvent(load('s3-object-created.json'), WHERE)).toEqual({
      intakes: [{ door: 's3', key: '0193a7c2-5e1f-7b04-9d3a-6c2e8f1b4a70' }],
      skipped: [],
      synchronous: false,
    });
  });

  it.each([
    ['intake/2025/11/24/abc%3D%3D.eml', '2025/11/24/abc==.eml'],
    ['intake/with+space', 'with space'],
  ])('decodes the S3 key %s', (key, relative) => {
    expect(parseEmailEvent({ Records: [s3Record(key)] }, WHERE).intakes).toEqual([{ door: 's3', key: relative }]);
  });

  it.each([
    ['held/H-20251124-ABCDEF.eml', {}, 'object outside the intake prefix'],
    ['intake/a', { bucket: 'another-bucket' }, 'object in another bucket'],
    ['intake/a', { eventName: 'ObjectRemoved:Delete' }, 'not an object-created event'],
    ['intake/', {}, 'folder marker'],
    ['intake/AMAZON_SES_SETUP_NOTIFICATION', {}, 'SES setup notification'],
  ])('skips %s %j: %s', (key, extra, reason) => {
    expect(parseEmailEvent({ Records: [s3Record(key, extra)] }, WHERE)).toEqual({ intakes: [], skipped: [reason], synchronous: false });
  });

  it('skips records from other sources, and refuses what is not an event', () => {
    expect(parseEmailEvent({ Records: [{ eventSource: 'aws:sqs' }] }, WHERE).skipped).toEqual(['not an SES or S3 record']);
    expect(() => parseEmailEvent({ hello: 'world' }, WHERE)).toThrow(InputError);
    expect(() => parseEmailEvent(null, WHERE)).toThrow(InputError);
    expect(() => parseEmailEvent({ Records: [s3Record('intake/%E0%A4%A')] }, WHERE)).toThrow(InputError);
  });

  it('decodeS3Key: "+" is a space, %2B a plus', () => {
    expect(decodeS3Key('a+b%2Bc')).toBe('a b+c');
  });
});
