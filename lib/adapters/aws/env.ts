// The Lambda functions' settings: every environment variable the CDK app sets, read in one place.
// A function names the variables it needs and reads them once at cold start; a missing or
// malformed one fails fast with a ConfigError naming it. Values are never repeated in a message
// when they could be secret (none of these are secrets: the WhatsApp ones are secret *names*).
//
// To add a variable: add one line to VARIABLES with its reader; its type follows.
import { ConfigError } from '../../errors.ts';

type Env = Record<string, string | undefined>;
type Reader<T> = (name: string, value: string | undefined) => T;

const present = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v ? v : undefined;
};

function required(name: string, value: string | undefined): string {
  const v = present(value);
  if (v === undefined) throw new ConfigError(name, 'is not set; the deployment must set it');
  return v;
}

const text = (): Reader<string> => required;

const optionalText = (): Reader<string | undefined> => (_name, value) => present(value);

/** An S3 key prefix: no leading slash, always one trailing slash. */
const prefix = (fallback: string): Reader<string> => (name, value) => {
  const v = present(value) ?? fallback;
  if (v.startsWith('/') || /\s/.test(v)) throw new ConfigError(name, `must be an S3 key prefix such as "${fallback}", not "${v}"`);
  return v.endsWith('/') ? v : `${v}/`;
};

const positiveInt = (fallback: number): Reader<number> => (name, value) => {
  const v = present(value);
  if (v === undefined) return fallback;
  const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
  if (!(n > 0)) throw new ConfigError(name, `must be a whole number greater than 0, not "${v}"`);
  return n;
};

/** An address SES can send from: a bare address, no display name. */
const address = (): Reader<string> => (name, value) => {
  const v = required(name, value);
  if (!/^[^\s@<>",]{1,64}@[^\s@<>",]{1,255}$/.test(v)) throw new ConfigError(name, `must be a bare email address such as postmaster@example.gov.uk, not "${v}"`);
  return v;
};

const arn = (): Reader<string> => (name, value) => {
  const v = required(name, value);
  if (!v.startsWith('arn:')) throw new ConfigError(name, `must be an ARN (arn:aws:…), not "${v}"`);
  return v;
};

function parseUrl(name: string, v: string): URL {
  let url: URL;
  try {
    url = new URL(v);
  } catch (cause) {
    throw new ConfigError(name, 'must be an absolute https:// URL', { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(name, 'must be an absolute https:// URL');
  return url;
}

const url = (fallback: string): Reader<URL> => (name, value) => parseUrl(name, present(value) ?? fallback);

const optionalUrl = (): Reader<URL | undefined> => (name, value) => {
  const v = present(value);
  return v === undefined ? undefined : parseUrl(name, v);
};

/** An https:// address with nothing but a host (the Cognito sign-in domain). */
const httpsOrigin = (): Reader<URL> => (name, value) => {
  const url = parseUrl(name, required(name, value));
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, `must be an https:// origin with no path, such as https://example.auth.eu-west-2.amazoncognito.com, not "${value?.trim()}"`);
  }
  return url;
};

/** An https:// page address that can be an OAuth redirect URI: no query, no fragment. */
const httpsPage = (): Reader<URL> => (name, value) => {
  const url = parseUrl(name, required(name, value));
  if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, `must be an https:// address with no query or fragment, not "${value?.trim()}"`);
  }
  return url;
};

/** A Cognito app client id: word characters (and "+"), at most 128. */
const clientId = (): Reader<string> => (name, value) => {
  const v = required(name, value);
  if (!/^[\w+]{1,128}$/.test(v)) throw new ConfigError(name, `must be a Cognito app client id, not "${v}"`);
  return v;
};

/** OAuth scopes, space- or comma-separated; "openid" must be among them (it brings the ID token). */
const scopes = (): Reader<string[]> => (name, value) => {
  const list = required(name, value).split(/[\s,]+/).filter((s) => s !== '');
  const bad = list.find((s) => !/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/.test(s));
  if (bad !== undefined) throw new ConfigError(name, `"${bad}" is not an OAuth scope`);
  if (!list.includes('openid')) throw new ConfigError(name, 'must include openid, which brings the ID token the review API checks');
  return list;
};

/** Comma-separated domain names, at least one, lower-cased. */
const domains = (): Reader<string[]> => (name, value) => {
  const list = required(name, value).split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const bad = list.find((d) => !/^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/.test(d) || !d.includes('.'));
  if (bad !== undefined || list.length === 0) throw new ConfigError(name, `must list domains such as example.gov.uk, comma-separated`);
  return list;
};

/** Comma-separated; unset (or only commas) is undefined, which callers read as "any". */
const optionalList = (): Reader<string[] | undefined> => (_name, value) => {
  const items = (present(value) ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
};

export const VARIABLES = {
  /** Message bucket: intake copies and held copies. */
  GATEWAY_BUCKET: text(),
  GATEWAY_INTAKE_PREFIX: prefix('intake/'),
  GATEWAY_HELD_PREFIX: prefix('held/'),
  /** Decision records (pk "id", TTL "expiresAt"); also the idempotency claims. */
  GATEWAY_DECISIONS_TABLE: text(),
  /** Held items (pk "ref", GSI "status-index" on status + heldAt). */
  GATEWAY_HELD_TABLE: text(),
  GATEWAY_ALERT_TOPIC_ARN: arn(),
  /** Verified SES address bounces and notices are sent from. */
  GATEWAY_SENDER_ADDRESS: address(),
  /** Days held content is kept. */
  GATEWAY_RETENTION_DAYS: positiveInt(30),
  /** Rule YAML files inside the bundle. */
  GATEWAY_RULES_DIR: text(),
  /** The council's email domains: the origin check and which recipients Exchange already served. */
  GATEWAY_INTERNAL_DOMAINS: domains(),
  /** Secret holding the token the Exchange transport rule stamps on councillors' outbound mail. */
  GATEWAY_ORIGIN_SECRET_NAME: text(),
  /** The Mail Manager archive holding every relayed message with its SMTP envelope. */
  GATEWAY_ARCHIVE_ID: text(),
  /** The Mail Manager ingress endpoint the council's connector delivers to. */
  GATEWAY_INGRESS_POINT_ID: text(),
  WHATSAPP_APP_SECRET_NAME: text(),
  WHATSAPP_VERIFY_TOKEN_NAME: text(),
  WHATSAPP_ACCESS_TOKEN_NAME: text(),
  /** The secret holding the names and SHA-256 hashes of the tokens issued to councillors' tooling. */
  WHATSAPP_TOOLING_TOKENS_NAME: text(),
  /** Unset: any phone number id is accepted. */
  WHATSAPP_PHONE_NUMBER_IDS: optionalList(),
  /** Unset: webhook events are not relayed. */
  WHATSAPP_DOWNSTREAM_URL: optionalUrl(),
  GATEWAY_GRAPH_URL: url('https://graph.facebook.com'),
  /** The reviewers' Cognito hosted sign-in domain, as https://<prefix>.auth.<region>.amazoncognito.com. */
  GATEWAY_REVIEW_SIGN_IN_URL: httpsOrigin(),
  /** The review page's Cognito app client (public: no secret). */
  GATEWAY_REVIEW_CLIENT_ID: clientId(),
  /** The review page's address: where Cognito sends officers back after signing in and out. */
  GATEWAY_REVIEW_PAGE_URL: httpsPage(),
  /** What the page asks Cognito for at sign-in, e.g. "openid email profile". */
  GATEWAY_REVIEW_SCOPES: scopes(),
  POWERTOOLS_SERVICE_NAME: optionalText(),
  POWERTOOLS_METRICS_NAMESPACE: optionalText(),
} as const satisfies Record<string, Reader<unknown>>;

export type VariableName = keyof typeof VARIABLES;
export type EnvValues<N extends VariableName> = { [K in N]: ReturnType<(typeof VARIABLES)[K]> };

/** Reads the named variables; throws ConfigError for the first missing or malformed one. */
export function readEnv<N extends VariableName>(names: readonly N[], env: Env = process.env): EnvValues<N> {
  const values = {} as Record<string, unknown>;
  for (const name of names) values[name] = VARIABLES[name](name, env[name]);
  return values as EnvValues<N>;
}

/** What the email filter reads (the CDK app sets these on it). */
export const EMAIL_FILTER_VARIABLES = [
  'GATEWAY_BUCKET',
  'GATEWAY_INTAKE_PREFIX',
  'GATEWAY_HELD_PREFIX',
  'GATEWAY_DECISIONS_TABLE',
  'GATEWAY_HELD_TABLE',
  'GATEWAY_ALERT_TOPIC_ARN',
  'GATEWAY_SENDER_ADDRESS',
  'GATEWAY_RETENTION_DAYS',
  'GATEWAY_RULES_DIR',
  'GATEWAY_INTERNAL_DOMAINS',
  'GATEWAY_ORIGIN_SECRET_NAME',
  'GATEWAY_ARCHIVE_ID',
  'GATEWAY_INGRESS_POINT_ID',
] as const satisfies readonly VariableName[];

export type EmailFilterEnv = EnvValues<(typeof EMAIL_FILTER_VARIABLES)[number]>;

/**
 * What the review API reads: where held items and content are, whom notices come from, the rules,
 * and how the page signs officers in.
 */
export const REVIEW_API_VARIABLES = [
  'GATEWAY_BUCKET',
  'GATEWAY_HELD_TABLE',
  'GATEWAY_SENDER_ADDRESS',
  'GATEWAY_RULES_DIR',
  // Releasing a held WhatsApp message sends it to Graph with the business's access token.
  'WHATSAPP_ACCESS_TOKEN_NAME',
  'GATEWAY_GRAPH_URL',
  'GATEWAY_REVIEW_SIGN_IN_URL',
  'GATEWAY_REVIEW_CLIENT_ID',
  'GATEWAY_REVIEW_PAGE_URL',
  'GATEWAY_REVIEW_SCOPES',
] as const satisfies readonly VariableName[];

export type ReviewApiEnv = EnvValues<(typeof REVIEW_API_VARIABLES)[number]>;

/** What the WhatsApp send proxy reads. WHATSAPP_PHONE_NUMBER_IDS may be left unset (any id). */
export const WHATSAPP_SEND_VARIABLES = [
  'GATEWAY_BUCKET',
  'GATEWAY_INTAKE_PREFIX',
  'GATEWAY_HELD_PREFIX',
  'GATEWAY_DECISIONS_TABLE',
  'GATEWAY_HELD_TABLE',
  'GATEWAY_ALERT_TOPIC_ARN',
  'GATEWAY_RETENTION_DAYS',
  'GATEWAY_RULES_DIR',
  'WHATSAPP_ACCESS_TOKEN_NAME',
  'WHATSAPP_TOOLING_TOKENS_NAME',
  'WHATSAPP_PHONE_NUMBER_IDS',
  'GATEWAY_GRAPH_URL',
] as const satisfies readonly VariableName[];

export type WhatsAppSendEnv = EnvValues<(typeof WHATSAPP_SEND_VARIABLES)[number]>;

/** What the WhatsApp webhook reads. WHATSAPP_DOWNSTREAM_URL may be left unset (no relay). */
export const WHATSAPP_WEBHOOK_VARIABLES = [
  'GATEWAY_DECISIONS_TABLE',
  'GATEWAY_ALERT_TOPIC_ARN',
  'GATEWAY_RULES_DIR',
  'WHATSAPP_APP_SECRET_NAME',
  'WHATSAPP_VERIFY_TOKEN_NAME',
  'WHATSAPP_DOWNSTREAM_URL',
] as const satisfies readonly VariableName[];

export type WhatsAppWebhookEnv = EnvValues<(typeof WHATSAPP_WEBHOOK_VARIABLES)[number]>;
