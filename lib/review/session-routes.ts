// Signing a named reviewer in and out (the local gateway's users file; see reviewers.ts). The
// answer to a wrong name and to a wrong password is the same, and neither is logged with the name.
import * as z from 'zod';
import type { HttpRequest, HttpResponse } from '../local/router.ts';
import type { SessionGrant } from './reviewers.ts';
import { api, jsonBody } from './api-answer.ts';

export interface ReviewerSignIn {
  signIn(name: string, password: string): Promise<SessionGrant | undefined>;
  signOut(authorization: string | undefined): void;
}

const SignInBody = z.object({
  name: z.string({ error: 'name must be text.' }).trim().min(1, { error: 'Enter your name as it is in the reviewers file.' }).max(128),
  password: z.string({ error: 'password must be text.' }).min(1, { error: 'Enter your token or password.' }).max(512),
});

const WRONG = { error: 'unauthenticated', message: 'That name and token or password do not match a reviewer.' };
const NOT_NAMED = { error: 'not-found', message: 'This gateway has no named reviewers: sign in with the review token.' };

async function signIn(sessions: ReviewerSignIn | undefined, request: HttpRequest): Promise<HttpResponse> {
  if (!sessions) return api(404, NOT_NAMED);
  let body: z.infer<typeof SignInBody>;
  try {
    body = await jsonBody(request, SignInBody);
  } catch (error) {
    return api(400, { error: 'bad-request', message: (error as Error).message });
  }
  const grant = await sessions.signIn(body.name, body.password);
  return grant ? api(200, grant) : api(401, WRONG, { 'www-authenticate': 'Bearer' });
}

function signOut(sessions: ReviewerSignIn | undefined, request: HttpRequest): HttpResponse {
  sessions?.signOut(request.headers.authorization);
  return api(200, { signedOut: true });
}

/** The two handlers, for the review routes to register (POST and DELETE /api/session). */
export const addSessionRoutes = { signIn, signOut };
