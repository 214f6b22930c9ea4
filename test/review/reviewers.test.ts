// Named reviewers: sign-in against a real users file (scrypt lines made by hashPassword), session
// tokens that end, and the administrator's token still accepted.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import { hashPassword, SmtpUsers } from '../../lib/local/smtp-users.ts';
import { ADMINISTRATOR, REVIEW_USERS_SETTING, ReviewerSessions } from '../../lib/review/reviewers.ts';
import { newDataDir, removeDataDirs } from '../local/gateway-harness.ts';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const PASSWORD = 'a long passphrase for the test';
let usersFile: string;
let clock = 0;

beforeAll(async () => {
  usersFile = join(await newDataDir(), 'reviewers');
  await writeFile(usersFile, `a.khan:${await hashPassword(PASSWORD, 10)}\n`);
});
afterAll(removeDataDirs);

const sessions = () => new ReviewerSessions({ adminToken: ADMIN_TOKEN, usersFile, now: () => clock });

describe('ReviewerSessions', () => {
  it('gives a named reviewer a session token that identifies them until it runs out or they sign out', async () => {
    clock = 1_000;
    const s = sessions();
    const grant = await s.signIn('a.khan', PASSWORD);
    expect(grant).toMatchObject({ reviewer: 'a.khan', expiresAt: new Date(1_000 + 10 * 60 * 60 * 1000).toISOString() });
    expect(grant!.token).not.toContain(PASSWORD);
    expect(s.authenticate(`Bearer ${grant!.token}`)).toEqual({ ok: true, reviewer: { id: 'a.khan' } });
    clock += 10 * 60 * 60 * 1000;
    expect(s.authenticate(`Bearer ${grant!.token}`)).toMatchObject({ ok: false, status: 401 });

    const again = await s.signIn('a.khan', PASSWORD);
    s.signOut(`Bearer ${again!.token}`);
    expect(s.authenticate(`Bearer ${again!.token}`)).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    ['a wrong password', 'a.khan', 'not the password'],
    ['an unknown name', 'nobody', PASSWORD],
  ])('refuses %s', async (_name, name, password) => {
    expect(await sessions().signIn(name, password)).toBeUndefined();
  });

  it('accepts the administrator token as the administrator, and nothing else', () => {
    const s = sessions();
    expect(s.authenticate(`Bearer ${ADMIN_TOKEN}`)).toEqual({ ok: true, reviewer: { id: ADMINISTRATOR } });
    expect(s.authenticate('Bearer made-up-token')).toMatchObject({ ok: false, status: 401 });
    expect(s.authenticate(undefined)).toMatchObject({ ok: false, status: 401 });
  });

  it('names the reviewers setting when the file is broken', () => {
    expect(() => SmtpUsers.parse('a.khan:not-a-hash\n', REVIEW_USERS_SETTING)).toThrow(ConfigError);
    expect(() => SmtpUsers.parse('a.khan:not-a-hash\n', REVIEW_USERS_SETTING)).toThrow(/GATEWAY_REVIEW_USERS_FILE.*line 1/);
  });
});
