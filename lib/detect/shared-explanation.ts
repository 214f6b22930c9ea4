// Findings with equal explanations share one frozen explanation object. Ten megabytes of council
// mail hold tens of thousands of findings and a few dozen distinct explanations. An object for
// each finding was a seventh of what a scan of such a text kept until its decision. What a scan
// keeps, the young generation's collections copy twice, so they cost more per megabyte on a long
// text than on a short one.
import type { FindingExplanation } from './types.ts';

/** Distinct explanations remembered; past this the table starts again (objects already shared stay valid: they are frozen). */
const LIMIT = 4096;

/**
 * Keyed by each property's value in turn (pattern, base score, context word, validated, note):
 * a few lookups with no key to build, since the table is asked once for every match.
 */
type Level<Key, Next> = Map<Key, Next>;
type Table = Level<string, Level<number, Level<string | undefined, Level<boolean | undefined, Level<string | undefined, FindingExplanation>>>>>;
const table: Table = new Map();
let remembered = 0;

function below<Key, Next>(level: Level<Key, Next>, key: Key, make: () => Next): Next {
  let next = level.get(key);
  if (next === undefined) level.set(key, (next = make()));
  return next;
}

/**
 * A fresh, flat copy of a string. A word cut from a message with slice() can point into the whole
 * message text, which a remembered explanation must not keep alive.
 */
function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

/**
 * The shared explanation equal to `explanation`: the argument itself, frozen and with its strings
 * copied, the first time, so the shared one has the properties of the first one seen, in the same
 * order (the order JSON output shows them in). Each recognizer writes its explanations' properties
 * in one order, and no two recognizers' patterns share a name.
 */
export function sharedExplanation(explanation: FindingExplanation): FindingExplanation {
  const { pattern, baseScore, contextWord, validated, note } = explanation;
  if (remembered >= LIMIT) {
    table.clear();
    remembered = 0;
  }
  const byScore = below(table, pattern, () => new Map());
  const byWord = below(byScore, baseScore, () => new Map());
  const byValidated = below(byWord, contextWord, () => new Map());
  const byNote = below(byValidated, validated, () => new Map());
  let shared = byNote.get(note);
  if (shared === undefined) {
    const copy: FindingExplanation = { ...explanation };
    if (contextWord !== undefined) copy.contextWord = detached(contextWord);
    if (note !== undefined) copy.note = detached(note);
    shared = Object.freeze(copy);
    byNote.set(note, shared);
    remembered += 1;
  }
  return shared;
}
