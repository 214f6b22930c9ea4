// The public corpus beside the checkout (../shared/fixtures), read in place. Tests that use it
// skip with a message where it is absent.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export const MIME_DIR = new URL('../../../shared/fixtures/mime/', import.meta.url).pathname;
export const HAS_MIME_CORPUS = existsSync(MIME_DIR);

/** Files that are not messages at all: parsing must refuse them with an InputError. */
export const NOT_MESSAGES: Readonly<Record<string, string>> = {
  'mime4j-testmsgs/malformedHeader-noheader.msg': 'a body with no header section at all',
  'mime4j-testmsgs/malformedHeaderStartsBody-noheader.msg': 'a body with no header section at all',
};

/** Each source's licence file sits beside its messages; it is prose, not a message. */
const isLicence = (name: string): boolean => name.startsWith('LICENSE');

/** Every message file of the MIME corpus, relative to MIME_DIR, sorted. */
export function mimeCorpusFiles(): string[] {
  if (!HAS_MIME_CORPUS) return [];
  return readdirSync(MIME_DIR, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !isLicence(entry.name))
    .map((entry) => relative(MIME_DIR, join(entry.parentPath, entry.name)))
    .sort();
}
