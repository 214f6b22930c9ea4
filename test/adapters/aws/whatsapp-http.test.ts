// API Gateway HTTP API (payload 2.0) events to the WhatsApp doors' requests and back.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiResult, sendTarget, whatsAppRequest } from '../../../lib/adapters/aws/whatsapp-http.ts';
import { loadEvent } from '../../whatsapp/helpers.ts';

describe('whatsAppRequest', () => {
  it('gives the body\'s exact bytes, base64-encoded or not', async () => {
    const event = loadEvent('whatsapp-webhook-text');
    const text = await whatsAppRequest(event).body(1 << 20);
    const encoded = await whatsAppRequest({ ...event, body: Buffer.from(event.body!, 'utf8').toString('base64'), isBase64Encoded: true }).body(1 << 20);
    expect(text!.toString('utf8')).toBe(event.body);
    expect(encoded!.equals(text!)).toBe(true);
  });

  it.each([
    [100, false],
    [99, true],
  ])('with a limit of %i bytes on a 100-byte body, reads it as too large: %s', async (limit, tooLarge) => {
    const event = { ...loadEvent('whatsapp-webhook-text'), body: 'x'.repeat(100) } as APIGatewayProxyEventV2;
    expect((await whatsAppRequest(event).body(limit)) === undefined).toBe(tooLarge);
  });

  it('reads headers case-insensitively and the query string as sent', () => {
    const event = loadEvent('whatsapp-webhook-verify');
    const request = whatsAppRequest({ ...event, headers: { 'X-Hub-Signature-256': 'sha256=ab' } });
    expect(request.headers['x-hub-signature-256']).toBe('sha256=ab');
    expect(request.query.get('hub.challenge')).toBe('1158201444');
  });

  it('takes the send route\'s path parameters', () => {
    expect(sendTarget(loadEvent('whatsapp-send-text'))).toEqual({ version: 'v23.0', phoneNumberId: '106540352242922' });
    expect(sendTarget({ ...loadEvent('whatsapp-send-text'), pathParameters: undefined })).toEqual({ version: '', phoneNumberId: '' });
  });
});

describe('apiResult', () => {
  it('returns bytes base64-encoded, so Graph\'s answer arrives unchanged', () => {
    const body = Buffer.from('{"messages":[{"id":"wamid.é"}]}');
    const result = apiResult({ status: 200, headers: { 'content-type': 'application/json' }, body });
    expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
    expect(Buffer.from(result.body!, 'base64').equals(body)).toBe(true);
  });

  it('returns text as text', () => {
    expect(apiResult({ status: 200, headers: { 'content-type': 'text/plain' }, body: '1158201444' })).toMatchObject({ statusCode: 200, body: '1158201444' });
  });
});
