// A rule file as a tree of values that remember where they were written. Rule files are merged
// before they are validated, so a problem found in the merged set must still be reported at the
// file and line an administrator has to edit: every node carries its own file and line.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { Problem } from './problems.ts';

export interface Where {
  file: string;
  line: number;
}

export type SourceNode =
  | { kind: 'map'; entries: Map<string, SourceNode>; where?: Where }
  | { kind: 'list'; items: SourceNode[]; where?: Where }
  | { kind: 'value'; value: unknown; where?: Where };

export type Path = ReadonlyArray<PropertyKey>;

// Anchors and aliases let a file reuse a word list; a cap keeps a file of nested aliases from
// expanding into millions of nodes.
const MAX_ALIAS_EXPANSIONS = 1000;

interface ReadState {
  doc: Document;
  file: string;
  lines: LineCounter;
  aliases: number;
  problems: Problem[];
}

/** Turns a parsed YAML document into a source tree; problems are appended to `problems`. */
export function treeFromYaml(doc: Document, file: string, lines: LineCounter, problems: Problem[]): SourceNode {
  const state: ReadState = { doc, file, lines, aliases: 0, problems };
  return convert(doc.contents, lineOf(doc.contents, state, { file, line: 1 }), state);
}

function lineOf(node: unknown, state: ReadState, fallback: Where): Where {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? { file: state.file, line: state.lines.linePos(range[0]).line } : fallback;
}

function convert(node: unknown, where: Where, state: ReadState): SourceNode {
  if (isAlias(node)) {
    state.aliases += 1;
    const target = state.aliases <= MAX_ALIAS_EXPANSIONS ? node.resolve(state.doc) : undefined;
    if (target === undefined) {
      const message =
        state.aliases > MAX_ALIAS_EXPANSIONS
          ? `too many aliases (more than ${MAX_ALIAS_EXPANSIONS})`
          : `alias *${node.source} has no matching anchor before it`;
      state.problems.push({ where, path: '', message });
      return { kind: 'value', value: null, where };
    }
    return { ...convert(target, where, state), where };
  }
  if (isMap(node)) {
    const entries = new Map<string, SourceNode>();
    for (const pair of node.items) {
      const keyWhere = lineOf(pair.key, state, lineOf(pair.value, state, where));
      if (!isScalar(pair.key) || pair.key.value === null || typeof pair.key.value === 'object') {
        state.problems.push({ where: keyWhere, path: '', message: 'every key must be a plain name' });
        continue;
      }
      entries.set(String(pair.key.value), convert(pair.value, keyWhere, state));
    }
    return { kind: 'map', entries, where };
  }
  if (isSeq(node)) {
    return { kind: 'list', items: node.items.map((item) => convert(item, lineOf(item, state, where), state)), where };
  }
  // A key with nothing after it ("key:") reads as null, as in any YAML reader.
  return { kind: 'value', value: isScalar(node) ? node.value : null, where };
}

/** The plain value the schema validates. */
export function toPlain(node: SourceNode): unknown {
  switch (node.kind) {
    case 'map':
      // fromEntries defines own properties, so a key such as "__proto__" stays an ordinary key.
      return Object.fromEntries([...node.entries].map(([key, child]) => [key, toPlain(child)]));
    case 'list':
      return node.items.map(toPlain);
    case 'value':
      return node.value;
  }
}

/** The child of a node by key or index, if there is one. */
export function childOf(node: SourceNode, key: PropertyKey): SourceNode | undefined {
  if (node.kind === 'map' && typeof key === 'string') return node.entries.get(key);
  if (node.kind === 'list' && typeof key === 'number') return node.items[key];
  return undefined;
}

/** The node at `path`, or its nearest existing ancestor when the path goes further than the tree. */
export function nearest(root: SourceNode, path: Path): { node: SourceNode; exact: boolean } {
  let node = root;
  for (const key of path) {
    const child = childOf(node, key);
    if (!child) return { node, exact: false };
    node = child;
  }
  return { node, exact: true };
}

/** Where `path` (or its nearest existing ancestor) was written. */
export function whereIs(root: SourceNode, path: Path): Where | undefined {
  return nearest(root, path).node.where;
}

/** A tree for a value that was not read from a file (a recognizer's options given in code): no locations. */
export function treeFromPlain(value: unknown): SourceNode {
  if (Array.isArray(value)) return { kind: 'list', items: value.map(treeFromPlain) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'map', entries: new Map(Object.entries(value).map(([key, child]) => [key, treeFromPlain(child)])) };
  }
  return { kind: 'value', value };
}
