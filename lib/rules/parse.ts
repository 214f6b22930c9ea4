// Builds a rule set from rule-file texts: the one path every caller takes (the loader, the CLI,
// tests). Files are merged in the order given (see merge.ts), then validated as a whole.
import { RuleError } from '../errors.ts';
import { describeIssues } from './issues.ts';
import { mergeTrees } from './merge.ts';
import { formatPath, problemsError, type Problem } from './problems.ts';
import { readRuleFile } from './rule-file.ts';
import { optionProblems, type OptionChecker } from './option-problems.ts';
import { unknownTypeProblems } from './recognizer-types.ts';
import { RuleSetSchema, type RuleSet } from './schema.ts';
import { toPlain, whereIs, type Path, type SourceNode, type Where } from './source-tree.ts';
import { ruleSetVersion } from './version.ts';

/**
 * Checks that need the detection engine, passed in by the caller so that the rules do not depend
 * on it: every problem they find is reported together with the schema's, at its file and line.
 */
export interface RuleChecks {
  /** Validates one recognizer's options (lib/detect/option-check.ts). */
  recognizerOptions?: OptionChecker;
  /** Every finding type the gateway produces; a type the rules name outside it is a problem. */
  knownTypes?: readonly string[];
}

export interface RuleFileText {
  /** How the file is named in errors and in `sources` (normally its path). */
  name: string;
  text: string;
}

// Where each setting of a loaded rule set was written, kept beside the rule set rather than in it
// so the rule set stays plain data.
const ORIGINS = new WeakMap<RuleSet, SourceNode>();

/** Parses, merges and validates rule files given in merge order; throws RuleError listing every problem. */
export function parseRuleSetFromText(files: readonly RuleFileText[], checks: RuleChecks = {}): RuleSet {
  if (files.length === 0) throw new RuleError('no rule files to load');
  const names = files.map((file) => file.name);
  const problems: Problem[] = [];
  const trees = files.map((file) => readRuleFile(file.name, file.text, problems));
  // A file that cannot be read would make the merged set look incomplete; report files first.
  if (problems.length > 0) throw problemsError(problems, names);

  const merged = trees.reduce<SourceNode | undefined>((sofar, tree) => (tree ? mergeTrees(sofar, tree) : sofar), undefined);
  if (!merged) throw new RuleError('no rule files to load');
  // A section missing from the merged set is missing from every file, so it has no one location.
  const root = { ...merged, where: undefined };

  const parsed = RuleSetSchema.safeParse(toPlain(root));
  if (!parsed.success) problems.push(...describeIssues(parsed.error.issues, root, RuleSetSchema));
  if (checks.recognizerOptions) problems.push(...optionProblems(root, checks.recognizerOptions));
  if (!parsed.success) throw problemsError(problems, names);

  const ruleSet: RuleSet = { ...parsed.data, version: ruleSetVersion(parsed.data), sources: names };
  ORIGINS.set(ruleSet, root);
  if (checks.knownTypes) problems.push(...unknownTypeProblems(ruleSet, checks.knownTypes));
  if (problems.length > 0) throw problemsError(problems, names);
  return ruleSet;
}

/**
 * Where a setting of a parsed rule set was written, e.g. ['policy', 'rules', 2, 'examples'], and
 * its name as administrators write it. No location for a rule set built some other way.
 */
export function locateSetting(ruleSet: RuleSet, path: Path): { where?: Where; path: string } {
  const tree = ORIGINS.get(ruleSet);
  return { where: tree && whereIs(tree, path), path: formatPath(path, tree) };
}
