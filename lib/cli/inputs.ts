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

async function walk(dir: string, out: Expanded, seen: Set<string>): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // a link back up the tree
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => BY_NAME.compare(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // stat follows symbolic links; a dangling link is skipped.
    const info = entry.isSymbolicLink() ? await stat(path).catch(() => undefined) : entry;
    if (!info) out.skipped += 1;
    else if (info.isDirectory()) await walk(path, out, seen);
    else if (info.isFile()) await addFile(path, false, out);
  }
}

/** Files as given, folders walked recursively in name order. */
export async function expandInputs(paths: readonly string[]): Promise<Expanded> {
  const out: Expanded = { inputs: [], missing: [], skipped: 0 };
  const seen = new Set<string>();
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) out.missing.push(path);
    else if (info.isDirectory()) await walk(path, out, seen);
    else await addFile(path, true, out);
  }
  return out;
}
