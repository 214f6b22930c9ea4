// Writes rule files to a fresh temporary folder so loader tests read real files from disk.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { RuleError } from '../../lib/errors.ts';

const created: string[] = [];

/**
 * Removes the common indentation and the first line break, so YAML can be written indented inside
 * a test and line 1 of the file is the first line after the opening quote.
 */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/** A rules folder holding `files` (name → YAML, names may include "local/"); `parent` defaults to the OS temp folder. */
export async function ruleDir(files: Record<string, string>, parent: string = tmpdir()): Promise<string> {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, 'rules-'));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), dedent(text));
  }
  return dir;
}

/** Deletes every folder ruleDir made; call from afterEach. */
export async function removeRuleDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A RuleError's lines with the folder prefix removed, so tests can state file names as written. */
export function problemLines(error: unknown, dir: string): string[] {
  if (!(error instanceof RuleError)) throw new Error('expected a RuleError', { cause: error });
  return error.message.split('\n').map((line) => line.replaceAll(`${dir}/`, ''));
}

/** A small valid rule set in two files, shaped like the shipped one; line numbers are asserted in tests. */
export const BASE_FILES: Readonly<Record<string, string>> = {
  'identifiers.yaml': `
    recognizers:
      uk-nino:
        minScore: 0.6
        context: [national insurance, NI number]
      iban:
        context: [IBAN]
  `,
  'policy.yaml': `
    policy:
      mode: enforce
      internalDomains: [example.gov.uk]
      rules:
        - id: marking
          description: Security markings
          when:
            categories: [marking]
          explanation: Marked material may only go to people entitled to see it.
        - id: strong-identifier
          description: Identifiers that enable fraud
          when:
            types: [uk-nino, iban]
          allowOverride: true
          explanation: Identifiers like this can be used to impersonate a resident.
  `,
};
