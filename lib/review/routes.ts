// The review API and page as routes, for the local HTTP server and the review Lambda alike. Every
// API route authenticates first: without the right credentials nothing about held items is said,
// not even whether a reference exists. The page's files and its sign-in settings need none: they
// are what a browser loads before anyone has signed in.
import * as z from 'zod';
import { HttpError, type HttpRequest, type HttpResponse, type Router } from '../local/router.ts';
import { NO_ALERTS, parseAlertStatus, type AlertService } from './alerts.ts';
import type { AuthResult } from './auth.ts';
import { CursorError } from './cursor.ts';
import { api, jsonBody } from './api-answer.ts';
import { API_CSP, SECURITY_HEADERS, type ReviewPage } from './page.ts';
import { parseHeldQuery } from './query.ts';
import type { Reviewer, ReviewService } from './service.ts';
import type { FileAnswer } from './views.ts';
import { addSessionRoutes, type ReviewerSignIn } from './session-routes.ts';

export interface ReviewRoutes {
  service: ReviewService;
  /** Sent-before-review alerts, where the gateway keeps them. */
  alerts?: AlertService;
  page: ReviewPage;
  authenticate(request: HttpRequest): AuthResult;
  /** The governance report (lib/report), where this door can build one. */
  report?: () => Promise<unknown>;
  /** Named reviewers signing in with a name and token or password (the local gateway). */
  sessions?: ReviewerSignIn;
}

const MAX_NOTE_CHARS = 2000;

const text = (name: string) =>
  z
    .string({ error: `${name} must be text.` })
    .trim()
    .min(1, { error: `${name} is required.` })
    .max(MAX_NOTE_CHARS, { error: `${name} must be at most ${MAX_NOTE_CHARS} characters.` });

const ReleaseBody = z.object({ note: text('A note') });
const RejectBody = z.object({ reason: text('A reason') });
const UnmaskBody = z.object({ finding: z.number({ error: 'finding must be a number.' }).int().min(0) });

const isFileAnswer = (value: unknown): value is FileAnswer => typeof value === 'object' && value !== null && 'file' in value;

/** A download: the API's headers, an attachment, and never cached (it lists who wrote to whom). */
function fileResponse({ file }: FileAnswer): HttpResponse {
  return {
    status: 200,
    headers: {
      'content-security-policy': API_CSP,
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.name}"`,
      'cache-control': 'no-store',
      ...(file.truncated ? { 'x-gateway-export-truncated': 'true' } : {}),
    },
    body: file.body,
  };
}

/** Wraps an API handler: authenticated, and every refusal a JSON error with no data in it. */
function guarded(routes: ReviewRoutes, work: (request: HttpRequest, reviewer: Reviewer) => Promise<unknown>) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const auth = routes.authenticate(request);
    if (!auth.ok) return api(auth.status, { error: auth.code, message: auth.message }, auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    try {
      const answer = await work(request, auth.reviewer);
      return isFileAnswer(answer) ? fileResponse(answer) : api(200, answer);
    } catch (error) {
      if (error instanceof HttpError) return api(error.status, { error: error.code, message: error.message });
      if (error instanceof CursorError) return api(400, { error: 'bad-request', message: 'The page cursor is not valid; start from the first page.' });
      throw error;
    }
  };
}

const reference = (request: HttpRequest): string => request.params.ref ?? '';

function alertsOf(routes: ReviewRoutes): AlertService {
  if (!routes.alerts) throw NO_ALERTS;
  return routes.alerts;
}

export function addReviewRoutes(router: Router, routes: ReviewRoutes): Router {
  const { service, page } = routes;
  const pageFile = async (name: string): Promise<HttpResponse> =>
    (await page.file(name)) ?? { status: 404, json: { error: 'not-found', message: 'No such page.' } };
  return router
    .add('GET', '/review', () => ({ status: 308, headers: { location: '/review/' } }))
    .add('GET', '/review/', () => pageFile('index.html'))
    // Before '/review/:file', which would otherwise take it for a page file.
    .add('GET', '/review/config.json', () => api(200, page.signIn))
    .add('GET', '/review/:file', (request) => pageFile(request.params.file ?? ''))
    .add('GET', '/api/held', guarded(routes, (request) => service.list(parseHeldQuery(request.query))))
    .add('GET', '/api/held.csv', guarded(routes, (request) => service.exportCsv(parseHeldQuery(request.query))))
    .add('GET', '/api/held/:ref', guarded(routes, (request) => service.detail(reference(request))))
    .add('POST', '/api/held/:ref/release', guarded(routes, async (request, reviewer) => service.release(reference(request), (await jsonBody(request, ReleaseBody)).note, reviewer)))
    .add('POST', '/api/held/:ref/reject', guarded(routes, async (request, reviewer) => service.reject(reference(request), (await jsonBody(request, RejectBody)).reason, reviewer)))
    .add('POST', '/api/held/:ref/unmask', guarded(routes, async (request, reviewer) => service.unmask(reference(request), (await jsonBody(request, UnmaskBody)).finding, reviewer)))
    .add('GET', '/api/report', guarded(routes, () => (routes.report ? routes.report() : Promise.reject(new HttpError(404, 'not-found', 'Reports are not available here.')))))
    .add('GET', '/api/alerts', guarded(routes, (request) => alertsOf(routes).list(parseAlertStatus(request.query))))
    .add('POST', '/api/alerts/:ref/acknowledge', guarded(routes, async (request, reviewer) => alertsOf(routes).acknowledge(reference(request), (await jsonBody(request, ReleaseBody)).note, reviewer)))
    // Whom the page is signed in as: every action is recorded against this name.
    .add('GET', '/api/whoami', guarded(routes, (_request, reviewer) => Promise.resolve({ reviewer: reviewer.id })))
    .add('POST', '/api/session', (request) => addSessionRoutes.signIn(routes.sessions, request))
    .add('DELETE', '/api/session', (request) => addSessionRoutes.signOut(routes.sessions, request));
}
