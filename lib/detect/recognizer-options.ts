// Reads a recognizer's `options` from the rule files against the recognizer's own schema, so a
// misspelt or mistyped option fails when the rules load instead of being silently ignored. Every
// problem is collected, not just the first, and kept with its path so that the loader can report
// each at the file and line that wrote it (lib/rules/option-problems.ts).
import * as z from 'zod';
import { RuleError } from '../errors.ts';
import { formatProblem } from '../rules/problems.ts';
import { locateFault, type OptionFault } from '../rules/option-problems.ts';
import { treeFromPlain, type Path } from '../rules/source-tree.ts';

export type OptionProblem = OptionFault['problems'][number];

/** A recognizer's options are wrong; `fault` says where and how, relative to its options. */
export class RecognizerOptionsError extends RuleError {
  readonly type: string;
  readonly fault: OptionFault;

  constructor(type: string, fault: OptionFault, options: unknown) {
    // Built outside the rule files (in code, in tests) there is no line to give; the paths still read as in a file.
    const lines = locateFault(fault, treeFromPlain(options), `recognizers.${type}.options`).map(formatProblem);
    super(lines.join('; '));
    this.name = 'RecognizerOptionsError';
    this.type = type;
    this.fault = fault;
  }
}

/**
 * Parses options with a strict schema; a recognizer without options passes `z.strictObject({})`.
 * `more` finds problems the schema cannot express (checked on the raw options, so they are
 * reported together with the schema's).
 */
export function readOptions<T extends z.ZodType>(
  type: string,
  schema: T,
  options: Record<string, unknown>,
  more: (raw: Record<string, unknown>) => OptionProblem[] = () => [],
): z.infer<T> {
  const result = schema.safeParse(options);
  const problems = more(options);
  if (result.success && problems.length === 0) return result.data;
  throw new RecognizerOptionsError(type, { schema, issues: result.success ? [] : result.error.issues, problems }, options);
}

/** Items of a list of mappings that repeat an earlier item's `key` (casework format names …). */
export function repeatedNames(list: unknown, listPath: Path, key = 'name'): OptionProblem[] {
  if (!Array.isArray(list)) return [];
  const first = new Map<string, number>();
  const problems: OptionProblem[] = [];
  list.forEach((item: unknown, index) => {
    const name = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
    if (typeof name !== 'string') return;
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, index);
    else problems.push({ path: [...listPath, index, key], message: `the ${key} '${name}' is already used by item ${earlier + 1} of this list` });
  });
  return problems;
}

/** For recognizers that take no options: any key is a mistake in the rule file. */
export const NO_OPTIONS = z.strictObject({});
