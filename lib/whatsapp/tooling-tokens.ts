// The tokens the gateway issues to councillors' WhatsApp tooling. Only the gateway holds Meta's
// access token, so tooling cannot post to Meta directly and skip the scan; each councillor's
// tooling presents its own token instead, which can be revoked alone and whose name is recorded
// with every decision it leads to.
//
// A token is 32 random bytes (256 bits), shown once when issued. Only its SHA-256 is kept: a
// random token of that length needs no salt or slow hash, since nobody can guess it from the hash,
// and the hash file or secret then gives nothing away if it leaks. A presented token is compared
// with every kept hash in constant time, so the time taken says nothing about which were close.
//
// The list is one JSON document, the same locally (a file in the data folder, written by
// `gateway whatsapp-token`) and on AWS (a Secrets Manager secret the operator puts that file into).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ConfigError, GatewayError } from '../errors.ts';

/** Marks a gateway token, so it is told apart from a Meta token at a glance and by secret scanners. */
export const TOOLING_TOKEN_PREFIX = 'wagw_';

/** What a token is called: recorded with decisions, so a label ("cllr-porter-laptop"), not a secret. */
export const TOKEN_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const ToolingToken = z.strictObject({
  name: z.string().regex(TOKEN_NAME),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  issuedAt: z.iso.datetime(),
});
export type ToolingToken = z.infer<typeof ToolingToken>;

// Loose at the top level: the secret the stack creates holds a generated placeholder key as well.
const ToolingTokenList = z.looseObject({ tokens: z.array(ToolingToken) }).refine(
  (list) => new Set(list.tokens.map((t) => t.name)).size === list.tokens.length,
  { message: 'two tokens have the same name' },
);

export class TokenListError extends GatewayError {
  constructor(message: string) {
    super(message);
    this.name = 'TokenListError';
  }
}

/** Reads a token list; `source` names the file or secret in the error, which quotes no value. */
export function parseToolingTokens(text: string, source: string): ToolingToken[] {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(source, 'is not JSON; it should be {"tokens":[…]} as written by gateway whatsapp-token');
  }
  const parsed = ToolingTokenList.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(source, `is not a list of WhatsApp tooling tokens (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'})`);
  }
  return parsed.data.tokens;
}

export function serialiseToolingTokens(tokens: readonly ToolingToken[]): string {
  return `${JSON.stringify({ tokens }, null, 2)}\n`;
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** A new token and the entry that stands for it; the token itself is kept nowhere. */
export function issueToolingToken(tokens: readonly ToolingToken[], name: string, now: Date): { token: string; tokens: ToolingToken[] } {
  if (!TOKEN_NAME.test(name)) {
    throw new TokenListError('a token name is 1 to 64 lower-case letters, digits, dots, hyphens or underscores, starting with a letter or digit');
  }
  if (tokens.some((t) => t.name === name)) throw new TokenListError(`a token named ${name} exists already; revoke it first or choose another name`);
  const token = `${TOOLING_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokens: [...tokens, { name, sha256: sha256(token).toString('hex'), issuedAt: now.toISOString() }] };
}

export function revokeToolingToken(tokens: readonly ToolingToken[], name: string): ToolingToken[] {
  const kept = tokens.filter((t) => t.name !== name);
  if (kept.length === tokens.length) throw new TokenListError(`no token is named ${name}`);
  return kept;
}

/** The name of the token presented, or undefined. Every entry is compared, in constant time. */
export function toolingTokenName(tokens: readonly ToolingToken[], presented: string): string | undefined {
  const digest = sha256(presented);
  let found: string | undefined;
  for (const entry of tokens) {
    if (timingSafeEqual(digest, Buffer.from(entry.sha256, 'hex')) && found === undefined) found = entry.name;
  }
  return found;
}
