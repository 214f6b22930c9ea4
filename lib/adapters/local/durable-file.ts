// Durable writes on a local filesystem: a file is written under a temporary name, flushed to disk,
// renamed into place and its directory flushed, so after a crash it is either whole or absent.
// Readers skip names starting with TEMP_PREFIX (leftovers of a crash mid-write).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const TEMP_PREFIX = '.tmp-';

/** Flushes a directory entry change (create, rename, unlink) to disk. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals metadata itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileDurably(path: string, data: Buffer | string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Appends and flushes; the caller serialises appends to one file. */
export async function appendDurably(path: string, data: string): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.appendFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function removeDurably(path: string): Promise<void> {
  await rm(path, { force: true });
  await syncDirectory(dirname(path));
}

/** Removes what writes cut short by a crash left behind in `dir`; only safe while nothing writes there. */
export async function removeTempFiles(dir: string): Promise<number> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith(TEMP_PREFIX));
  for (const name of names) await rm(join(dir, name), { force: true });
  if (names.length) await syncDirectory(dir);
  return names.length;
}

/** Creates the directory (and parents) and flushes the new entry into its parent. */
export async function ensureDirectory(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created) await syncDirectory(dirname(dir));
}
