// The WhatsApp settings from environment variables: defaults, and malformed values named.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import { readWhatsAppSettings, webhookNotConfigured } from '../../lib/whatsapp/settings.ts';

describe('readWhatsAppSettings', () => {
  it('defaults to Graph at graph.facebook.com, any phone number id and no relay', () => {
    expect(readWhatsAppSettings({})).toEqual({ graphUrl: 'https://graph.facebook.com' });
  });

  it('reads every setting', () => {
    expect(
      readWhatsAppSettings({
        WHATSAPP_VERIFY_TOKEN: 'v',
        WHATSAPP_APP_SECRET: 's',
        WHATSAPP_ACCESS_TOKEN: 'a',
        WHATSAPP_PHONE_NUMBER_IDS: ' 106540352242922, 123 ,',
        GATEWAY_GRAPH_URL: 'http://127.0.0.1:9000/',
        WHATSAPP_DOWNSTREAM_URL: 'https://crm.example.gov.uk/whatsapp',
      }),
    ).toEqual({
      verifyToken: 'v',
      appSecret: 's',
      accessToken: 'a',
      phoneNumberIds: ['106540352242922', '123'],
      graphUrl: 'http://127.0.0.1:9000',
      downstreamUrl: 'https://crm.example.gov.uk/whatsapp',
    });
  });

  it.each([
    ['WHATSAPP_PHONE_NUMBER_IDS', '+44 115 981 9911'],
    ['WHATSAPP_PHONE_NUMBER_IDS', ',,'],
    ['GATEWAY_GRAPH_URL', 'graph.facebook.com'],
    ['GATEWAY_GRAPH_URL', 'ftp://graph.facebook.com'],
    ['GATEWAY_GRAPH_URL', 'https://user:pass@graph.example'],
    ['WHATSAPP_DOWNSTREAM_URL', 'https://crm.example.gov.uk/hook?token=x'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readWhatsAppSettings({ [name]: value })).toThrow(ConfigError);
    expect(() => readWhatsAppSettings({ [name]: value })).toThrow(name);
  });

  it.each([
    [{}, 'WHATSAPP_VERIFY_TOKEN and WHATSAPP_APP_SECRET are not set'],
    [{ WHATSAPP_VERIFY_TOKEN: 'v' }, 'WHATSAPP_APP_SECRET is not set'],
    [{ WHATSAPP_APP_SECRET: 's' }, 'WHATSAPP_VERIFY_TOKEN is not set'],
  ])('says what the webhook lacks: %j', (env, expected) => {
    expect(webhookNotConfigured(readWhatsAppSettings(env))).toContain(expected);
  });

  it('finds nothing lacking with both set', () => {
    expect(webhookNotConfigured(readWhatsAppSettings({ WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: 's' }))).toBeUndefined();
  });
});
