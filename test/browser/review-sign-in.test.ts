// Signing in to the review page as on AWS, in the system Chromium: the page is served with Cognito
// sign-in settings that point at a local stand-in for Cognito's hosted pages (cognito-stub.ts),
// and the API accepts the stand-in's ID tokens the way API Gateway's JWT authorizer and the review
// function do (signature and audience, then the information-governance group). The officer signs
// in with the authorization code flow and PKCE, is sent back to sign in when the token stops being
// accepted, and signs out.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../lib/local/http-server.ts';
import { Router } from '../../lib/local/router.ts';
import { silentLogger } from '../../lib/log.ts';
import type { HeldRecord } from '../../lib/ports/held-items.ts';
import { authoriseClaims } from '../../lib/review/auth.ts';
import { ReviewPage } from '../../lib/review/page.ts';
import { addReviewRoutes } from '../../lib/review/routes.ts';
import { ReviewService } from '../../lib/review/service.ts';
import type { CognitoSignIn } from '../../lib/review/sign-in.ts';
import { MemoryMailer } from '../helpers/memory-ports.ts';
import { engineWith } from '../local/gateway-harness.ts';
import { MemoryHeldItems } from '../review/memory-held-items.ts';
import { hasChromium, launchChromium, SCREENSHOTS } from './chromium.ts';
import { startCognitoStub, type CognitoStub } from './cognito-stub.ts';

const CLIENT_ID = '5n0tar3alcl1ent1d0123456789';
const OFFICER = 'ig.officer@rushcliffe.gov.uk';
const REF = 'H-20261124-7KQ3PZ';
const TOKEN_KEY = 'gateway-review-token';

/** What the tests read of the page's window (the project compiles without the DOM's types). */
interface PageWindow {
  sessionStorage: Record<string, string> & { length: number };
  location: { hash: string };
}

const RAW = Buffer.from(
  ['From: Cllr Porter <cllr.jporter@rushcliffe.gov.uk>', 'To: editor@example.org', 'Subject: Claim update', '', 'Her NI number is JG 10 37 85 A.', ''].join('\r\n'),
);

const HELD: HeldRecord = {
  ref: REF,
  status: 'held',
  channel: 'email',
  heldAt: '2026-11-24T09:00:00.000Z',
  sender: 'cllr.jporter@rushcliffe.gov.uk',
  recipientDomains: ['example.org'],
  subject: 'Claim update',
  ruleIds: ['strong-identifier'],
  contentKey: `held/${REF}.eml`,
  expiresAt: '2099-01-01T00:00:00.000Z',
};

describe.skipIf(!hasChromium)('signing in to the review page with Cognito, in Chromium', () => {
  let server: RunningHttpServer;
  let cognito: CognitoStub;
  let base: string;
  let browser: Browser;
  let page: Page;
  /** The Authorization header of every API call the page made. */
  const apiCalls: string[] = [];
  /** Tokens the API stops accepting, as API Gateway does once they expire. */
  const refused = new Set<string>();
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    // The page's address is needed for the stand-in's settings and the stand-in's for the page's:
    // the server starts first and its routes are added once both are known.
    const router = new Router();
    server = await startHttpServer({ host: '127.0.0.1', port: 0, router, log: silentLogger });
    base = `http://127.0.0.1:${server.port}`;
    cognito = await startCognitoStub({ clientId: CLIENT_ID, redirectUri: `${base}/review/`, user: { email: OFFICER, groups: ['information-governance'] } });
    const signIn: CognitoSignIn = { mode: 'cognito', domain: cognito.origin, clientId: CLIENT_ID, redirectUri: `${base}/review/`, scopes: ['openid', 'email', 'profile'] };

    const items = new MemoryHeldItems();
    items.add(HELD, RAW);
    const service = new ReviewService({ items, content: items, mailer: new MemoryMailer(), engine: await engineWith(), noticeFrom: 'Mail gateway <mail-gateway@rushcliffe.gov.uk>', log: silentLogger });
    addReviewRoutes(router, {
      service,
      page: new ReviewPage({ signIn }),
      authenticate: (request) => {
        const header = request.headers.authorization ?? '';
        apiCalls.push(header);
        const token = /^Bearer (\S{1,4096})$/.exec(header)?.[1];
        return authoriseClaims(token && !refused.has(token) ? cognito.verify(token) : undefined);
      },
    });

    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await cognito?.close();
  });

  const stored = () => page.evaluate(() => ({ ...(globalThis as unknown as PageWindow).sessionStorage }));
  const signInButton = () => page.getByRole('button', { name: 'Sign in with your review account', exact: true });

  it('offers the review account sign-in, not the token field', async () => {
    await page.goto(`${base}/review/`);
    await expect.poll(() => signInButton().isVisible()).toBe(true);
    expect(await page.locator('#signin-token').isVisible()).toBe(false);
    expect(await page.locator('#sign-out').isVisible()).toBe(false);
    expect(apiCalls).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'review-signin-account.png') });
  });

  it('signs in through Cognito with PKCE and calls the API with the ID token', async () => {
    await signInButton().click();
    const rows = page.locator('#queue-rows tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Claim update');

    const [authorization] = cognito.authorizations;
    expect(Object.fromEntries(authorization!)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${base}/review/`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    // The stand-in gave tokens only because the verifier matched the challenge.
    expect(cognito.tokenRequests.map((r) => r.status)).toEqual([200]);
    expect(cognito.tokenRequests[0]!.form.get('code_verifier')).not.toBe(authorization!.get('code_challenge'));
    const [idToken] = cognito.issued;
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(new Set(apiCalls)).toEqual(new Set([`Bearer ${idToken}`]));

    // The code is gone from the address; only the token is kept, in this tab's sessionStorage.
    expect(page.url()).toBe(`${base}/review/`);
    expect(await stored()).toEqual({ [TOKEN_KEY]: idToken });
  });

  it('sends the officer back to sign in when the API stops accepting the token, then back to the same message', async () => {
    refused.add(cognito.issued[0]!);
    await page.evaluate((ref) => ((globalThis as unknown as PageWindow).location.hash = `#/held/${ref}`), REF);
    await expect.poll(() => signInButton().isVisible()).toBe(true);
    expect(await page.locator('#status').textContent()).toBe('Your sign-in has ended. Sign in again to carry on.');
    expect(await stored()).toEqual({});

    await signInButton().click();
    await expect.poll(() => page.locator('#detail-heading').textContent()).toBe(`Held message ${REF}`);
    expect(cognito.issued).toHaveLength(2);
    expect(apiCalls.at(-1)).toBe(`Bearer ${cognito.issued[1]}`);
    expect(page.url()).toBe(`${base}/review/#/held/${REF}`);
  });

  it('signs out: the tab forgets the token and Cognito ends its session', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => cognito.logouts.length).toBe(1);
    expect(Object.fromEntries(cognito.logouts[0]!)).toEqual({ client_id: CLIENT_ID, logout_uri: `${base}/review/` });
    await expect.poll(() => signInButton().isVisible()).toBe(true);
    expect(page.url()).toBe(`${base}/review/`);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).sessionStorage.length)).toBe(0);
  });

  it.each([
    ['a code this tab did not ask for', '?code=0123456789abcdef&state=forged'],
    ['an error from the sign-in page', '?error=access_denied&state=forged'],
  ])('refuses %s without asking Cognito for tokens', async (_name, query) => {
    const exchanges = cognito.tokenRequests.length;
    await page.goto(`${base}/review/${query}`);
    await expect.poll(() => page.locator('#status').textContent()).toBe('Signing in did not complete. Sign in again.');
    expect(await signInButton().isVisible()).toBe(true);
    expect(page.url()).toBe(`${base}/review/`);
    expect(cognito.tokenRequests).toHaveLength(exchanges);
    expect(await stored()).toEqual({});
  });

  it('talked only to the gateway and the sign-in domain, and broke no part of its Content-Security-Policy', () => {
    const origins = new Set(requests.map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([base, cognito.origin].sort());
    expect(consoleErrors.filter((text) => /Content.Security.Policy/i.test(text))).toEqual([]);
  });
});

describe('the Cognito stand-in', () => {
  let cognito: CognitoStub;
  const redirectUri = 'http://127.0.0.1:9/review/';

  beforeAll(async () => {
    cognito = await startCognitoStub({ clientId: CLIENT_ID, redirectUri, user: { email: OFFICER, groups: [] } });
  });

  afterAll(() => cognito.close());

  // The verifier and its S256 challenge from RFC 7636's worked example (appendix B).
  const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it.each([
    ['the verifier of the challenge', VERIFIER, 200],
    ['another verifier', `${VERIFIER.slice(0, -1)}F`, 400],
  ])('exchanges a code given %s: %s', async (_name, verifier, status) => {
    const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri, scope: 'openid', state: 's', code_challenge: CHALLENGE, code_challenge_method: 'S256' });
    const authorized = await fetch(`${cognito.origin}/oauth2/authorize?${query}`, { redirect: 'manual' });
    expect(authorized.status).toBe(302);
    const code = new URL(authorized.headers.get('location')!).searchParams.get('code')!;
    const form = new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: redirectUri, code_verifier: verifier });
    const exchanged = await fetch(`${cognito.origin}/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(exchanged.status).toBe(status);
    const body = (await exchanged.json()) as { id_token?: string };
    expect(body.id_token === undefined ? undefined : cognito.verify(body.id_token)).toEqual(status === 200 ? expect.objectContaining({ aud: CLIENT_ID, email: OFFICER }) : undefined);
  });
});
