import { describe, expect, it } from 'vitest';
import { EMAIL_FILTER_VARIABLES, readEnv, VARIABLES, type VariableName } from '../../../lib/adapters/aws/env.ts';
import { ConfigError } from '../../../lib/errors.ts';

const EMAIL_ENV = {
  GATEWAY_BUCKET: 'gateway-messages-example',
  GATEWAY_DECISIONS_TABLE: 'gateway-decisions',
  GATEWAY_HELD_TABLE: 'gateway-held',
  GATEWAY_ALERT_TOPIC_ARN: 'arn:aws:sns:eu-west-2:123456789012:gateway-alerts',
  GATEWAY_SENDER_ADDRESS: 'postmaster@rushcliffe.gov.uk',
  GATEWAY_RULES_DIR: '/var/task/rules',
  GATEWAY_ORIGIN_SECRET_NAME: 'councillor-gateway/email/origin-token',
  GATEWAY_ARCHIVE_ID: 'a-0example1234567890',
  GATEWAY_INGRESS_POINT_ID: 'inp-0example1234567890abcdef',
};
/** Read as a list. */
const DOMAINS = 'rushcliffe.gov.uk, Rushcliffe-Council.GOV.UK';

describe('readEnv', () => {
  it('reads the email filter settings, with defaults for the optional ones', () => {
    expect(readEnv(EMAIL_FILTER_VARIABLES, { ...EMAIL_ENV, GATEWAY_INTERNAL_DOMAINS: DOMAINS })).toEqual({
      ...EMAIL_ENV,
      GATEWAY_INTERNAL_DOMAINS: ['rushcliffe.gov.uk', 'rushcliffe-council.gov.uk'],
      GATEWAY_INTAKE_PREFIX: 'intake/',
      GATEWAY_HELD_PREFIX: 'held/',
      GATEWAY_RETENTION_DAYS: 30,
    });
  });

  it('reads only the variables asked for', () => {
    expect(readEnv(['GATEWAY_BUCKET'], { GATEWAY_BUCKET: ' b ' })).toEqual({ GATEWAY_BUCKET: 'b' });
  });

  it.each([...Object.keys(EMAIL_ENV), 'GATEWAY_INTERNAL_DOMAINS'])('fails naming %s when it is missing', (name) => {
    const env = { ...EMAIL_ENV, GATEWAY_INTERNAL_DOMAINS: DOMAINS, [name]: '  ' };
    expect(() => readEnv(EMAIL_FILTER_VARIABLES, env)).toThrow(ConfigError);
    expect(() => readEnv(EMAIL_FILTER_VARIABLES, env)).toThrow(`${name}: is not set`);
  });

  it.each<[VariableName, string, unknown]>([
    ['GATEWAY_INTAKE_PREFIX', 'mail/in', 'mail/in/'],
    ['GATEWAY_HELD_PREFIX', 'held/', 'held/'],
    ['GATEWAY_RETENTION_DAYS', '90', 90],
    ['GATEWAY_SENDER_ADDRESS', 'gateway@rushcliffe.gov.uk', 'gateway@rushcliffe.gov.uk'],
    ['GATEWAY_GRAPH_URL', 'https://graph.example.test/', new URL('https://graph.example.test/')],
    ['GATEWAY_GRAPH_URL', '', new URL('https://graph.facebook.com')],
    ['WHATSAPP_PHONE_NUMBER_IDS', '1234, 5678,', ['1234', '5678']],
    ['WHATSAPP_PHONE_NUMBER_IDS', ' , ', undefined],
    ['WHATSAPP_DOWNSTREAM_URL', '', undefined],
    ['WHATSAPP_DOWNSTREAM_URL', 'https://crm.example.test/hook', new URL('https://crm.example.test/hook')],
    ['POWERTOOLS_SERVICE_NAME', '', undefined],
    ['GATEWAY_REVIEW_SIGN_IN_URL', 'https://council-review.auth.eu-west-2.amazoncognito.com', new URL('https://council-review.auth.eu-west-2.amazoncognito.com')],
    ['GATEWAY_REVIEW_SIGN_IN_URL', ' https://council-review.auth.eu-west-2.amazoncognito.com/ ', new URL('https://council-review.auth.eu-west-2.amazoncognito.com')],
    ['GATEWAY_REVIEW_CLIENT_ID', '1example23456789abcdefghij', '1example23456789abcdefghij'],
    ['GATEWAY_REVIEW_PAGE_URL', 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/', new URL('https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/')],
    ['GATEWAY_REVIEW_SCOPES', 'openid email profile', ['openid', 'email', 'profile']],
    ['GATEWAY_REVIEW_SCOPES', 'openid,email, aws.cognito.signin.user.admin', ['openid', 'email', 'aws.cognito.signin.user.admin']],
  ])('%s=%j reads as %j', (name, value, expected) => {
    expect(readEnv([name], { [name]: value })[name]).toEqual(expected);
  });

  it.each<[VariableName, string]>([
    ['GATEWAY_INTAKE_PREFIX', '/intake/'],
    ['GATEWAY_HELD_PREFIX', 'held items/'],
    ['GATEWAY_RETENTION_DAYS', '0'],
    ['GATEWAY_RETENTION_DAYS', 'thirty'],
    ['GATEWAY_RETENTION_DAYS', '-5'],
    ['GATEWAY_SENDER_ADDRESS', 'Mail gateway <postmaster@rushcliffe.gov.uk>'],
    ['GATEWAY_SENDER_ADDRESS', 'postmaster'],
    ['GATEWAY_ALERT_TOPIC_ARN', 'gateway-alerts'],
    ['GATEWAY_GRAPH_URL', 'graph.facebook.com'],
    ['WHATSAPP_DOWNSTREAM_URL', 'ftp://crm.example.test/'],
    ['GATEWAY_REVIEW_SIGN_IN_URL', ''],
    ['GATEWAY_REVIEW_SIGN_IN_URL', 'council-review.auth.eu-west-2.amazoncognito.com'],
    ['GATEWAY_REVIEW_SIGN_IN_URL', 'http://council-review.auth.eu-west-2.amazoncognito.com'],
    ['GATEWAY_REVIEW_SIGN_IN_URL', 'https://council-review.auth.eu-west-2.amazoncognito.com/oauth2/authorize'],
    ['GATEWAY_REVIEW_SIGN_IN_URL', 'https://council-review.auth.eu-west-2.amazoncognito.com/?client_id=x'],
    ['GATEWAY_REVIEW_CLIENT_ID', ''],
    ['GATEWAY_REVIEW_CLIENT_ID', 'client id'],
    ['GATEWAY_REVIEW_CLIENT_ID', 'a'.repeat(129)],
    ['GATEWAY_REVIEW_PAGE_URL', ''],
    ['GATEWAY_REVIEW_PAGE_URL', 'http://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/'],
    ['GATEWAY_REVIEW_PAGE_URL', 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/#/held'],
    ['GATEWAY_REVIEW_PAGE_URL', 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/?x=1'],
    ['GATEWAY_REVIEW_SCOPES', ''],
    ['GATEWAY_REVIEW_SCOPES', 'email profile'],
    ['GATEWAY_REVIEW_SCOPES', 'openid "email"'],
  ])('%s=%j is refused with the variable named', (name, value) => {
    expect(() => readEnv([name], { [name]: value })).toThrow(new RegExp(`^${name}: `));
  });

  it('knows every variable the deployment sets', () => {
    expect(Object.keys(VARIABLES)).toEqual(
      expect.arrayContaining([
        'GATEWAY_BUCKET', 'GATEWAY_INTAKE_PREFIX', 'GATEWAY_HELD_PREFIX', 'GATEWAY_DECISIONS_TABLE', 'GATEWAY_HELD_TABLE',
        'GATEWAY_ALERT_TOPIC_ARN', 'GATEWAY_SENDER_ADDRESS', 'GATEWAY_RETENTION_DAYS', 'GATEWAY_RULES_DIR',
        'WHATSAPP_APP_SECRET_NAME', 'WHATSAPP_VERIFY_TOKEN_NAME', 'WHATSAPP_ACCESS_TOKEN_NAME', 'WHATSAPP_PHONE_NUMBER_IDS',
        'WHATSAPP_DOWNSTREAM_URL', 'GATEWAY_GRAPH_URL', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE',
        'GATEWAY_REVIEW_SIGN_IN_URL', 'GATEWAY_REVIEW_CLIENT_ID', 'GATEWAY_REVIEW_PAGE_URL', 'GATEWAY_REVIEW_SCOPES',
      ]),
    );
  });
});
