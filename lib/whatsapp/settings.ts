// The WhatsApp doors' settings. Locally they are environment variables; on AWS the three secrets
// come from Secrets Manager and the rest from the function's environment, through the parsers
// here, so both read a value the same way. Secret values are never repeated in an error.
import { ConfigError } from '../errors.ts';
import { isPhoneNumberId } from './graph-path.ts';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';

export interface WhatsAppSettings {
  /** Compared with hub.verify_token in the webhook handshake. */
  verifyToken?: string;
  /** Key of the webhook's X-Hub-Signature-256 (and of the relay's re-signing). */
  appSecret?: string;
  /** Meta's token: sent to Graph with passed and released messages, and never accepted from tooling. */
  accessToken?: string;
  /** Business phone number ids the send proxy accepts; undefined accepts any. */
  phoneNumberIds?: readonly string[];
  /** Graph's base URL, without a trailing slash. */
  graphUrl: string;
  /** Where webhook events are relayed; undefined: no relay. */
  downstreamUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function envValue(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

export function parsePhoneNumberIds(name: string, value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  const bad = ids.find((id) => !isPhoneNumberId(id));
  if (ids.length === 0 || bad !== undefined) {
    throw new ConfigError(name, `must be a comma-separated list of WhatsApp phone number ids (digits only)${bad !== undefined ? `; not an id: "${bad.slice(0, 40)}"` : ''}`);
  }
  return ids;
}

/** An http(s) URL without credentials, query or fragment; returned without a trailing slash. */
export function parseHttpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, 'must be an http or https URL, such as https://graph.facebook.com');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(name, 'must be an http or https URL with no user name, password, query or fragment');
  }
  return url.href.replace(/\/+$/, '');
}

/** The settings that are not secrets, read the same way locally and on AWS. */
export function readPublicSettings(env: Env): Pick<WhatsAppSettings, 'phoneNumberIds' | 'graphUrl' | 'downstreamUrl'> {
  const phoneNumberIds = parsePhoneNumberIds('WHATSAPP_PHONE_NUMBER_IDS', envValue(env, 'WHATSAPP_PHONE_NUMBER_IDS'));
  const downstream = envValue(env, 'WHATSAPP_DOWNSTREAM_URL');
  return {
    graphUrl: parseHttpUrl('GATEWAY_GRAPH_URL', envValue(env, 'GATEWAY_GRAPH_URL') ?? DEFAULT_GRAPH_URL),
    ...(phoneNumberIds ? { phoneNumberIds } : {}),
    ...(downstream ? { downstreamUrl: parseHttpUrl('WHATSAPP_DOWNSTREAM_URL', downstream) } : {}),
  };
}

/** Local gateway: everything from environment variables. */
export function readWhatsAppSettings(env: Env = process.env): WhatsAppSettings {
  const verifyToken = envValue(env, 'WHATSAPP_VERIFY_TOKEN');
  const appSecret = envValue(env, 'WHATSAPP_APP_SECRET');
  const accessToken = envValue(env, 'WHATSAPP_ACCESS_TOKEN');
  return {
    ...readPublicSettings(env),
    ...(verifyToken ? { verifyToken } : {}),
    ...(appSecret ? { appSecret } : {}),
    ...(accessToken ? { accessToken } : {}),
  };
}

/** Why the webhook cannot run, naming the missing settings; undefined when it can. */
export function webhookNotConfigured(settings: WhatsAppSettings): string | undefined {
  const missing = [
    ...(settings.verifyToken ? [] : ['WHATSAPP_VERIFY_TOKEN']),
    ...(settings.appSecret ? [] : ['WHATSAPP_APP_SECRET']),
  ];
  if (missing.length === 0) return undefined;
  return `The WhatsApp webhook is not configured: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set, so events cannot be verified and are not accepted.`;
}
