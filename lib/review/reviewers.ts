// Named reviewers on the local gateway. Each IG officer has a line in a small users file
// (GATEWAY_REVIEW_USERS_FILE: `name:$scrypt$…`, the format of the SMTP users file, made with
// lib/local/hash-password.ts), so every release, rejection and "show in full" is recorded against
// a person. An officer signs in once with their name and token or password; the scrypt check runs
// then, not on every call, and the officer gets a random session token that lasts a working day.
// The file is read at every sign-in, so adding or removing an officer needs no restart (a removed
// officer's open session runs out within the day). GATEWAY_REVIEW_TOKEN keeps working as the
// administrator's token. Sessions live in memory: a restart signs everyone out.
import { createHash, randomBytes } from 'node:crypto';
import { SmtpUsers } from '../local/smtp-users.ts';
import { authoriseBearer, type AuthResult } from './auth.ts';

export const REVIEW_USERS_SETTING = 'GATEWAY_REVIEW_USERS_FILE';
/** Recorded for actions taken with GATEWAY_REVIEW_TOKEN. */
export const ADMINISTRATOR = 'administrator';
const SESSION_MS = 10 * 60 * 60 * 1000;
const MAX_SESSIONS = 1000;

export interface SessionGrant {
  token: string;
  reviewer: string;
  /** ISO 8601. */
  expiresAt: string;
}

interface Session {
  reviewer: string;
  expires: number;
}

export interface ReviewerSessionOptions {
  adminToken: string;
  /** Absent: only the administrator's token signs in. */
  usersFile?: string;
  now?: () => number;
}

const digest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64');

export class ReviewerSessions {
  /** By the SHA-256 of the session token: the tokens themselves are never kept. */
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: ReviewerSessionOptions) {}

  get named(): boolean {
    return this.options.usersFile !== undefined;
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** A session for a named reviewer, or undefined for a wrong name or password (which take equally long). */
  async signIn(name: string, password: string): Promise<SessionGrant | undefined> {
    if (!this.options.usersFile) return undefined;
    const users = await SmtpUsers.load(this.options.usersFile, REVIEW_USERS_SETTING);
    if (!(await users.verify(name, password))) return undefined;
    this.prune();
    const token = randomBytes(32).toString('base64url');
    const expires = this.now() + SESSION_MS;
    this.sessions.set(digest(token), { reviewer: name, expires });
    return { token, reviewer: name, expiresAt: new Date(expires).toISOString() };
  }

  signOut(authorization: string | undefined): void {
    const token = /^Bearer (\S{1,512})$/.exec(authorization?.trim() ?? '')?.[1];
    if (token) this.sessions.delete(digest(token));
  }

  /** The administrator's token, or a named reviewer's session. */
  authenticate(authorization: string | undefined): AuthResult {
    const admin = authoriseBearer(authorization, this.options.adminToken);
    if (admin.ok) return { ok: true, reviewer: { id: ADMINISTRATOR } };
    const token = /^Bearer (\S{1,512})$/.exec(authorization?.trim() ?? '')?.[1];
    const key = token ? digest(token) : undefined;
    const session = key ? this.sessions.get(key) : undefined;
    if (!session || session.expires <= this.now()) {
      if (key) this.sessions.delete(key);
      return admin;
    }
    return { ok: true, reviewer: { id: session.reviewer } };
  }

  private prune(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) if (session.expires <= now) this.sessions.delete(key);
    // A flood of sign-ins cannot grow the map without bound: the oldest go first.
    while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
  }
}
