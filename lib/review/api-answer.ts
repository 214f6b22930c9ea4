// How the review API reads a JSON body and answers: JSON with the API's security headers. Shared
// by the review routes and the named reviewers' sign-in.
import type * as z from 'zod';
import { HttpError, type HttpRequest, type HttpResponse } from '../local/router.ts';
import { API_CSP, SECURITY_HEADERS } from './page.ts';

const MAX_BODY_BYTES = 16 * 1024;

export async function jsonBody<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T> {
  const raw = await request.body(MAX_BODY_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'bad-request', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'bad-request', parsed.error.issues[0]?.message ?? 'The request body is not valid.');
  return parsed.data;
}

export const api = (status: number, json: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-security-policy': API_CSP, ...SECURITY_HEADERS, ...headers },
  json,
});
