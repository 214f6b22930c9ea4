import { SendBounceCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SesBounceMailer, type SesOrigin } from '../../../lib/adapters/aws/ses-bounce.ts';
import { SesMailer } from '../../../lib/adapters/aws/ses-mailer.ts';
import { silentLogger } from '../../../lib/log.ts';
import type { ComposedMessage } from '../../../lib/ports/mailer.ts';

const ses = mockClient(SESClient);
const sesv2 = mockClient(SESv2Client);
afterEach(() => {
  ses.reset();
  sesv2.reset();
});

const RECEIVED = new Date('2025-11-24T09:14:07Z');
const ORIGIN: SesOrigin = { messageId: '7qv2lk4o1ce9tns3hbm0r6f8uj5pgd2ia4w0x1y3', receivedAt: RECEIVED, recipients: ['editor@example.org', 'friends@example.org'] };
const BOUNCE: ComposedMessage = {
  from: 'Mail gateway <postmaster@rushcliffe.gov.uk>',
  to: ['cllr.jporter@rushcliffe.gov.uk'],
  subject: 'Message held: Claim',
  text: 'Your message was held because it contains a National Insurance number (JG •• •• •• A).',
  html: '<p>held</p>',
  envelopeFrom: '',
};
const hoursAfter = (h: number) => () => new Date(RECEIVED.getTime() + h * 3600_000);

function mailer(origin: SesOrigin | undefined, now: () => Date): SesBounceMailer {
  return new SesBounceMailer({
    client: new SESClient({}),
    mailer: new SesMailer({ client: new SESv2Client({}), fromAddress: 'postmaster@rushcliffe.gov.uk' }),
    bounceSender: 'postmaster@rushcliffe.gov.uk',
    ...(origin ? { origin } : {}),
    log: silentLogger,
    now,
  });
}

const sent = () => ({ bounces: ses.commandCalls(SendBounceCommand).length, emails: sesv2.commandCalls(SendEmailCommand).length });

describe('SesBounceMailer', () => {
  it('bounces a message SES received within the day: ContentRejected for every recipient, with the explanation', async () => {
    ses.on(SendBounceCommand).resolves({ MessageId: 'b' });
    await mailer(ORIGIN, hoursAfter(1)).send(BOUNCE);
    expect(ses.commandCalls(SendBounceCommand).map((c) => c.args[0].input)).toEqual([
      {
        OriginalMessageId: ORIGIN.messageId,
        BounceSender: 'postmaster@rushcliffe.gov.uk',
        Explanation: BOUNCE.text,
        BouncedRecipientInfoList: [
          { Recipient: 'editor@example.org', BounceType: 'ContentRejected' },
          { Recipient: 'friends@example.org', BounceType: 'ContentRejected' },
        ],
      },
    ]);
    expect(sent()).toEqual({ bounces: 1, emails: 0 });
  });

  it.each([
    ['a message older than the bounce window', ORIGIN, hoursAfter(23.5), BOUNCE],
    ['a message that did not come through SES receiving', undefined, hoursAfter(1), BOUNCE],
    ['a message that is not a bounce', ORIGIN, hoursAfter(1), { ...BOUNCE, envelopeFrom: 'postmaster@rushcliffe.gov.uk' }],
  ])('emails the explanation for %s', async (_name, origin, now, message) => {
    sesv2.on(SendEmailCommand).resolves({});
    await mailer(origin, now).send(message);
    expect(sent()).toEqual({ bounces: 0, emails: 1 });
  });

  it('emails the explanation when SES refuses the bounce itself', async () => {
    ses.on(SendBounceCommand).rejects(new SESServiceException({ name: 'MessageRejected', $fault: 'client', $metadata: {}, message: 'rejected' }));
    sesv2.on(SendEmailCommand).resolves({});
    await mailer(ORIGIN, hoursAfter(1)).send(BOUNCE);
    expect(sent()).toEqual({ bounces: 1, emails: 1 });
  });

  it.each([
    ['throttled', new SESServiceException({ name: 'Throttling', $fault: 'client', $metadata: {}, message: 'Rate exceeded' })],
    ['a service fault', new SESServiceException({ name: 'ServiceUnavailable', $fault: 'server', $metadata: {}, message: 'down' })],
  ])('surfaces a bounce that was %s, for a retry', async (_name, error) => {
    ses.on(SendBounceCommand).rejects(error);
    await expect(mailer(ORIGIN, hoursAfter(1)).send(BOUNCE)).rejects.toBe(error);
    expect(sent()).toEqual({ bounces: 1, emails: 0 });
  });

  it('passes delivered mail straight to the wrapped mailer', async () => {
    sesv2.on(SendEmailCommand).resolves({});
    await mailer(ORIGIN, hoursAfter(1)).sendRaw(Buffer.from('Subject: x\r\n\r\nBody\r\n'), { from: 'j@rushcliffe.gov.uk', to: ['a@example.org'] });
    expect(sent()).toEqual({ bounces: 0, emails: 1 });
  });
});
