// Expands the CLI's file and folder arguments into the inputs to scan.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

export type InputKind = 'email' | 'whatsapp';

export interface Input {
  file: string;
  kind: InputKind;
}

/** In folders, only these are scanned; named files are scanned whatever their extension. */
const EMAIL_EXTENSIONS = new Set(['.eml', '.msg', '.mime']);

export function kindOf(file: string): InputKind {
  return extname(file).toLowerCase() === '.json' ? 'whatsapp' : 'email';
}

async function walk(dir: string, out: Input[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) {
      const ext = extname(entry.name).toLowerCase();
      if (ext === '.json' || EMAIL_EXTENSIONS.has(ext)) out.push({ file: path, kind: kindOf(path) });
    }
  }
}

/** Files as given, folders walked recursively in name order. A missing path is an error result. */
export async function expandInputs(paths: readonly string[]): Promise<{ inputs: Input[]; missing: string[] }> {
  const inputs: Input[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(path, inputs);
    else inputs.push({ file: path, kind: kindOf(path) });
  }
  return { inputs, missing };
}
