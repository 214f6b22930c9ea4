// An Output that keeps what the CLI printed, for assertions.
import type { Output } from '../../lib/cli/output.ts';

export function bufferOutput(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, print: (line) => out.push(line), error: (line) => err.push(line) };
}
