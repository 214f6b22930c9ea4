// Findings with equal explanations share one frozen explanation object. Ten megabytes of council
// mail hold tens of thousands of findings and a few dozen distinct explanations. An object for
// each finding was a seventh of what a scan of such a text kept until its decision. What a scan
// keeps, the young generation's collections copy twice, so they cost more per megabyte on a long
// text than on a short one.
import { detachedCopy } from './detached-copy.ts';
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
 * The explanation with these properties, in this order (the order JSON output shows them in); an
 * undefined one is left out. Made and frozen the first time it is asked for, with its words copied
 * (detached-copy.ts).
 */
export function sharedExplanation(pattern: string, baseScore: number, contextWord?: string, validated?: boolean, note?: string): FindingExplanation {
  if (remembered >= LIMIT) {
    table.clear();
    remembered = 0;
  }
  // Keys are copies too: a key cut from a message would keep the message alive like a value would.
  let byScore = table.get(pattern);
  if (byScore === undefined) table.set(detachedCopy(pattern), (byScore = new Map()));
  let byWord = byScore.get(baseScore);
  if (byWord === undefined) byScore.set(baseScore, (byWord = new Map()));
  let byValidated = byWord.get(contextWord);
  if (byValidated === undefined) byWord.set(contextWord === undefined ? undefined : detachedCopy(contextWord), (byValidated = new Map()));
  let byNote = byValidated.get(validated);
  if (byNote === undefined) byValidated.set(validated, (byNote = new Map()));
  let shared = byNote.get(note);
  if (shared === undefined) {
    const made: FindingExplanation = { pattern: detachedCopy(pattern), baseScore };
    if (contextWord !== undefined) made.contextWord = detachedCopy(contextWord);
    if (validated !== undefined) made.validated = validated;
    if (note !== undefined) made.note = detachedCopy(note);
    shared = Object.freeze(made);
    byNote.set(shared.note, shared);
    remembered += 1;
  }
  return shared;
}
