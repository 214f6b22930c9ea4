// How the review page signs an officer in, served to the page as /review/config.json before anyone
// has signed in (it holds nothing secret: the client id and the sign-in address appear in every
// sign-in link anyway).
//
// - token:   the local gateway. A named reviewer gives their name and token or password and gets a
//            session token (reviewers.ts); the administrator pastes GATEWAY_REVIEW_TOKEN. The page
//            sends either as a bearer token.
// - cognito: AWS. The authorization code flow with PKCE against the Cognito hosted sign-in pages,
//            the page's app client being a public client (no secret).
//
// The page exchanges the code for tokens itself, at Cognito's /oauth2/token, rather than through a
// route of the review function. The tokens end up in the browser either way (the page must send
// one with every API call), so a server-side exchange would protect nothing; it would add an
// unauthenticated route that relays codes to Cognito and put officers' tokens through the
// function, where they must never reach a log. Cognito's token endpoint answers cross-origin
// requests, as OAuth for browser-based apps expects; the price is one origin, Cognito's sign-in
// domain, added to the page's connect-src on AWS only (connectSources below).

export interface TokenSignIn {
  mode: 'token';
  /** True when officers sign in by name (GATEWAY_REVIEW_USERS_FILE); the review token still works. */
  reviewers?: boolean;
}

export interface CognitoSignIn {
  mode: 'cognito';
  /** The hosted sign-in domain as an origin: https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  /** The review page's app client (public: no secret). */
  clientId: string;
  /** The page's own address, registered on the client as its callback and sign-out URL. */
  redirectUri: string;
  /** Asked for at sign-in; "openid" is needed for the ID token the page sends to the API. */
  scopes: readonly string[];
}

export type SignInConfig = TokenSignIn | CognitoSignIn;

export const TOKEN_SIGN_IN: TokenSignIn = { mode: 'token' };

export interface CognitoSettings {
  signInUrl: URL;
  clientId: string;
  pageUrl: URL;
  scopes: readonly string[];
}

export function cognitoSignIn(settings: CognitoSettings): CognitoSignIn {
  return {
    mode: 'cognito',
    domain: settings.signInUrl.origin,
    clientId: settings.clientId,
    redirectUri: settings.pageUrl.href,
    scopes: [...settings.scopes],
  };
}

/** Origins beyond its own the page must be allowed to fetch from: Cognito's token endpoint. */
export function connectSources(config: SignInConfig): string[] {
  return config.mode === 'cognito' ? [new URL(config.domain).origin] : [];
}
