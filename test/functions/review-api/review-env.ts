// The environment the stack gives the review function, for tests that import its handler: what
// lib/adapters/aws/env.ts must find at cold start. A test may replace or add variables.
import { vi } from 'vitest';

export const SIGN_IN_ENV = {
  GATEWAY_REVIEW_SIGN_IN_URL: 'https://rushcliffe-gateway-review.auth.eu-west-2.amazoncognito.com',
  GATEWAY_REVIEW_CLIENT_ID: '5n0tar3alcl1ent1d0123456789',
  GATEWAY_REVIEW_PAGE_URL: 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/',
  GATEWAY_REVIEW_SCOPES: 'openid email profile',
} as const;

export function stubReviewEnv(extra: Record<string, string> = {}): void {
  const env: Record<string, string> = {
    GATEWAY_BUCKET: 'gateway-messages',
    GATEWAY_HELD_TABLE: 'gateway-held',
    GATEWAY_SENDER_ADDRESS: 'postmaster@rushcliffe.gov.uk',
    GATEWAY_RULES_DIR: new URL('../../../rules', import.meta.url).pathname,
    WHATSAPP_ACCESS_TOKEN_NAME: 'gateway/whatsapp/access-token',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    ...SIGN_IN_ENV,
    ...extra,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}
