// How rule files combine. Files are merged in order (shipped files by name, then rules/local/
// files by name), each over the result so far:
//
//   - mappings merge key by key, recursively: a later file changes only the settings it names;
//   - lists are replaced whole: a later `context:` list is the new list, not an addition to it;
//   - except `policy.rules`, merged by `id`: a rule whose id is already listed replaces just the
//     fields it gives (e.g. only `enabled: false`, or only `allowOverride`), each field whole;
//     a rule with a new id is added at the end;
//   - a group of settings left empty ("recognizers:" with everything under it commented out)
//     changes nothing, rather than wiping out the group;
//   - any other value (text, number, true/false) replaces the earlier one.
//
// The merged tree keeps each value's own file and line, so problems point at the file to edit.
import type { Problem } from './problems.ts';
import type { SourceNode } from './source-tree.ts';

const MERGED_BY_ID = 'policy.rules';

export function mergeTrees(base: SourceNode | undefined, over: SourceNode, path: readonly string[] = []): SourceNode {
  if (base?.kind === 'map' && over.kind === 'map') {
    const entries = new Map(base.entries);
    for (const [key, child] of over.entries) {
      entries.set(key, mergeTrees(base.entries.get(key), child, [...path, key]));
    }
    return { kind: 'map', entries, where: base.where };
  }
  if (base && leftEmpty(base, over)) return base;
  if (base?.kind === 'list' && over.kind === 'list' && path.join('.') === MERGED_BY_ID) {
    return mergeById(base, over);
  }
  return over;
}

function mergeById(base: Extract<SourceNode, { kind: 'list' }>, over: Extract<SourceNode, { kind: 'list' }>): SourceNode {
  const items = [...base.items];
  const positions = new Map<string, number>();
  items.forEach((item, index) => {
    const id = idOf(item);
    if (id !== undefined) positions.set(id, index);
  });
  for (const item of over.items) {
    const id = idOf(item);
    const index = id === undefined ? undefined : positions.get(id);
    const existing = index === undefined ? undefined : items[index];
    if (index !== undefined && existing?.kind === 'map' && item.kind === 'map') {
      // Fields replace whole (no deeper merge): a rule's `when` is one kind of condition, and
      // merging two kinds would make a condition neither file wrote.
      const entries = new Map(existing.entries);
      for (const [key, field] of item.entries) {
        if (!leftEmpty(entries.get(key), field)) entries.set(key, field);
      }
      items[index] = { kind: 'map', entries, where: existing.where };
    } else {
      // A new rule; one without an id is kept so that validation reports the missing id.
      if (id !== undefined) positions.set(id, items.length);
      items.push(item);
    }
  }
  return { kind: 'list', items, where: base.where };
}

/** `name:` with nothing after it, over a group of settings. */
function leftEmpty(base: SourceNode | undefined, over: SourceNode): boolean {
  return base?.kind === 'map' && over.kind === 'value' && over.value === null;
}

function idOf(node: SourceNode): string | undefined {
  const id = node.kind === 'map' ? node.entries.get('id') : undefined;
  return id?.kind === 'value' && typeof id.value === 'string' ? id.value : undefined;
}

/**
 * Two rules with one id in the same file would silently merge into one; that is a mistake to
 * report, not to guess at.
 */
export function duplicateRuleIds(fileTree: SourceNode): Problem[] {
  const policy = fileTree.kind === 'map' ? fileTree.entries.get('policy') : undefined;
  const rules = policy?.kind === 'map' ? policy.entries.get('rules') : undefined;
  if (rules?.kind !== 'list') return [];
  const firstLine = new Map<string, number | undefined>();
  const problems: Problem[] = [];
  for (const rule of rules.items) {
    const id = idOf(rule);
    if (id === undefined) continue;
    if (firstLine.has(id)) {
      problems.push({ where: rule.where, path: `policy.rules[${id}]`, message: `the id '${id}' is already used on line ${firstLine.get(id)}` });
    } else {
      firstLine.set(id, rule.where?.line);
    }
  }
  return problems;
}
