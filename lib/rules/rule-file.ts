// Reads one rule file's text into a source tree, checking what can be checked before merging:
// YAML syntax, that the file is a mapping of known sections, and that no rule id repeats.
import { LineCounter, parseDocument } from 'yaml';
import { describeIssues } from './issues.ts';
import { duplicateRuleIds } from './merge.ts';
import type { Problem } from './problems.ts';
import { RuleFileSchema } from './schema.ts';
import { toPlain, treeFromYaml, type SourceNode } from './source-tree.ts';

/** The file's tree, or undefined when it has problems (appended to `problems`). */
export function readRuleFile(name: string, text: string, problems: Problem[]): SourceNode | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0].line ?? 1;
      problems.push({ where: { file: name, line }, path: '', message: `YAML syntax: ${withoutSnippet(error.message)}` });
    }
    return undefined;
  }
  // A file of comments only (a template with every setting commented out) changes nothing.
  if (doc.contents === null) return { kind: 'map', entries: new Map(), where: { file: name, line: 1 } };

  const found: Problem[] = [];
  const tree = treeFromYaml(doc, name, lines, found);
  if (tree.kind !== 'map') {
    problems.push({ where: tree.where, path: '', message: 'a rule file must be a mapping of sections (recognizers, policy, limits)' });
    return undefined;
  }
  const sections = RuleFileSchema.safeParse(toPlain(tree));
  if (!sections.success) found.push(...describeIssues(sections.error.issues, tree, RuleFileSchema));
  found.push(...duplicateRuleIds(tree));
  problems.push(...found);
  return found.length > 0 ? undefined : tree;
}

// The yaml package ends its message with " at line L, column C:" and a copy of the offending lines;
// the line is reported separately and the copy is left out, to keep one problem to one line.
function withoutSnippet(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  const at = firstLine.search(/ at line \d{1,9}, column \d{1,9}:$/);
  return at >= 0 ? firstLine.slice(0, at) : firstLine;
}
