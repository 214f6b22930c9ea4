// Vitest global setup: tests that run the installed bin (`gateway scan`, `gateway serve` in a child
// process) run the compiled dist/, so it is rebuilt first whenever lib/ has changed since the last
// build — a test must never pass on yesterday's code.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

function newestChange(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(root, 'dist', 'cli', 'main.js')).mtimeMs;
  } catch {
    return -Infinity;
  }
}

export default function setup(): void {
  if (newestChange(join(root, 'lib')) > builtAt()) execFileSync(process.execPath, [join(root, 'scripts', 'build.js')], { stdio: 'inherit' });
}
