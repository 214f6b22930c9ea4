// Answers, for the rule loader, what is wrong with one recognizer's options, by building the
// recognizer the way the detector will: each recognizer validates its own options, so this never
// drifts from what scanning accepts. Built with default settings and policy, because options are
// checked even when other parts of the rule set are wrong (all problems are reported at once).
import { GatewayError } from '../errors.ts';
import type { OptionChecker, OptionFault } from '../rules/option-problems.ts';
import { PolicySchema } from '../rules/schema.ts';
import { RecognizerOptionsError } from './recognizer-options.ts';
import { RECOGNIZER_FACTORIES } from './registry.ts';

const DEFAULT_POLICY = PolicySchema.parse({});
const NO_SCHEMA_ISSUES = { schema: PolicySchema, issues: [] } as const;

export const checkRecognizerOptions: OptionChecker = (type, options): OptionFault | undefined => {
  const factory = RECOGNIZER_FACTORIES[type];
  if (!factory) return undefined; // an unknown type is reported by checkRecognizerTypes
  try {
    factory({ enabled: true, minScore: 0.5, context: [], negativeContext: [], contextWindow: 80, options }, { policy: DEFAULT_POLICY });
    return undefined;
  } catch (error) {
    if (error instanceof RecognizerOptionsError) return error.fault;
    // Any other refusal still belongs to these options; its message names no message content.
    const message = error instanceof GatewayError ? error.message : `cannot be used: ${(error as Error).message}`;
    return { ...NO_SCHEMA_ISSUES, problems: [{ path: [], message }] };
  }
};
