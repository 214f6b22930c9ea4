// Prints a line for GATEWAY_SMTP_USERS_FILE: `printf '%s' 'the password' | npx tsx lib/local/hash-password.ts relay-user`.
// The password is read from standard input, so it stays out of the process list and shell history
// (printf is a shell builtin).
import { text } from 'node:stream/consumers';
import { hashPassword } from './smtp-users.ts';

const user = process.argv[2];
if (!user || /[\s:]/.test(user)) {
  process.stderr.write('Usage: printf %s PASSWORD | npx tsx lib/local/hash-password.ts USER\n');
  process.exit(64);
}
const password = (await text(process.stdin)).replace(/\r?\n$/, '');
if (password.length < 12) {
  process.stderr.write('The password must be at least 12 characters.\n');
  process.exit(64);
}
process.stdout.write(`${user}:${await hashPassword(password)}\n`);
