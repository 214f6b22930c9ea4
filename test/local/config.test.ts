import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import { describeRelay, isDomainName, readLocalConfig } from '../../lib/local/config.ts';

const cwd = mkdtempSync(join(tmpdir(), 'gateway-config-'));

describe('readLocalConfig', () => {
  it('has the documented defaults', () => {
    const config = readLocalConfig({}, cwd);
    expect(config).toMatchObject({ host: '127.0.0.1', smtpPort: 2525, httpPort: 8080, dataDir: join(cwd, '.gateway'), reviewTokenGenerated: true });
    expect(config.rulesDir).toBeUndefined();
    expect(config.relay).toBeUndefined();
    expect(config.senderDomains).toBeUndefined();
    expect(config.reviewToken.length).toBeGreaterThanOrEqual(32);
    expect(readLocalConfig({}, cwd).reviewToken).not.toBe(config.reviewToken);
  });

  it('reads every variable', () => {
    const config = readLocalConfig(
      {
        GATEWAY_SMTP_PORT: '0',
        GATEWAY_HTTP_PORT: '9090',
        GATEWAY_HOST: '0.0.0.0',
        GATEWAY_DATA_DIR: 'state',
        GATEWAY_RULES_DIR: '.',
        GATEWAY_SMTP_RELAY: 'smtps://user:secret@relay.example.gov.uk:465',
        GATEWAY_REVIEW_TOKEN: 'a-long-enough-review-token',
        GATEWAY_SENDER_DOMAINS: 'Example.gov.uk, other.example.org',
        GATEWAY_BOUNCE_FROM: 'Gateway <gw@example.gov.uk>',
      },
      cwd,
    );
    expect(config).toMatchObject({
      smtpPort: 0,
      httpPort: 9090,
      host: '0.0.0.0',
      dataDir: join(cwd, 'state'),
      rulesDir: cwd,
      reviewToken: 'a-long-enough-review-token',
      reviewTokenGenerated: false,
      senderDomains: ['example.gov.uk', 'other.example.org'],
      bounceFrom: 'Gateway <gw@example.gov.uk>',
    });
    expect(describeRelay(config.relay!)).toBe('smtps://relay.example.gov.uk:465');
  });

  it.each([
    ['GATEWAY_SMTP_PORT', 'abc', /port number/],
    ['GATEWAY_SMTP_PORT', '70000', /port number/],
    ['GATEWAY_HTTP_PORT', '-1', /port number/],
    ['GATEWAY_HOST', 'local host', /host name/],
    ['GATEWAY_RULES_DIR', 'no-such-folder', /no such folder/],
    ['GATEWAY_SMTP_RELAY', 'http://user:secret@relay.example.gov.uk', /SMTP URL/],
    ['GATEWAY_SMTP_RELAY', 'not a url secret', /SMTP URL/],
    ['GATEWAY_REVIEW_TOKEN', 'short', /at least 16/],
    ['GATEWAY_SENDER_DOMAINS', 'example.gov.uk,not_a domain', /not a domain: "not_a domain"/],
    ['GATEWAY_SENDER_DOMAINS', ',', /comma-separated/],
    ['GATEWAY_BOUNCE_FROM', 'nobody', /email address/],
  ])('fails fast on a bad %s (%s)', (name, value, message) => {
    let error: unknown;
    try {
      readLocalConfig({ [name]: value }, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(name);
    expect((error as Error).message).toMatch(message);
    // Secrets are never echoed back.
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('readLocalConfig: SMTP beyond localhost', () => {
  const tlsDir = join(import.meta.dirname, '..', 'fixtures', 'tls');
  const cert = join(tlsDir, 'cert.pem');
  const key = join(tlsDir, 'key.pem');
  const usersFile = join(cwd, 'smtp-users');
  writeFileSync(usersFile, '# filled in by the tests that log in\n');

  it('has no TLS and no login by default', () => {
    const config = readLocalConfig({}, cwd);
    expect(config.smtpTls).toBeUndefined();
    expect(config.smtpUsersFile).toBeUndefined();
  });

  it('requires TLS once a certificate is set, unless told not to', () => {
    expect(readLocalConfig({ GATEWAY_SMTP_TLS_CERT: cert, GATEWAY_SMTP_TLS_KEY: key }, cwd).smtpTls).toEqual({ certFile: cert, keyFile: key, required: true });
    expect(readLocalConfig({ GATEWAY_SMTP_TLS_CERT: cert, GATEWAY_SMTP_TLS_KEY: key, GATEWAY_SMTP_REQUIRE_TLS: 'false' }, cwd).smtpTls?.required).toBe(false);
  });

  it('reads the credentials file with TLS', () => {
    const config = readLocalConfig({ GATEWAY_SMTP_TLS_CERT: cert, GATEWAY_SMTP_TLS_KEY: key, GATEWAY_SMTP_USERS_FILE: 'smtp-users' }, cwd);
    expect(config.smtpUsersFile).toBe(usersFile);
  });

  it.each([
    ['GATEWAY_SMTP_TLS_KEY', { GATEWAY_SMTP_TLS_CERT: cert }, /must be set with GATEWAY_SMTP_TLS_CERT/],
    ['GATEWAY_SMTP_TLS_CERT', { GATEWAY_SMTP_TLS_KEY: key }, /must be set with GATEWAY_SMTP_TLS_KEY/],
    ['GATEWAY_SMTP_TLS_CERT', { GATEWAY_SMTP_TLS_CERT: 'no-such.pem', GATEWAY_SMTP_TLS_KEY: key }, /no such file/],
    ['GATEWAY_SMTP_REQUIRE_TLS', { GATEWAY_SMTP_REQUIRE_TLS: 'true' }, /needs GATEWAY_SMTP_TLS_CERT/],
    ['GATEWAY_SMTP_REQUIRE_TLS', { GATEWAY_SMTP_TLS_CERT: cert, GATEWAY_SMTP_TLS_KEY: key, GATEWAY_SMTP_REQUIRE_TLS: 'perhaps' }, /true or false/],
    ['GATEWAY_SMTP_USERS_FILE', { GATEWAY_SMTP_USERS_FILE: 'smtp-users' }, /passwords must not cross the network in clear/],
    ['GATEWAY_SMTP_USERS_FILE', { GATEWAY_SMTP_TLS_CERT: cert, GATEWAY_SMTP_TLS_KEY: key, GATEWAY_SMTP_USERS_FILE: 'missing' }, /no such file/],
  ])('fails fast on %s (%j)', (name, env, message) => {
    let error: unknown;
    try {
      readLocalConfig(env, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(name);
    expect((error as Error).message).toMatch(message);
  });
});

describe('isDomainName', () => {
  it.each(['rushcliffe.gov.uk', 'a.b', 'x-1.example.org'])('accepts %s', (d) => expect(isDomainName(d)).toBe(true));
  it.each(['localhost', '-a.example.org', 'a..b', 'exa mple.org', `${'a'.repeat(64)}.org`])('rejects %s', (d) => expect(isDomainName(d)).toBe(false));
});
