// Signing an officer in with Cognito's hosted sign-in pages (the gateway on AWS): the OAuth
// authorization code flow with PKCE (RFC 7636), the page being a public client with no secret.
// The page leaves for Cognito with a one-time verifier's SHA-256 challenge, comes back with a code
// and exchanges code and verifier at Cognito's token endpoint for an ID token, which the review API
// accepts as a bearer token. Why the page and not the review function makes the exchange:
// lib/review/sign-in.ts. Everything is kept in sessionStorage, so it ends with the browser tab.
/* global window, sessionStorage, crypto, fetch, history, btoa, TextEncoder, URLSearchParams */
'use strict';

window.reviewSignIn = (function cognitoSignIn() {
  /** The verifier, the state and the view to return to, between leaving and coming back. */
  const PENDING_KEY = 'gateway-review-sign-in';

  const FAILED = 'Signing in did not complete. Sign in again.';

  function base64url(bytes) {
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText(byteCount) {
    return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
  }

  async function challengeOf(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return base64url(new Uint8Array(digest));
  }

  /** Only a view of this page ("#/…") is returned to, whatever was stored. */
  function viewOf(hash) {
    return typeof hash === 'string' && /^#\/[^\s]{0,200}$/.test(hash) ? hash : '';
  }

  /** Leaves for Cognito's sign-in page; after signing in the officer comes back to `returnTo`. */
  async function start(config, returnTo) {
    // 32 random bytes: a 43-character verifier, the shortest RFC 7636 allows and 256 bits strong.
    const verifier = randomText(32);
    const state = randomText(16);
    const challenge = await challengeOf(verifier);
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, returnTo: viewOf(returnTo) }));
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      scope: config.scopes.join(' '),
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    window.location.assign(config.domain + '/oauth2/authorize?' + query.toString());
  }

  function pending() {
    try {
      const value = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
      return value && typeof value.verifier === 'string' && typeof value.state === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * On the way back from Cognito: the ID token for the code in the address, or undefined when the
   * page was not opened by Cognito. Throws an Error with a message for the officer when signing in
   * failed or was not started from this tab (a code with someone else's state is never used).
   */
  async function complete(config) {
    const params = new URLSearchParams(window.location.search);
    if (!params.has('code') && !params.has('error')) return undefined;
    const started = pending();
    sessionStorage.removeItem(PENDING_KEY);
    // The code must not stay in the address bar, the history or a bookmark.
    history.replaceState(null, '', window.location.pathname + (started ? viewOf(started.returnTo) : ''));
    if (!started || params.has('error') || params.get('state') !== started.state) throw new Error(FAILED);

    let body = {};
    try {
      const response = await fetch(config.domain + '/oauth2/token', {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: config.clientId,
          code: params.get('code') || '',
          redirect_uri: config.redirectUri,
          code_verifier: started.verifier,
        }).toString(),
      });
      if (response.ok) body = await response.json();
    } catch {
      // Network failure or not JSON: reported below like a refusal.
    }
    if (typeof body.id_token !== 'string' || body.id_token === '') throw new Error(FAILED);
    return body.id_token;
  }

  /** Cognito's sign-out page, which ends its own session and sends the officer back to the page. */
  function signOutUrl(config) {
    return config.domain + '/logout?' + new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri }).toString();
  }

  return { PENDING_KEY, start, complete, signOutUrl };
})();
