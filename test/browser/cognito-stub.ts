// A stand-in for Cognito's hosted sign-in pages, on 127.0.0.1, for the review page's sign-in:
// - GET /oauth2/authorize signs the officer straight in (no form) and sends the browser back to
//   the registered page with a one-time code, remembering the PKCE challenge that came with it;
// - POST /oauth2/token gives tokens for that code only with the verifier whose SHA-256 is the
//   challenge, to the registered client and page, and answers cross-origin like Cognito;
// - GET /logout sends the browser back to the registered sign-out address.
// Tokens are JWT-shaped and HMAC-signed with a key only this stub knows; verify() plays API
// Gateway's JWT authorizer (signature, audience, token use, expiry).
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubUser {
  email: string;
  groups: string[];
}

export interface CognitoStubOptions {
  clientId: string;
  /** The page: the only callback and sign-out address the client has. */
  redirectUri: string;
  user: StubUser;
}

export interface TokenRequest {
  form: URLSearchParams;
  status: number;
}

export interface CognitoStub {
  origin: string;
  authorizations: URLSearchParams[];
  tokenRequests: TokenRequest[];
  logouts: URLSearchParams[];
  /** ID tokens handed out, in order. */
  issued: string[];
  /** The claims of an unexpired ID token this stub issued to the client; undefined for any other. */
  verify(token: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const challengeOf = (verifier: string): string => base64url(createHash('sha256').update(verifier, 'ascii').digest());

// RFC 7636: verifiers are 43–128 unreserved characters; an S256 challenge is 43 base64url ones.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

interface Grant {
  challenge: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startCognitoStub(options: CognitoStubOptions): Promise<CognitoStub> {
  const key = randomBytes(32);
  const grants = new Map<string, Grant>();
  const pageOrigin = new URL(options.redirectUri).origin;
  const stub = { authorizations: [] as URLSearchParams[], tokenRequests: [] as TokenRequest[], logouts: [] as URLSearchParams[], issued: [] as string[] };
  let origin = '';

  const sign = (input: string): Buffer => createHmac('sha256', key).update(input).digest();

  function idToken(): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'stub-key' }));
    const payload = base64url(
      JSON.stringify({
        sub: randomUUID(),
        aud: options.clientId,
        iss: origin,
        token_use: 'id',
        email: options.user.email,
        'cognito:username': options.user.email,
        'cognito:groups': options.user.groups,
        auth_time: now,
        iat: now,
        exp: now + 3600,
      }),
    );
    return `${header}.${payload}.${base64url(sign(`${header}.${payload}`))}`;
  }

  function verify(token: string): Record<string, unknown> | undefined {
    const [header, payload, signature, ...rest] = token.split('.');
    if (!header || !payload || !signature || rest.length > 0) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const expected = sign(`${header}.${payload}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const fresh = typeof claims.exp === 'number' && claims.exp > Date.now() / 1000;
    return claims.aud === options.clientId && claims.token_use === 'id' && fresh ? claims : undefined;
  }

  function authorize(query: URLSearchParams, res: ServerResponse): void {
    stub.authorizations.push(query);
    const challenge = query.get('code_challenge') ?? '';
    const valid =
      query.get('response_type') === 'code' &&
      query.get('client_id') === options.clientId &&
      query.get('redirect_uri') === options.redirectUri &&
      query.get('code_challenge_method') === 'S256' &&
      CHALLENGE.test(challenge) &&
      (query.get('scope') ?? '').split(' ').includes('openid') &&
      Boolean(query.get('state'));
    if (!valid) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_request');
    const code = randomBytes(16).toString('hex');
    grants.set(code, { challenge });
    const back = new URL(options.redirectUri);
    back.search = new URLSearchParams({ code, state: query.get('state')! }).toString();
    res.writeHead(302, { location: back.href }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // a code is good for one exchange, right or wrong
    const verifier = form.get('code_verifier') ?? '';
    const valid =
      req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
      form.get('grant_type') === 'authorization_code' &&
      form.get('client_id') === options.clientId &&
      form.get('redirect_uri') === options.redirectUri &&
      grant !== undefined &&
      VERIFIER.test(verifier) &&
      challengeOf(verifier) === grant.challenge;
    const status = valid ? 200 : 400;
    stub.tokenRequests.push({ form, status });
    const body = valid
      ? { id_token: idToken(), access_token: base64url(randomBytes(32)), expires_in: 3600, token_type: 'Bearer' }
      : { error: 'invalid_grant' };
    if (valid) stub.issued.push(body.id_token as string);
    res
      .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': pageOrigin })
      .end(JSON.stringify(body));
  }

  function logout(query: URLSearchParams, res: ServerResponse): void {
    stub.logouts.push(query);
    if (query.get('client_id') !== options.clientId || query.get('logout_uri') !== options.redirectUri) {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_request');
    }
    res.writeHead(302, { location: options.redirectUri }).end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /oauth2/authorize') return authorize(url.searchParams, res);
    if (route === 'GET /logout') return logout(url.searchParams, res);
    if (route === 'POST /oauth2/token') return void token(req, res).catch(() => res.writeHead(500).end());
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ...stub,
    origin,
    verify,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
