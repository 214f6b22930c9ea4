// Proof that a message handed to the Mail Manager door came from the council's own Microsoft 365
// tenant, and not from any other tenant sharing Microsoft's outbound servers (the traffic policy
// can only admit those servers' addresses, which every tenant uses). The council's Exchange Online
// transport rule stamps ORIGIN_HEADER with a secret token on the councillors' mail it routes here;
// no other sender knows the token. The header is removed before the message goes anywhere else
// (held copy, send), so a message the gateway sent can never come back with a valid token.
// See docs/adr/0001-outbound-email-door.md.
import { timingSafeEqual } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { decodeEncodedWords } from '../../mime/encoded-words.ts';
import { bytesToText, findFields, rawFields, unfoldedValue } from '../../mime/raw-headers.ts';
import { isInternalAddress } from '../../policy/recipients.ts';

/** The header the transport rule sets (an X- header: Mail Manager rules can also read it). */
export const ORIGIN_HEADER = 'X-Gateway-Origin';

/** Why a message was refused; fixed words, safe for logs and metrics (no addresses). */
export type OriginRefusal = 'no-token' | 'several-tokens' | 'wrong-token' | 'no-single-from' | 'from-outside';

export type OriginCheck = { ok: true; raw: Buffer; from: string } | { ok: false; reason: OriginRefusal };

export interface OriginPolicy {
  /** The token the transport rule stamps; compared in constant time. */
  token: string;
  internalDomains: readonly string[];
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // Compare equal lengths only; the length of the expected token is not a secret worth hiding.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The raw message without any ORIGIN_HEADER field; every other byte as it was. */
export function withoutOriginHeader(raw: Buffer): Buffer {
  const fields = findFields(raw, ORIGIN_HEADER);
  if (fields.length === 0) return raw;
  const parts: Buffer[] = [];
  let at = 0;
  for (const field of fields) {
    parts.push(raw.subarray(at, field.start));
    at = field.end;
  }
  parts.push(raw.subarray(at));
  return Buffer.concat(parts);
}

/** The one mailbox in From, or undefined when there is none or more than one. */
function singleFrom(raw: Buffer): string | undefined {
  const fields = findFields(raw, 'from');
  if (fields.length !== 1) return undefined;
  const value = decodeEncodedWords(bytesToText(unfoldedValue(raw, fields[0]!)));
  const mailboxes = addressparser(value, { flatten: true }).filter((a) => a.address.includes('@'));
  return mailboxes.length === 1 ? mailboxes[0]!.address.trim().toLowerCase() : undefined;
}

/**
 * Accepts the message only with exactly one ORIGIN_HEADER carrying the token and a single From
 * in the internal domains; returns it with the header removed.
 */
export function checkOrigin(raw: Buffer, policy: OriginPolicy): OriginCheck {
  if (policy.token.length < 16) throw new Error('the origin token is too short to be a secret');
  const stamped = rawFields(raw).filter((f) => f.name.toLowerCase() === ORIGIN_HEADER.toLowerCase());
  if (stamped.length === 0) return { ok: false, reason: 'no-token' };
  // Exchange replaces the header's value; two copies mean someone else added one too.
  if (stamped.length > 1) return { ok: false, reason: 'several-tokens' };
  const given = bytesToText(unfoldedValue(raw, stamped[0]!)).trim();
  if (!sameToken(given, policy.token)) return { ok: false, reason: 'wrong-token' };
  const from = singleFrom(raw);
  if (!from) return { ok: false, reason: 'no-single-from' };
  if (!isInternalAddress(from, policy.internalDomains)) return { ok: false, reason: 'from-outside' };
  return { ok: true, raw: withoutOriginHeader(raw), from };
}
