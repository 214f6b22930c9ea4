// The deployment's settings, read from CDK context and validated before anything is built. The
// documented defaults live in cdk.json; `cdk synth -c key=value` overrides one. Context values given
// on the command line arrive as strings, so lists accept "a,b" and numbers accept "30".
import type { Node } from 'constructs';
import * as z from 'zod';
import { ConfigError } from '../lib/errors.ts';

/** Every context key the app reads, in the order cdk.json documents them. */
export const SETTING_KEYS = [
  'stackName',
  'councilName',
  'internalDomains',
  'senderAddress',
  'igNotificationAddresses',
  'alarmEmail',
  'retentionDays',
  'logRetentionDays',
  'mailManagerAllowedCidrs',
  'originSecretName',
  'whatsappPhoneNumberIds',
  'whatsappDownstreamUrl',
  'whatsappAppSecretName',
  'whatsappVerifyTokenName',
  'whatsappAccessTokenName',
  'whatsappToolingTokensName',
  'graphUrl',
  'reviewDomainPrefix',
  'holdSpikePerHour',
  'emailFilterConcurrency',
  'whatsappSendConcurrency',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

/** The retention periods CloudWatch Logs accepts. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922] as const;

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : value),
    z.array(item),
  );

const wholeNumber = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Reserved concurrency: a number, or "none" / null for the account's unreserved pool. */
const concurrency = z.preprocess((value) => (value === 'none' ? null : value), wholeNumber(1, 1000).nullable());

// A domain name, in lower case: labels of letters, digits and inner hyphens.
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
// A Secrets Manager secret name: the characters the service allows.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// A Cognito hosted-domain prefix: lower-case letters, digits and hyphens, not starting or ending
// with a hyphen. The service also refuses the words aws, amazon and cognito in it.
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const httpsUrl = z.url({ protocol: /^https$/ });

export const settingsSchema = z
  .object({
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'letters, digits and hyphens, starting with a letter'),
    councilName: z.string().trim().min(1).max(100),
    internalDomains: list(z.string().toLowerCase().regex(DOMAIN, 'must be a domain such as example.gov.uk')).pipe(
      z.array(z.string()).min(1, 'list at least one domain'),
    ),
    senderAddress: z.email(),
    igNotificationAddresses: list(z.email()),
    alarmEmail: z.email(),
    // The failure queue keeps a failed event 14 days; the message it names must outlive it.
    retentionDays: wholeNumber(15, 3650),
    logRetentionDays: z.coerce
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), `must be one of ${LOG_RETENTION_DAYS.join(', ')}`),
    // Microsoft 365's outbound ranges: the only servers the council's connector sends from.
    mailManagerAllowedCidrs: list(z.cidrv4()).pipe(z.array(z.string()).min(1, "list Microsoft 365's outbound address ranges")),
    originSecretName: z.string().regex(SECRET_NAME),
    whatsappPhoneNumberIds: list(z.string().regex(/^\d{1,20}$/, 'must be a numeric phone number id')),
    whatsappDownstreamUrl: z.preprocess((value) => (value === '' ? null : value), httpsUrl.nullable()),
    whatsappAppSecretName: z.string().regex(SECRET_NAME),
    whatsappVerifyTokenName: z.string().regex(SECRET_NAME),
    whatsappAccessTokenName: z.string().regex(SECRET_NAME),
    whatsappToolingTokensName: z.string().regex(SECRET_NAME),
    graphUrl: httpsUrl,
    reviewDomainPrefix: z
      .string()
      .regex(DOMAIN_PREFIX, 'lower-case letters, digits and hyphens')
      .refine((s) => !/aws|amazon|cognito/.test(s), 'must not contain aws, amazon or cognito'),
    holdSpikePerHour: wholeNumber(1, 100000),
    emailFilterConcurrency: concurrency,
    whatsappSendConcurrency: concurrency,
  })
  .strict()
  .superRefine((s, ctx) => {
    const secretNames = [s.whatsappAppSecretName, s.whatsappVerifyTokenName, s.whatsappAccessTokenName, s.whatsappToolingTokensName, s.originSecretName];
    if (new Set(secretNames).size !== secretNames.length) {
      ctx.addIssue({ code: 'custom', path: ['whatsappAppSecretName'], message: 'the WhatsApp and origin secret names must differ' });
    }
  });

export type Settings = z.infer<typeof settingsSchema>;

/** Reads and validates the settings; throws ConfigError listing every bad or missing key. */
export function readSettings(node: Node): Settings {
  const raw = Object.fromEntries(SETTING_KEYS.map((key) => [key, node.tryGetContext(key) as unknown]));
  return parseSettings(raw);
}

export function parseSettings(raw: Record<string, unknown>): Settings {
  const result = settingsSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : '(settings)';
    const missing = issue.path.length === 1 && raw[String(issue.path[0])] === undefined;
    const message = missing ? 'is not set (add it to cdk.json "context")' : issue.message;
    return `${key} ${message}`;
  });
  throw new ConfigError('CDK context', `invalid settings:\n  ${problems.join('\n  ')}`);
}
