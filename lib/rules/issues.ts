// Turns schema (zod) issues into problems an administrator can act on: plain words instead of
// zod's wording, located at the file and line where the setting (or the nearest enclosing one)
// was written.
import * as z from 'zod';
import { formatPath, type Problem } from './problems.ts';
import { nearest, toPlain, type Path, type SourceNode } from './source-tree.ts';

type Issue = z.core.$ZodIssue;

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of settings',
  record: 'a mapping of settings',
};

export function describeIssues(issues: readonly Issue[], root: SourceNode, schema: z.ZodType, prefix: Path = []): Problem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const found = nearest(root, path);
    if (!found.exact && (issue.code === 'invalid_type' || issue.code === 'invalid_union')) {
      return [problemAt(root, path, path.length === 1 ? 'required, and no rule file has this section' : 'required')];
    }
    if (issue.code === 'invalid_union') {
      // When exactly one alternative fits at the top (its issues are all further in), the
      // administrator evidently meant that one: report its issues rather than "no match".
      const fitting = issue.errors.filter((option) => option.every((inner) => inner.path.length > 0));
      const [meant] = fitting;
      if (fitting.length === 1 && meant) return describeIssues(meant, root, schema, path);
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(schema, path);
      const hint = !allowed ? '' : allowed.length > 0 ? ` (allowed here: ${allowed.join(', ')})` : ' (no settings are allowed here)';
      return issue.keys.map((key) => problemAt(root, [...path, key], `unknown setting${hint}`));
    }
    return [problemAt(root, path, sentence(issue, found.exact ? toPlain(found.node) : undefined, path))];
  });
}

function problemAt(root: SourceNode, path: Path, message: string): Problem {
  return { where: nearest(root, path).node.where, path: formatPath(path, root), message };
}

function sentence(issue: Issue, actual: unknown, path: Path): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${EXPECTED[issue.expected] ?? issue.expected} (got ${shown(actual, path)})`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')} (got ${shown(actual, path)})`;
    case 'too_small':
      return bound(issue.origin, 'at least', 'more than', Number(issue.minimum), issue.inclusive, actual, path);
    case 'too_big':
      return bound(issue.origin, 'at most', 'less than', Number(issue.maximum), issue.inclusive, actual, path);
    default:
      // Custom messages written in the schema (rule id format, union alternatives) read as they are.
      return issue.message;
  }
}

function bound(origin: string, within: string, beyond: string, limit: number, inclusive: boolean | undefined, actual: unknown, path: Path): string {
  const word = inclusive === false ? beyond : within;
  if (origin === 'array') return limit === 1 && word === within ? 'must list at least one item' : `must list ${word} ${limit} items`;
  if (origin === 'string') return limit === 1 && word === within ? 'must not be empty' : `must be ${word} ${limit} characters`;
  return `must be ${word} ${limit} (got ${shown(actual, path)})`;
}

/**
 * A value as it may appear in an error: numbers, true/false and short single-line settings are
 * quoted; anything under `examples` (sample message text, which may be a phone number) or long is
 * described, not repeated.
 */
function shown(value: unknown, path: Path): string {
  if (typeof value === 'number' && path.includes('examples')) return 'a number';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') {
    const quotable = !path.includes('examples') && value.length <= 40 && !/[\r\n]/.test(value);
    return quotable ? `'${value}'` : 'text';
  }
  if (value === null || value === undefined) return 'nothing';
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

/** The setting names allowed at `path`, read from the schema itself so the list never drifts. */
export function keysAt(schema: z.ZodType, path: Path): string[] | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = current && childSchema(unwrap(current), key);
  }
  const last = current && unwrap(current);
  return last instanceof z.ZodObject ? Object.keys(last.shape) : undefined;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

function childSchema(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodType>;
    return typeof key === 'string' && Object.hasOwn(shape, key) ? shape[key] : undefined;
  }
  if (schema instanceof z.ZodRecord) return schema.valueType as z.ZodType;
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as z.ZodType[]) {
      const child = childSchema(unwrap(option), key);
      if (child) return child;
    }
  }
  return undefined;
}
