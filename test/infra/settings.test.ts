// The deployment settings: cdk.json's defaults are valid, command-line strings are read, and every
// kind of bad value is refused with the key named.
import { describe, expect, it } from 'vitest';
import { projectContext } from '../../infra/create-app.ts';
import { ConfigError } from '../../lib/errors.ts';
import { parseSettings, SETTING_KEYS } from '../../infra/settings.ts';

const defaults = (): Record<string, unknown> => {
  const context = projectContext();
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, context[key]]));
};

const withSetting = (key: string, value: unknown) => ({ ...defaults(), [key]: value });

/** The message parseSettings throws, or '' when the settings are accepted. */
function problem(raw: Record<string, unknown>): string {
  try {
    parseSettings(raw);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('deployment settings', () => {
  it('accepts the documented defaults in cdk.json, and cdk.json documents every key', () => {
    const context = projectContext();
    for (const key of SETTING_KEYS) expect(context, key).toHaveProperty(key);
    const settings = parseSettings(defaults());
    expect(settings.mailManagerAllowedCidrs.length).toBeGreaterThan(0);
    expect(settings.retentionDays).toBe(30);
  });

  it.each([
    ['internalDomains', 'a.gov.uk, B.GOV.UK', ['a.gov.uk', 'b.gov.uk']],
    ['igNotificationAddresses', 'ig@a.gov.uk,dpo@a.gov.uk', ['ig@a.gov.uk', 'dpo@a.gov.uk']],
    ['retentionDays', '45', 45],
    ['logRetentionDays', '90', 90],
    ['emailFilterConcurrency', 'none', null],
    ['emailFilterConcurrency', '20', 20],
    ['whatsappDownstreamUrl', '', null],
    ['whatsappDownstreamUrl', 'https://crm.example.gov.uk/hook', 'https://crm.example.gov.uk/hook'],
    ['whatsappPhoneNumberIds', '106540352242922,106540352242923', ['106540352242922', '106540352242923']],
  ])('reads %s given on the command line as %j', (key, value, expected) => {
    expect(parseSettings(withSetting(key, value))[key as keyof ReturnType<typeof parseSettings>]).toEqual(expected);
  });

  it.each([
    ['internalDomains', [], 'internalDomains list at least one domain'],
    ['internalDomains', ['not a domain'], 'internalDomains.0'],
    ['senderAddress', 'postmaster', 'senderAddress'],
    ['igNotificationAddresses', ['ig@'], 'igNotificationAddresses.0'],
    ['retentionDays', 14, 'retentionDays'],
    ['retentionDays', 'thirty', 'retentionDays'],
    ['logRetentionDays', 100, 'logRetentionDays must be one of'],
    ['originSecretName', 'has spaces', 'originSecretName'],
    ['mailManagerAllowedCidrs', ['10.0.0.0/33'], 'mailManagerAllowedCidrs.0'],
    ['whatsappDownstreamUrl', 'http://crm.example.gov.uk/hook', 'whatsappDownstreamUrl'],
    ['whatsappPhoneNumberIds', ['+44 7700'], 'whatsappPhoneNumberIds.0'],
    ['whatsappAppSecretName', 'has spaces', 'whatsappAppSecretName'],
    ['reviewDomainPrefix', 'Upper-Case', 'reviewDomainPrefix'],
    ['reviewDomainPrefix', 'council-cognito-review', 'must not contain aws, amazon or cognito'],
    ['emailFilterConcurrency', 0, 'emailFilterConcurrency'],
    ['stackName', '1stack', 'stackName'],
    ['alarmEmail', undefined, 'alarmEmail is not set'],
  ])('refuses %s = %j, naming it', (key, value, message) => {
    expect(problem(withSetting(key, value))).toContain(message);
  });

  it('refuses a Mail Manager door with no address ranges to admit', () => {
    expect(problem({ ...defaults(), mailManagerAllowedCidrs: [] })).toContain('mailManagerAllowedCidrs');
    expect(problem({ ...defaults(), mailManagerAllowedCidrs: ['203.0.113.0/24'] })).toBe('');
  });

  it('has no setting for SES receiving, which cannot carry outbound mail', () => {
    expect(problem({ ...defaults(), intakeMode: 'ses-receiving' })).toContain('intakeMode');
  });

  it('refuses two WhatsApp secrets with the same name', () => {
    const same = { ...defaults(), whatsappVerifyTokenName: defaults().whatsappAppSecretName };
    expect(problem(same)).toContain('must differ');
  });

  it('lists every problem at once', () => {
    const message = problem({ ...defaults(), senderAddress: 'x', retentionDays: 0 });
    expect(message).toContain('senderAddress');
    expect(message).toContain('retentionDays');
  });
});
