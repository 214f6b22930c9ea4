// The review page and its reports page: static files served as they are, with a Content-Security-Policy that
// allows only this page's own script and style and no network access beyond its own API (and, when
// officers sign in with Cognito, its token endpoint). The files sit in review-page/ next to this
// module (in a Lambda bundle: next to the bundled handler).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpResponse } from '../local/router.ts';
import { connectSources, TOKEN_SIGN_IN, type SignInConfig } from './sign-in.ts';

/** The page's policy; `connect` lists origins the page may fetch from besides its own. */
export function pageCsp(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ["connect-src 'self'", ...connect].join(' '),
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const PAGE_CSP = pageCsp();

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
  'sign-in.js': 'text/javascript; charset=utf-8',
  'reports.html': 'text/html; charset=utf-8',
  'reports.js': 'text/javascript; charset=utf-8',
  'chart.umd.js': 'text/javascript; charset=utf-8',
};

/**
 * The reports page's charting library, Chart.js, served from the installed package (its UMD build,
 * which the package does not export by name, so it is found beside the package's main file). A
 * Lambda bundle has no node_modules: the build copies the file into the page folder instead.
 */
function libraryFile(dir: string, name: string): string {
  const bundled = join(dir, name);
  if (existsSync(bundled)) return bundled;
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
}

const LIBRARY_FILES: ReadonlySet<string> = new Set(['chart.umd.js']);

export const PAGE_DIR = fileURLToPath(new URL('./review-page/', import.meta.url));

export interface ReviewPageOptions {
  /** How officers sign in; the local token unless given. */
  signIn?: SignInConfig;
  dir?: string;
}

export class ReviewPage {
  readonly signIn: SignInConfig;
  private readonly dir: string;
  private readonly csp: string;
  private readonly cache = new Map<string, Buffer>();

  constructor(options: ReviewPageOptions = {}) {
    this.signIn = options.signIn ?? TOKEN_SIGN_IN;
    this.dir = options.dir ?? PAGE_DIR;
    this.csp = pageCsp(connectSources(this.signIn));
  }

  /** The file's response, or undefined for a name that is not one of the page's files. */
  async file(name: string): Promise<HttpResponse | undefined> {
    const type = FILES[name];
    if (!type) return undefined;
    let body = this.cache.get(name);
    if (!body) {
      body = await readFile(LIBRARY_FILES.has(name) ? libraryFile(this.dir, name) : `${this.dir}/${name}`);
      this.cache.set(name, body);
    }
    return { status: 200, headers: { 'content-type': type, 'content-security-policy': this.csp, ...SECURITY_HEADERS }, body };
  }
}
