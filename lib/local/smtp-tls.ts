// Loads the council's certificate and key for the SMTP door's STARTTLS, failing at start-up (not
// at the first client) when they cannot be read or do not belong together.
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import { ConfigError } from '../errors.ts';
import type { SmtpTlsConfig } from './config.ts';
import type { SmtpDoorTls } from './smtp-door.ts';

async function read(setting: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ConfigError(setting, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}

export async function loadSmtpTls(config: SmtpTlsConfig): Promise<SmtpDoorTls> {
  const cert = await read('GATEWAY_SMTP_TLS_CERT', config.certFile);
  const key = await read('GATEWAY_SMTP_TLS_KEY', config.keyFile);
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    // OpenSSL's reason (e.g. "key values mismatch"), never the bytes of either file.
    const reason = (error as { reason?: string; code?: string }).reason ?? (error as { code?: string }).code ?? 'unreadable';
    throw new ConfigError('GATEWAY_SMTP_TLS_CERT', `the certificate and the key in GATEWAY_SMTP_TLS_KEY cannot be used together (${reason}); both must be PEM files`, { cause: error });
  }
  return { cert, key, required: config.required };
}
