// The SMTP door beyond localhost: STARTTLS with the council's certificate and SMTP AUTH against a
// credentials file of scrypt hashes, over real sockets (nodemailer as the council's mail server).
// The certificate is the throwaway one in test/fixtures/tls/.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import type { SmtpTlsConfig } from '../../lib/local/config.ts';
import { loadSmtpTls } from '../../lib/local/smtp-tls.ts';
import { hashPassword, SmtpUsers } from '../../lib/local/smtp-users.ts';
import { decisions, EXTERNAL, newDataDir, outbox, removeDataDirs, SENDER, start, type Harness } from './gateway-harness.ts';

const TLS_DIR = join(import.meta.dirname, '..', 'fixtures', 'tls');
const CERT_FILE = join(TLS_DIR, 'cert.pem');
const KEY_FILE = join(TLS_DIR, 'key.pem');
const CA = readFileSync(CERT_FILE);
const tlsConfig = (required = true): SmtpTlsConfig => ({ certFile: CERT_FILE, keyFile: KEY_FILE, required });

const USER = 'exchange-connector';
const PASSWORD = 'correct horse battery staple';
/** A low scrypt cost keeps the tests quick; the shipped default is 2^15. */
const TEST_LN = 10;

const running: Harness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((h) => h.gateway.stop()));
  await removeDataDirs();
});

let usersDir: string;
let usersFile: string;
beforeAll(async () => {
  usersDir = await mkdtemp(join(tmpdir(), 'gateway-users-'));
  usersFile = join(usersDir, 'smtp-users');
  await writeFile(usersFile, `# the council's Exchange send connector\n${USER}:${await hashPassword(PASSWORD, TEST_LN)}\n`);
});

afterAll(() => rm(usersDir, { recursive: true, force: true }));

async function gateway(extra: Parameters<typeof start>[2]): Promise<{ dir: string; harness: Harness }> {
  const dir = await newDataDir();
  const harness = await start(dir, {}, extra);
  running.push(harness);
  return { dir, harness };
}

type ClientOptions = SMTPTransport.Options;

/** Sends one message as the council's mail server would; resolves with the server's reply or rejects with its error. */
async function sendWith(port: number, options: Partial<ClientOptions>): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, tls: { ca: [CA], servername: 'localhost' }, ...options });
  try {
    const info = await transport.sendMail({ from: SENDER, to: EXTERNAL, subject: 'Ward update', text: 'The surgery is on Saturday.' });
    return info.response;
  } finally {
    transport.close();
  }
}

const failure = (promise: Promise<unknown>): Promise<{ responseCode?: number; response?: string; code?: string }> =>
  promise.then(
    () => ({}),
    (error: unknown) => error as { responseCode?: number; response?: string; code?: string },
  );

describe('STARTTLS', () => {
  it('delivers over TLS verified against the council certificate', async () => {
    const { dir, harness } = await gateway({ smtpTls: tlsConfig() });
    expect(await sendWith(harness.gateway.smtpPort, { requireTLS: true })).toMatch(/^250 /);
    expect((await outbox(dir)).map((i) => i.envelope.to)).toEqual([[EXTERNAL]]);
  });

  it('refuses mail sent in clear when TLS is required (the default with a certificate)', async () => {
    const { dir, harness } = await gateway({ smtpTls: tlsConfig() });
    const error = await failure(sendWith(harness.gateway.smtpPort, { ignoreTLS: true }));
    expect(error.responseCode).toBe(530);
    expect(await decisions(dir)).toEqual([]);
  });

  it('accepts mail in clear too when GATEWAY_SMTP_REQUIRE_TLS is false', async () => {
    const { harness } = await gateway({ smtpTls: tlsConfig(false) });
    expect(await sendWith(harness.gateway.smtpPort, { ignoreTLS: true })).toMatch(/^250 /);
    expect(await sendWith(harness.gateway.smtpPort, { requireTLS: true })).toMatch(/^250 /);
  });

  it('offers no STARTTLS without a certificate, so a client that insists is refused', async () => {
    const { harness } = await gateway({});
    const error = await failure(sendWith(harness.gateway.smtpPort, { requireTLS: true }));
    expect(error.code).toBe('ETLS');
  });

  it('fails at start-up, naming the setting, when the key does not belong to the certificate', async () => {
    const otherKey = join(await newDataDir(), 'other-key.pem');
    await writeFile(otherKey, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const error = await loadSmtpTls({ certFile: CERT_FILE, keyFile: otherKey, required: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe('GATEWAY_SMTP_TLS_CERT');
    expect((error as Error).message).not.toContain('PRIVATE KEY');
  });
});

describe('SMTP AUTH', () => {
  it.each(['PLAIN', 'LOGIN'])('delivers after logging in with %s over TLS', async (method) => {
    const { dir, harness } = await gateway({ smtpTls: tlsConfig(), smtpUsersFile: usersFile });
    const reply = await sendWith(harness.gateway.smtpPort, { requireTLS: true, auth: { user: USER, pass: PASSWORD }, authMethod: method });
    expect(reply).toMatch(/^250 /);
    expect(await outbox(dir)).toHaveLength(1);
  });

  it.each([
    ['a wrong password', { user: USER, pass: 'correct horse battery stapler' }],
    ['an unknown user', { user: 'cllr.jporter@rushcliffe.gov.uk', pass: PASSWORD }],
  ])('refuses %s with 535 and does not log who tried', async (_name, auth) => {
    const { dir, harness } = await gateway({ smtpTls: tlsConfig(), smtpUsersFile: usersFile });
    const error = await failure(sendWith(harness.gateway.smtpPort, { requireTLS: true, auth }));
    expect(error.responseCode).toBe(535);
    expect(await decisions(dir)).toEqual([]);
    expect(harness.logs.join('\n')).toContain('SMTP login refused');
    expect(harness.logs.join('\n')).not.toMatch(/exchange-connector|jporter|staple/);
  });

  it('refuses mail from a client that does not log in', async () => {
    const { dir, harness } = await gateway({ smtpTls: tlsConfig(), smtpUsersFile: usersFile });
    const error = await failure(sendWith(harness.gateway.smtpPort, { requireTLS: true }));
    expect(error.responseCode).toBe(530);
    expect(await decisions(dir)).toEqual([]);
  });

  it('never takes a password in clear, even where mail in clear is allowed', async () => {
    const { harness } = await gateway({ smtpTls: tlsConfig(false), smtpUsersFile: usersFile });
    const error = await failure(sendWith(harness.gateway.smtpPort, { ignoreTLS: true, auth: { user: USER, pass: PASSWORD } }));
    expect(error.responseCode).toBe(538);
  });
});

describe('SmtpUsers', () => {
  it('checks passwords against scrypt hashes', async () => {
    const users = SmtpUsers.parse(`${USER}:${await hashPassword(PASSWORD, TEST_LN)}\nother:${await hashPassword('another password!', TEST_LN)}\n`);
    expect(await users.verify(USER, PASSWORD)).toBe(true);
    expect(await users.verify('other', 'another password!')).toBe(true);
    expect(await users.verify(USER, 'another password!')).toBe(false);
    expect(await users.verify('nobody', PASSWORD)).toBe(false);
    expect(await users.verify(USER, '')).toBe(false);
  });

  it('takes a line made by lib/local/hash-password.ts, the password read from standard input', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/local/hash-password.ts', USER], { cwd: join(import.meta.dirname, '..', '..') });
    child.stdin.end(PASSWORD);
    const line = await text(child.stdout);
    expect(line).toMatch(new RegExp(`^${USER}:\\$scrypt\\$ln=15,r=8,p=1\\$`));
    expect(line).not.toContain(PASSWORD);
    expect(await SmtpUsers.parse(line).verify(USER, PASSWORD)).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(PASSWORD, TEST_LN)).not.toBe(await hashPassword(PASSWORD, TEST_LN));
  });

  it.each([
    ['a plain password', `${USER}:${PASSWORD}`, /line 1 is not/],
    ['a hash with an absurd cost', `${USER}:$scrypt$ln=40,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=`, /line 1 is not/],
    ['no user name', ':$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=', /line 1 is not/],
    ['a user twice', `# users\n${USER}:$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=\n${USER}:$scrypt$ln=10,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=`, /line 3 repeats/],
    ['nobody', '# nobody yet\n', /names no users/],
  ])('refuses a credentials file with %s, naming the line but not its content', (_name, text, message) => {
    let error: unknown;
    try {
      SmtpUsers.parse(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('staple');
    expect((error as Error).message).not.toContain(USER);
  });
});
