// Reads a recognizer's `options` from the rule files against the recognizer's own schema, so a
// misspelt or mistyped option fails when the rules load instead of being silently ignored.
import { z } from 'zod';
import { RuleError } from '../errors.ts';

/** Parses options with a strict schema; a recognizer without options passes `z.strictObject({})`. */
export function readOptions<T extends z.ZodType>(type: string, schema: T, options: Record<string, unknown>): z.infer<T> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${['options', ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new RuleError(`recognizers.${type}: ${problems}`);
}

/** For recognizers that take no options: any key is a mistake in the rule file. */
export const NO_OPTIONS = z.strictObject({});
