// The review page: three static files served as they are, with a Content-Security-Policy that
// allows only this page's own script and style and no network access beyond its own API. The
// files sit in review-page/ next to this module (in a Lambda bundle: next to the bundled handler).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { HttpResponse } from '../local/router.ts';

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** For API responses: nothing in them may ever be rendered as a document. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'review.css': 'text/css; charset=utf-8',
  'review.js': 'text/javascript; charset=utf-8',
};

export const PAGE_DIR = fileURLToPath(new URL('./review-page/', import.meta.url));

export class ReviewPage {
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly dir: string = PAGE_DIR) {}

  /** The file's response, or undefined for a name that is not one of the page's files. */
  async file(name: string): Promise<HttpResponse | undefined> {
    const type = FILES[name];
    if (!type) return undefined;
    let body = this.cache.get(name);
    if (!body) {
      body = await readFile(`${this.dir}/${name}`);
      this.cache.set(name, body);
    }
    return { status: 200, headers: { 'content-type': type, 'content-security-policy': PAGE_CSP, ...SECURITY_HEADERS }, body };
  }
}
