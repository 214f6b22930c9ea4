// Settings of the local gateway, from environment variables. Every reader fails fast with the
// variable's name and what is wrong; values that may hold secrets (relay credentials, the review
// token) are never repeated in a message.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.ts';

export interface LocalConfig {
  host: string;
  smtpPort: number;
  httpPort: number;
  /** Absolute path. */
  dataDir: string;
  /** Absolute path; undefined means the shipped rules/ with rules/local/. */
  rulesDir?: string;
  /** Undefined: passed mail goes to the outbox folder. */
  relay?: URL;
  /** Undefined: the policy's internalDomains. */
  senderDomains?: string[];
  /** Header From of explanatory bounces; undefined: postmaster at the first sender domain. */
  bounceFrom?: string;
  reviewToken: string;
  /** True when no token was configured and one was made up for this run. */
  reviewTokenGenerated: boolean;
  /** STARTTLS with the council's certificate; undefined: no TLS (loopback or a trusted network only). */
  smtpTls?: SmtpTlsConfig;
  /** Absolute path of the SMTP AUTH credentials file; undefined: no login. */
  smtpUsersFile?: string;
  /** Absolute path of the named reviewers' file (GATEWAY_REVIEW_USERS_FILE); undefined: the review token only. */
  reviewUsersFile?: string;
}

export interface SmtpTlsConfig {
  /** Absolute paths of the PEM certificate (chain) and its private key. */
  certFile: string;
  keyFile: string;
  /** True: MAIL FROM is refused until the client has started TLS. */
  required: boolean;
}

type Env = Record<string, string | undefined>;

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

export function readPort(env: Env, name: string, fallback: number): number {
  const v = value(env, name);
  if (v === undefined) return fallback;
  const port = /^\d{1,5}$/.test(v) ? Number(v) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new ConfigError(name, `must be a port number from 0 to 65535 (0 picks a free port), not "${v}"`);
  return port;
}

function readHost(env: Env): string {
  const v = value(env, 'GATEWAY_HOST') ?? '127.0.0.1';
  if (/\s|\//.test(v)) throw new ConfigError('GATEWAY_HOST', `must be a host name or IP address to listen on, not "${v}"`);
  return v;
}

function readDirectory(env: Env, name: string, cwd: string, mustExist: boolean): string | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  const path = resolve(cwd, v);
  if (mustExist) {
    if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new ConfigError(name, `no such folder: ${path}`);
  }
  return path;
}

function readRelay(env: Env): URL | undefined {
  const v = value(env, 'GATEWAY_SMTP_RELAY');
  if (v === undefined) return undefined;
  const help = 'must be an SMTP URL such as smtp://relay.example.gov.uk:587 or smtps://user:password@relay.example.gov.uk:465';
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ConfigError('GATEWAY_SMTP_RELAY', help);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) throw new ConfigError('GATEWAY_SMTP_RELAY', help);
  return url;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isDomainName(name: string): boolean {
  const labels = name.split('.');
  return name.length <= 253 && labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

function readDomains(env: Env, name: string): string[] | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  const domains = v.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
  const bad = domains.filter((d) => !isDomainName(d));
  if (domains.length === 0 || bad.length > 0) {
    throw new ConfigError(name, `must be a comma-separated list of domain names (such as example.gov.uk,example.org)${bad.length ? `; not a domain: "${bad[0]}"` : ''}`);
  }
  return domains;
}

function readBounceFrom(env: Env): string | undefined {
  const v = value(env, 'GATEWAY_BOUNCE_FROM');
  if (v !== undefined && (!/@/.test(v) || /[\r\n]/.test(v))) throw new ConfigError('GATEWAY_BOUNCE_FROM', 'must be an email address, optionally with a display name ("Mail gateway <postmaster@example.gov.uk>")');
  return v;
}

function readFilePath(env: Env, name: string, cwd: string): string | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  const path = resolve(cwd, v);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new ConfigError(name, `no such file: ${path}`);
  return path;
}

function readBoolean(env: Env, name: string): boolean | undefined {
  const v = value(env, name)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  throw new ConfigError(name, `must be true or false, not "${v}"`);
}

function readSmtpTls(env: Env, cwd: string): SmtpTlsConfig | undefined {
  const certFile = readFilePath(env, 'GATEWAY_SMTP_TLS_CERT', cwd);
  const keyFile = readFilePath(env, 'GATEWAY_SMTP_TLS_KEY', cwd);
  const required = readBoolean(env, 'GATEWAY_SMTP_REQUIRE_TLS');
  if (certFile && !keyFile) throw new ConfigError('GATEWAY_SMTP_TLS_KEY', 'must be set with GATEWAY_SMTP_TLS_CERT: the private key of the certificate');
  if (keyFile && !certFile) throw new ConfigError('GATEWAY_SMTP_TLS_CERT', 'must be set with GATEWAY_SMTP_TLS_KEY: the certificate of the private key');
  if (!certFile || !keyFile) {
    if (required) throw new ConfigError('GATEWAY_SMTP_REQUIRE_TLS', 'needs GATEWAY_SMTP_TLS_CERT and GATEWAY_SMTP_TLS_KEY');
    return undefined;
  }
  // With a certificate, TLS is required unless turned off: mail crossing a network stays encrypted.
  return { certFile, keyFile, required: required ?? true };
}

function readUsersFile(env: Env, cwd: string, tls: SmtpTlsConfig | undefined): string | undefined {
  const path = readFilePath(env, 'GATEWAY_SMTP_USERS_FILE', cwd);
  if (path && !tls) throw new ConfigError('GATEWAY_SMTP_USERS_FILE', 'needs GATEWAY_SMTP_TLS_CERT and GATEWAY_SMTP_TLS_KEY: passwords must not cross the network in clear');
  return path;
}

const MIN_TOKEN_CHARS = 16;

function readToken(env: Env): { reviewToken: string; reviewTokenGenerated: boolean } {
  const v = value(env, 'GATEWAY_REVIEW_TOKEN');
  if (v === undefined) return { reviewToken: randomBytes(24).toString('base64url'), reviewTokenGenerated: true };
  if (v.length < MIN_TOKEN_CHARS || /\s/.test(v)) {
    throw new ConfigError('GATEWAY_REVIEW_TOKEN', `must be at least ${MIN_TOKEN_CHARS} characters with no spaces (or unset, to have one generated)`);
  }
  return { reviewToken: v, reviewTokenGenerated: false };
}

export function readLocalConfig(env: Env = process.env, cwd: string = process.cwd()): LocalConfig {
  const rulesDir = readDirectory(env, 'GATEWAY_RULES_DIR', cwd, true);
  const relay = readRelay(env);
  const senderDomains = readDomains(env, 'GATEWAY_SENDER_DOMAINS');
  const bounceFrom = readBounceFrom(env);
  const smtpTls = readSmtpTls(env, cwd);
  const smtpUsersFile = readUsersFile(env, cwd, smtpTls);
  const reviewUsersFile = readFilePath(env, 'GATEWAY_REVIEW_USERS_FILE', cwd);
  return {
    host: readHost(env),
    smtpPort: readPort(env, 'GATEWAY_SMTP_PORT', 2525),
    httpPort: readPort(env, 'GATEWAY_HTTP_PORT', 8080),
    dataDir: readDirectory(env, 'GATEWAY_DATA_DIR', cwd, false) ?? resolve(cwd, '.gateway'),
    ...(rulesDir ? { rulesDir } : {}),
    ...(relay ? { relay } : {}),
    ...(senderDomains ? { senderDomains } : {}),
    ...(bounceFrom ? { bounceFrom } : {}),
    ...(smtpTls ? { smtpTls } : {}),
    ...(smtpUsersFile ? { smtpUsersFile } : {}),
    ...(reviewUsersFile ? { reviewUsersFile } : {}),
    ...readToken(env),
  };
}

/** The relay as it may be printed: scheme, host and port, never credentials. */
export function describeRelay(relay: URL): string {
  return `${relay.protocol}//${relay.hostname}${relay.port ? `:${relay.port}` : ''}`;
}
