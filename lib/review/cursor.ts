// Opaque page cursors: a store's position, as base64url JSON. A cursor comes back from the client,
// so decoding checks it against the shape the store expects before any of it is used.
import { InputError } from '../errors.ts';

export class CursorError extends InputError {
  constructor() {
    super('the page cursor is not one this gateway issued');
    this.name = 'CursorError';
  }
}

/** Cursors are small; anything longer was not issued here. */
const MAX_CURSOR_CHARS = 1024;

export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position, with exactly `keys`, each a non-empty string; throws CursorError otherwise. */
export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new CursorError();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CursorError();
  const entries = Object.entries(value);
  if (entries.length !== keys.length) throw new CursorError();
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v !== 'string' || v === '') throw new CursorError();
    out[key] = v;
  }
  return out;
}
