// Expands the CLI's file and folder arguments into the messages to scan: .eml/.msg files, WhatsApp
// .json send bodies, mbox files (one input per message) and mail files without a telling name
// (Maildir's cur/ and new/, numbered archives), recognised by their first bytes. Symbolic links are
// followed, once each. What a folder holds that is not mail is counted as skipped, not scanned.
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { splitMbox } from './mbox.ts';

export type InputKind = 'email' | 'whatsapp';

export interface Input {
  /** What the report names: the file, or "file.mbox#3" for the third message of an mbox. */
  file: string;
  kind: InputKind;
  /** The bytes, when they were read while expanding (a message of an mbox); else read from `file`. */
  content?: Buffer;
}

export interface Expanded {
  inputs: Input[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
  /** Files in folders that were not scanned because they are not mail. */
  skipped: number;
}

const EMAIL_EXTENSIONS = new Set(['.eml', '.msg', '.mime']);
const MBOX_EXTENSIONS = new Set(['.mbox', '.mbx']);
/** Enough of a file's start to see an mbox "From " line or a header field. */
const SNIFF_BYTES = 512;
/** A header field name and its colon (RFC 5322: printable ASCII except ':'), the first line of a message. */
const HEADER_LINE = /^[!-9;-~]{1,76}:/;

type Shape = 'email' | 'whatsapp' | 'mbox' | 'other';

/** Folder entries in the order localeCompare gives, from one collator rather than one per comparison. */
const BY_NAME = new Intl.Collator();

async function firstBytes(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

/** What a file is, from its name where that is telling, else from its first bytes. */
async function shapeOf(path: string, named: boolean): Promise<Shape> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'whatsapp';
  const start = (await firstBytes(path)).replace(/^\u00EF\u00BB\u00BF/, '');
  if (start.startsWith('From ') || MBOX_EXTENSIONS.has(ext)) return 'mbox';
  if (EMAIL_EXTENSIONS.has(ext) || HEADER_LINE.test(start)) return 'email';
  // A file named on the command line is scanned whatever it looks like: the report says what it is.
  return named ? 'email' : 'other';
}

async function addFile(path: string, named: boolean, out: Expanded): Promise<void> {
  const shape = await shapeOf(path, named);
  if (shape === 'other') {
    out.skipped += 1;
  } else if (shape === 'mbox') {
    const messages = splitMbox(await readFile(path));
    // One message (a single message saved with its "From " line) is named by its file alone; an
    // mbox with none is scanned as it is, so the report says why it is not mail.
    if (messages.length <= 1) out.inputs.push({ file: path, kind: 'email', ...(messages[0] ? { content: messages[0] } : {}) });
    else messages.forEach((content, i) => out.inputs.push({ file: `${path}#${i + 1}`, kind: 'email', content }));
  } else {
    out.inputs.push({ file: path, kind: shape });
  }
}

/**
 * Folder entries looked at together. Telling a file's shape takes an open, a read and a close,
 * each a trip through Node's thread pool: one entry after another, a folder of 1,400 messages
 * took 0.6 s before the first was scanned.
 */
const ENTRIES_AT_ONCE = 32;

const nothing = (): Expanded => ({ inputs: [], missing: [], skipped: 0 });

/** Told of the expansion as it goes, so that scanning can begin before the last folder is read. */
export interface ExpandListener {
  /** A path named on the command line does not exist; told before anything is found. */
  missing?(path: string): void;
  /** Inputs were added to the list. */
  found?(): void;
}

function append(out: Expanded, more: Expanded, listener: ExpandListener): void {
  for (const input of more.inputs) out.inputs.push(input);
  out.skipped += more.skipped;
  if (more.inputs.length) listener.found?.();
}

async function fileInputs(path: string, named: boolean): Promise<Expanded> {
  const out = nothing();
  await addFile(path, named, out);
  return out;
}

/**
 * The folder's entries in name order, ENTRIES_AT_ONCE files looked at together; their inputs in
 * that order. Sub-folders are walked one after another, in order, so that of two links to one
 * folder the first in name order is the one walked.
 */
async function walk(dir: string, out: Expanded, seen: Set<string>, listener: ExpandListener): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // a link back up the tree
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => BY_NAME.compare(a.name, b.name));
  for (let from = 0; from < entries.length; from += ENTRIES_AT_ONCE) {
    const batch = entries.slice(from, from + ENTRIES_AT_ONCE);
    // stat follows symbolic links; a dangling link is skipped.
    const infos = await Promise.all(batch.map((entry) => (entry.isSymbolicLink() ? stat(join(dir, entry.name)).catch(() => undefined) : entry)));
    const files = infos.map((info, i) => (info?.isFile() ? fileInputs(join(dir, batch[i]!.name), false) : undefined));
    // A failure is met when its turn comes, not reported as unhandled before then.
    for (const file of files) file?.catch(() => undefined);
    for (const [i, info] of infos.entries()) {
      const file = files[i];
      if (!info) out.skipped += 1;
      else if (file) append(out, await file, listener);
      else if (info.isDirectory()) await walk(join(dir, batch[i]!.name), out, seen, listener);
    }
  }
}

/**
 * Files as given, folders walked recursively in name order, into `inputs` (which a scan may be
 * reading as it grows); `listener` is told as it goes.
 */
export async function expandInputs(paths: readonly string[], listener: ExpandListener = {}, inputs: Input[] = []): Promise<Expanded> {
  const out: Expanded = { inputs, missing: [], skipped: 0 };
  const seen = new Set<string>();
  // Every path is looked up first, so that the ones missing are told before anything is scanned.
  const infos = await Promise.all(paths.map((path) => stat(path).catch(() => undefined)));
  paths.forEach((path, i) => {
    if (infos[i]) return;
    out.missing.push(path);
    listener.missing?.(path);
  });
  for (const [i, path] of paths.entries()) {
    const info = infos[i];
    if (info?.isDirectory()) await walk(path, out, seen, listener);
    else if (info) append(out, await fileInputs(path, true), listener);
  }
  return out;
}
