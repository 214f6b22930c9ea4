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
 * a few lookups and nothing made, since the table is asked once for every match.
 */
type Table = Map<string, Map<number, Map<string | undefined, Map<boolean | undefined, Map<string | undefined, FindingExplanation>>>>>;
const table: Table = new Map();
let remembered = 0;

/**
 * A fresh, flat copy of a string. A word cut from a message with slice() can point into the whole
 * message text, which a remembered explanation must not keep alive.
 */
function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

/**
 * The explanation with these properties, in this order (the order JSON output shows them in); an
 * undefined one is left out. Made and frozen the first time it is asked for.
 */
export function sharedExplanation(pattern: string, baseScore: number, contextWord?: string, validated?: boolean, note?: string): FindingExplanation {
  if (remembered >= LIMIT) {
    table.clear();
    remembered = 0;
  }
  let byScore = table.get(pattern);
  if (byScore === undefined) table.set(pattern, (byScore = new Map()));
  let byWord = byScore.get(baseScore);
  if (byWord === undefined) byScore.set(baseScore, (byWord = new Map()));
  let byValidated = byWord.get(contextWord);
  if (byValidated === undefined) byWord.set(contextWord, (byValidated = new Map()));
  let byNote = byValidated.get(validated);
  if (byNote === undefined) byValidated.set(validated, (byNote = new Map()));
  let shared = byNote.get(note);
  if (shared === undefined) {
    const made: FindingExplanation = { pattern, baseScore };
    if (contextWord !== undefined) made.contextWord = detached(contextWord);
    if (validated !== undefined) made.validated = validated;
    if (note !== undefined) made.note = detached(note);
    shared = Object.freeze(made);
    byNote.set(note, shared);
    remembered += 1;
  }
  return shared;
}
