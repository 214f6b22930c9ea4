// The functions' environment: every variable lib/adapters/aws/env.ts knows, valued from the
// settings and the deployed resources, and handed to each function only when it reads it.
import type { VariableName } from '../lib/adapters/aws/env.ts';

export type GatewayVariables = Partial<Record<VariableName, string>>;

/** Variables the function construct sets itself, the same way for every function. */
const SET_PER_FUNCTION: ReadonlySet<VariableName> = new Set(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE']);

/**
 * The variables `names` lists, from `values`. A variable a function reads that the stack gives no
 * value for is a mistake in the stack, found at synth rather than at the function's first event;
 * optional variables (left unset on purpose) are listed in `optional`.
 */
export function environmentFor(
  values: GatewayVariables,
  names: readonly VariableName[],
  optional: readonly VariableName[] = [],
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of names) {
    if (SET_PER_FUNCTION.has(name)) continue;
    const value = values[name];
    if (value !== undefined) env[name] = value;
    else if (!optional.includes(name)) throw new Error(`the stack sets no value for ${name}, which a function reads`);
  }
  return env;
}
