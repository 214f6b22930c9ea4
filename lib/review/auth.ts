// Who may use the review API. On AWS, API Gateway's JWT authorizer has already checked the Cognito
// token; here we check the officer is in the information-governance group. Locally, a bearer token
// from GATEWAY_REVIEW_TOKEN, compared in constant time. Failures say nothing about the data.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Reviewer } from './service.ts';

export const REVIEW_GROUP = 'information-governance';

export type AuthResult = { ok: true; reviewer: Reviewer } | { ok: false; status: 401 | 403; code: string; message: string };

const UNAUTHENTICATED: AuthResult = { ok: false, status: 401, code: 'unauthenticated', message: 'Sign in to review held messages.' };
const FORBIDDEN: AuthResult = { ok: false, status: 403, code: 'forbidden', message: 'Only information governance officers may review held messages.' };

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function authoriseBearer(authorization: string | undefined, token: string): AuthResult {
  const match = /^Bearer ([^\s]{1,512})$/.exec(authorization?.trim() ?? '');
  if (!match) return UNAUTHENTICATED;
  // Equal-length digests: the comparison takes the same time whatever the token's length.
  if (!timingSafeEqual(digest(match[1]!), digest(token))) return UNAUTHENTICATED;
  return { ok: true, reviewer: { id: 'local review token' } };
}

/**
 * API Gateway (HTTP API) passes an array claim flattened to a string: "[a b]". A native array, a
 * JSON array or a comma-separated string are read too, so a change of format cannot lock people out
 * or let them in.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  const text = claim.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return groupsOf(parsed);
    } catch {
      // Not JSON: API Gateway's own "[a b]" form.
    }
    return text.slice(1, -1).split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

export function authoriseClaims(claims: Record<string, unknown> | undefined, group = REVIEW_GROUP): AuthResult {
  const subject = claims?.sub;
  if (!claims || typeof subject !== 'string' || subject === '') return UNAUTHENTICATED;
  if (!groupsOf(claims['cognito:groups']).includes(group)) return FORBIDDEN;
  const name = [claims.email, claims['cognito:username'], claims.username].find((v): v is string => typeof v === 'string' && v !== '');
  return { ok: true, reviewer: { id: name ?? subject } };
}
