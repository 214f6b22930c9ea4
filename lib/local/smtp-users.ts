// Who may log in to the SMTP door (SMTP AUTH), and who may review held messages (named
// reviewers), each from a credentials file of `user:hash` lines. The
// hash is scrypt in the PHC string format, `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64), so no
// password is ever stored; `npx tsx lib/local/hash-password.ts` makes one. Checking takes the same
// time whether or not the user exists, and compares in constant time.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.ts';

export const USERS_SETTING = 'GATEWAY_SMTP_USERS_FILE';

interface ScryptHash {
  ln: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

/** log2 of scrypt's cost N: 15 (32 MiB with r=8) takes tens of milliseconds; above 20 is refused as a typo. */
const DEFAULT_LN = 15;
const MAX_LN = 20;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,88}={0,2})\$([A-Za-z0-9+/]{22,88}={0,2})$/;
const USER = /^[^\s:]{1,128}$/;

function scrypt(password: string | Buffer, h: Omit<ScryptHash, 'key'>, length: number): Promise<Buffer> {
  const N = 2 ** h.ln;
  const options: ScryptOptions = { N, r: h.r, p: h.p, maxmem: 256 * N * h.r };
  return new Promise((resolve, reject) => scryptCallback(password, h.salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

function parseHash(text: string): ScryptHash | undefined {
  const m = PHC.exec(text);
  if (!m) return undefined;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (ln < 10 || ln > MAX_LN || r < 1 || p < 1) return undefined;
  return { ln, r, p, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
}

export async function hashPassword(password: string, ln = DEFAULT_LN): Promise<string> {
  const params = { ln, r: 8, p: 1, salt: randomBytes(16) };
  const key = await scrypt(password, params, KEY_BYTES);
  return `$scrypt$ln=${ln},r=8,p=1$${params.salt.toString('base64')}$${key.toString('base64')}`;
}

export class SmtpUsers {
  private constructor(
    private readonly users: ReadonlyMap<string, ScryptHash>,
    /** Checked against when the user is unknown, so that costs as long as a wrong password. */
    private readonly decoy: ScryptHash,
  ) {}

  /**
   * Parses the file's text; `#` lines and blank lines are ignored. Errors name the setting that
   * pointed at the file and the line, never the line's content.
   */
  static parse(text: string, setting = USERS_SETTING): SmtpUsers {
    const users = new Map<string, ScryptHash>();
    text.split(/\r?\n/).forEach((line, i) => {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) return;
      const colon = trimmed.indexOf(':');
      const user = trimmed.slice(0, colon);
      const hash = colon > 0 && USER.test(user) ? parseHash(trimmed.slice(colon + 1)) : undefined;
      if (!hash) throw new ConfigError(setting, `line ${i + 1} is not "user:$scrypt$ln=…,r=…,p=…$salt$key" (make a hash with: npx tsx lib/local/hash-password.ts)`);
      if (users.has(user)) throw new ConfigError(setting, `line ${i + 1} repeats a user named on an earlier line`);
      users.set(user, hash);
    });
    if (users.size === 0) throw new ConfigError(setting, 'the file names no users');
    const first = users.values().next().value!;
    return new SmtpUsers(users, { ...first, salt: randomBytes(first.salt.length), key: randomBytes(first.key.length) });
  }

  static async load(path: string, setting = USERS_SETTING): Promise<SmtpUsers> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new ConfigError(setting, `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    return SmtpUsers.parse(text, setting);
  }

  async verify(user: string, password: string): Promise<boolean> {
    const known = this.users.get(user);
    const hash = known ?? this.decoy;
    const key = await scrypt(password, hash, hash.key.length);
    return timingSafeEqual(key, hash.key) && known !== undefined;
  }
}
