import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { recipientBatches, SesMailer } from '../../../lib/adapters/aws/ses-mailer.ts';

const sesv2 = mockClient(SESv2Client);
afterEach(() => sesv2.reset());

const RAW = Buffer.from('Return-Path: <j@rushcliffe.gov.uk>\r\nDKIM-Signature: v=1; b=x\r\nFrom: j@rushcliffe.gov.uk\r\nSubject: Hi\r\n\r\nBody\r\n');
const CLEANED = Buffer.from('From: j@rushcliffe.gov.uk\r\nSubject: Hi\r\n\r\nBody\r\n');
const addresses = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@example.org`);

describe('recipientBatches', () => {
  it.each([
    [0, []],
    [1, [1]],
    [50, [50]],
    [51, [50, 1]],
    [120, [50, 50, 20]],
  ])('%i recipients go in batches of %j', (n, sizes) => {
    expect(recipientBatches(addresses(n)).map((b) => b.length)).toEqual(sizes);
  });

  it('sends to each address once, compared without case', () => {
    expect(recipientBatches(['a@example.org', 'A@EXAMPLE.ORG', 'b@example.org'])).toEqual([['a@example.org', 'b@example.org']]);
  });
});

describe('SesMailer', () => {
  it('sends the raw bytes, less the headers SES refuses, to every envelope recipient in batches of 50', async () => {
    sesv2.on(SendEmailCommand).resolves({ MessageId: 'm' });
    const to = addresses(120);
    await new SesMailer({ client: new SESv2Client({}), fromAddress: 'postmaster@rushcliffe.gov.uk' }).sendRaw(RAW, { from: 'j@rushcliffe.gov.uk', to });
    const calls = sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.Destination?.ToAddresses)).toEqual([to.slice(0, 50), to.slice(50, 100), to.slice(100)]);
    for (const call of calls) {
      expect(Buffer.from(call.Content!.Raw!.Data!)).toEqual(CLEANED);
      // The message's own From header is the sender: no FromEmailAddress override.
      expect(call.FromEmailAddress).toBeUndefined();
    }
  });

  it('refuses to send a message to nobody', async () => {
    await expect(new SesMailer({ client: new SESv2Client({}), fromAddress: 'p@rushcliffe.gov.uk' }).sendRaw(RAW, { from: '', to: [] })).rejects.toThrow('no envelope recipients');
    expect(sesv2.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('skips batches an earlier attempt already sent', async () => {
    sesv2.on(SendEmailCommand).resolves({});
    const done = new Set(['deliver:0']);
    const steps: string[] = [];
    const once = async (step: string, effect: () => Promise<unknown>) => {
      steps.push(step);
      if (!done.has(step)) await effect();
    };
    await new SesMailer({ client: new SESv2Client({}), fromAddress: 'p@rushcliffe.gov.uk', once }).sendRaw(RAW, { from: '', to: addresses(60) });
    expect(steps).toEqual(['deliver:0', 'deliver:1']);
    expect(sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses?.length)).toEqual([10]);
  });

  it('surfaces an SES failure', async () => {
    sesv2.on(SendEmailCommand).rejects(new Error('Throttling'));
    await expect(new SesMailer({ client: new SESv2Client({}), fromAddress: 'p@rushcliffe.gov.uk' }).sendRaw(RAW, { from: '', to: ['a@example.org'] })).rejects.toThrow('Throttling');
  });

  it('sends a composed message from the gateway address', async () => {
    sesv2.on(SendEmailCommand).resolves({});
    await new SesMailer({ client: new SESv2Client({}), fromAddress: 'postmaster@rushcliffe.gov.uk' }).send({
      from: 'Mail gateway <postmaster@rushcliffe.gov.uk>',
      to: ['cllr.jporter@rushcliffe.gov.uk'],
      subject: 'Message held: Claim',
      text: 'Your message was held.',
      html: '<p>Your message was held.</p>',
      envelopeFrom: '',
      inReplyTo: '<original@rushcliffe.gov.uk>',
      headers: { 'X-Gateway-Hold-Reference': 'H-20251124-ABCDEF' },
    });
    const [call] = sesv2.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(call).toMatchObject({ FromEmailAddress: 'postmaster@rushcliffe.gov.uk', Destination: { ToAddresses: ['cllr.jporter@rushcliffe.gov.uk'] } });
    const mail = await simpleParser(Buffer.from(call!.Content!.Raw!.Data!));
    expect([mail.subject, mail.inReplyTo, mail.text?.trim(), mail.headers.get('x-gateway-hold-reference')]).toEqual([
      'Message held: Claim',
      '<original@rushcliffe.gov.uk>',
      'Your message was held.',
      'H-20251124-ABCDEF',
    ]);
  });
});
