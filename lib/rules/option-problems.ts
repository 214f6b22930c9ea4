// A recognizer's `options` are validated by the recognizer itself (each has its own schema, and the
// casework formats' patterns are checked for safety), but the problems must still be reported the
// way every other rule problem is: at the file and line to edit, all at once. The detection side
// answers "what is wrong with these options" (an OptionChecker); this module places each answer
// in the merged rule files.
import type * as z from 'zod';
import { describeIssues } from './issues.ts';
import type { Problem } from './problems.ts';
import { formatPath } from './problems.ts';
import { childOf, nearest, toPlain, type Path, type SourceNode } from './source-tree.ts';

/** What is wrong with one recognizer's options, paths relative to its `options`. */
export interface OptionFault {
  /** The recognizer's options schema, and what it said (worded for administrators by issues.ts). */
  schema: z.ZodType;
  issues: readonly z.core.$ZodIssue[];
  /** Problems beyond the schema: a pattern that could stall scanning, a name used twice … */
  problems: ReadonlyArray<{ path: Path; message: string }>;
}

/** Checks one recognizer's options; undefined when they are fine or the type is unknown. */
export type OptionChecker = (type: string, options: Record<string, unknown>) => OptionFault | undefined;

/** Every option problem in the merged tree, located in the file that wrote the setting. */
export function optionProblems(root: SourceNode, check: OptionChecker): Problem[] {
  const recognizers = childOf(root, 'recognizers');
  if (recognizers?.kind !== 'map') return [];
  const problems: Problem[] = [];
  for (const [type, settings] of recognizers.entries) {
    const options = childOf(settings, 'options');
    if (options?.kind !== 'map') continue; // not a mapping: the rule-set schema reports that
    const fault = check(type, toPlain(options) as Record<string, unknown>);
    if (fault) problems.push(...locateFault(fault, options, `recognizers.${type}.options`));
  }
  return problems;
}

/** The fault's problems with paths written from the rule set's top ("recognizers.x.options.formats[legacy].pattern"). */
export function locateFault(fault: OptionFault, options: SourceNode, prefix: string): Problem[] {
  const within = (path: string): string => (path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`);
  return [
    ...describeIssues(fault.issues, options, fault.schema).map((p) => ({ ...p, path: within(p.path) })),
    ...fault.problems.map((p) => ({ where: nearest(options, p.path).node.where, path: within(formatPath(p.path, options)), message: p.message })),
  ];
}
