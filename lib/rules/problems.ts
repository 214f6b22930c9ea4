// Problems found in rule files, and the one RuleError that reports them. Every problem found is
// reported at once, one per line, so an administrator fixes a file in one pass rather than one
// error per run.
import { RuleError } from '../errors.ts';
import { childOf, type Path, type SourceNode, type Where } from './source-tree.ts';

/** A problem with the rules, located where it can be fixed. */
export interface Problem {
  where?: Where;
  /** The setting at fault as an administrator writes it, e.g. "policy.rules[casework].explanation". */
  path: string;
  message: string;
}

/**
 * Writes a path the way it reads in the files. A list item that has an `id` (a policy rule) or a
 * `name` (a casework format) is named by it: after merging, a rule's position differs from its
 * position in any one file. Other items are counted from 1, as people count ("hold[1]" is the
 * first example).
 */
export function formatPath(path: Path, root: SourceNode | undefined): string {
  let text = '';
  let node = root;
  for (const key of path) {
    const child = node ? childOf(node, key) : undefined;
    if (typeof key === 'number') {
      const id = child?.kind === 'map' ? (child.entries.get('id') ?? child.entries.get('name')) : undefined;
      const label = id?.kind === 'value' && typeof id.value === 'string' ? id.value : String(key + 1);
      text += `[${label}]`;
    } else {
      text += `${text ? '.' : ''}${String(key)}`;
    }
    node = child;
  }
  return text;
}

export function formatProblem(problem: Problem): string {
  const at = problem.where ? `${problem.where.file}:${problem.where.line}: ` : '';
  return `${at}${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

/**
 * One RuleError for all the problems, in file order then line order. A single problem keeps its
 * file and line on the error; several are listed one per line under a count.
 */
export function problemsError(problems: readonly Problem[], fileOrder: readonly string[]): RuleError {
  const rank = (p: Problem): number => (p.where ? fileOrder.indexOf(p.where.file) : -1);
  const sorted = [...problems].sort((a, b) => rank(a) - rank(b) || (a.where?.line ?? 0) - (b.where?.line ?? 0));
  const [only] = sorted;
  if (sorted.length === 1 && only) {
    return new RuleError(formatProblem({ ...only, where: undefined }), only.where ?? {});
  }
  return new RuleError([`${sorted.length} problems in the rule files:`, ...sorted.map(formatProblem)].join('\n'));
}
