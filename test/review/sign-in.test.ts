// How the page learns to sign in: /review/config.json is answered without credentials, and the
// page's Content-Security-Policy lets it fetch from Cognito's sign-in domain only in Cognito mode.
import { describe, expect, it } from 'vitest';
import { Router, type HttpRequest, type HttpResponse } from '../../lib/local/router.ts';
import { pageCsp, ReviewPage } from '../../lib/review/page.ts';
import { addReviewRoutes } from '../../lib/review/routes.ts';
import type { ReviewService } from '../../lib/review/service.ts';
import { cognitoSignIn, connectSources, TOKEN_SIGN_IN, type SignInConfig } from '../../lib/review/sign-in.ts';

const COGNITO = cognitoSignIn({
  signInUrl: new URL('https://council-review.auth.eu-west-2.amazoncognito.com/'),
  clientId: '1example23456789abcdefghij',
  pageUrl: new URL('https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/'),
  scopes: ['openid', 'email'],
});

function request(path: string): HttpRequest {
  return { method: 'GET', path, params: {}, query: new URLSearchParams(), headers: {}, body: () => Promise.resolve(Buffer.alloc(0)) };
}

async function get(signIn: SignInConfig, path: string): Promise<HttpResponse> {
  const router = addReviewRoutes(new Router(), {
    service: {} as ReviewService,
    page: new ReviewPage({ signIn }),
    authenticate: () => {
      throw new Error('the page and its settings must not ask for credentials');
    },
  });
  const match = router.match('GET', path);
  if (!match || 'allowed' in match) throw new Error(`no route for ${path}`);
  return match.handler({ ...request(path), params: match.params });
}

const connectSrc = (csp: string | undefined) => csp?.split('; ').find((d) => d.startsWith('connect-src'));

describe('sign-in settings', () => {
  it('keeps the sign-in domain as an origin and the page address as given', () => {
    expect(COGNITO).toEqual({
      mode: 'cognito',
      domain: 'https://council-review.auth.eu-west-2.amazoncognito.com',
      clientId: '1example23456789abcdefghij',
      redirectUri: 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/review/',
      scopes: ['openid', 'email'],
    });
  });

  it.each<[string, SignInConfig, string[], string]>([
    ['token', TOKEN_SIGN_IN, [], "connect-src 'self'"],
    ['cognito', COGNITO, ['https://council-review.auth.eu-west-2.amazoncognito.com'], "connect-src 'self' https://council-review.auth.eu-west-2.amazoncognito.com"],
  ])('in %s mode the page may fetch from %j besides itself', async (_mode, signIn, sources, directive) => {
    expect(connectSources(signIn)).toEqual(sources);
    const page = await get(signIn, '/review/');
    expect(connectSrc(page.headers?.['content-security-policy'])).toBe(directive);
    expect(page.headers?.['content-security-policy']).toBe(pageCsp(sources));
    // Everything else in the policy stays as strict in both modes.
    expect(pageCsp(sources).replace(directive, '')).toBe(pageCsp().replace("connect-src 'self'", ''));
  });

  it.each<[string, SignInConfig]>([
    ['token', TOKEN_SIGN_IN],
    ['cognito', COGNITO],
  ])('serves the %s settings as /review/config.json, not as a page file', async (_mode, signIn) => {
    const response = await get(signIn, '/review/config.json');
    expect(response.status).toBe(200);
    expect(response.json).toEqual(signIn);
    expect(response.headers?.['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
