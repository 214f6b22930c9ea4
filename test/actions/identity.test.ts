import { describe, expect, it } from 'vitest';
import { HOLD_REFERENCE, newHoldReference } from '../../lib/actions/hold-reference.ts';
import { deliveryKey, emailContentId, emailDeliveryKey, headerMessageId, intakeKey } from '../../lib/actions/message-id.ts';

describe('newHoldReference', () => {
  it('has the date and six unambiguous random characters', () => {
    const ref = newHoldReference(new Date('2026-11-24T23:59:00Z'));
    expect(ref).toMatch(/^H-20261124-[2-9A-HJKMNP-TV-Z]{6}$/);
    expect(HOLD_REFERENCE.test(ref)).toBe(true);
  });

  it('is random', () => {
    const refs = new Set(Array.from({ length: 200 }, () => newHoldReference()));
    expect(refs.size).toBe(200);
  });

  it.each(['H-20261124-7KQ3PZ', 'H-20260101-222222'])('accepts %s', (ref) => expect(HOLD_REFERENCE.test(ref)).toBe(true));
  it.each(['H-20261124-7KQ3P', 'H-20261124-7KQ3PO', 'h-20261124-7KQ3PZ', '../H-20261124-7KQ3PZ', 'H-20261124-7KQ3PZ.json'])('rejects %s', (ref) =>
    expect(HOLD_REFERENCE.test(ref)).toBe(false),
  );
});

describe('message identity', () => {
  const withId = Buffer.from('Message-ID: <a@b.gov.uk>\r\nSubject: x\r\n\r\nbody');
  const sameIdNewContent = Buffer.from('Message-ID: <a@b.gov.uk>\r\nSubject: x\r\n\r\nanother body');
  const envelope = { from: 'a@b.gov.uk', to: ['x@example.org'] };

  it.each([
    ['the Message-ID header', withId, '<a@b.gov.uk>'],
    ['a hash when there is none', Buffer.from('Subject: x\r\n\r\nbody'), /^sha256:[0-9a-f]{64}$/],
    ['a hash when it has spaces', Buffer.from('Message-ID: <a b@c>\r\n\r\n'), /^sha256:/],
  ])('names a message in records by %s', (_name, raw, expected) => {
    if (typeof expected === 'string') expect(headerMessageId(raw)).toBe(expected);
    else expect(headerMessageId(raw)).toMatch(expected);
  });

  it('knows a message by its content, not its Message-ID', () => {
    expect(emailContentId(withId)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(emailContentId(Buffer.from(withId))).toBe(emailContentId(withId));
    expect(emailContentId(sameIdNewContent)).not.toBe(emailContentId(withId));
    // Every door's delivery key is the content id and the envelope recipients.
    expect(deliveryKey(emailContentId(withId), envelope.to)).toBe(emailDeliveryKey(withId, envelope));
  });

  it('gives one delivery key per content and set of recipients, whatever their order or case', () => {
    const key = emailDeliveryKey(withId, { from: 'a@b.gov.uk', to: ['x@example.org', 'Y@example.org'] });
    expect(emailDeliveryKey(Buffer.from(withId), { from: 'a@b.gov.uk', to: ['y@example.org', 'X@example.org'] })).toBe(key);
    expect(emailDeliveryKey(withId, { from: 'a@b.gov.uk', to: ['x@example.org'] })).not.toBe(key);
    expect(emailDeliveryKey(sameIdNewContent, { from: 'a@b.gov.uk', to: ['x@example.org', 'y@example.org'] })).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keys the intake copy on the bytes and the envelope', () => {
    const key = intakeKey(withId, envelope);
    expect(intakeKey(withId, envelope)).toBe(key);
    expect(intakeKey(withId, { from: 'a@b.gov.uk', to: ['z@example.org'] })).not.toBe(key);
  });
});
