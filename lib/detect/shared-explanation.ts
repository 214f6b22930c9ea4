// Findings with equal explanations share one frozen explanation object. Ten megabytes of council
// mail hold tens of thousands of findings and a few dozen distinct explanations. An object for
// each finding was a seventh of what a scan of such a text kept until its decision. What a scan
// keeps, the young generation's collections copy twice, so they cost more per megabyte on a long
// text than on a short one.
import type { FindingExplanation } from './types.ts';

/** Distinct explanations remembered; past this the table starts again (objects already shared stay valid: they are frozen). */
const LIMIT = 4096;
const known = new Map<string, FindingExplanation>();

/**
 * A fresh, flat copy of a string. A word cut from a message with slice() can point into the whole
 * message text, which a remembered explanation must not keep alive.
 */
function detached(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

/**
 * The shared explanation equal to `explanation`, with the same properties in the same order (the
 * order JSON output shows them in). The argument itself is kept only the first time.
 */
export function sharedExplanation(explanation: FindingExplanation): FindingExplanation {
  let key = '';
  for (const name in explanation) key += `${name}\u0000${String(explanation[name as keyof FindingExplanation])}\u0001`;
  let shared = known.get(key);
  if (!shared) {
    if (known.size >= LIMIT) known.clear();
    const copy: FindingExplanation = { ...explanation };
    if (copy.contextWord !== undefined) copy.contextWord = detached(copy.contextWord);
    if (copy.note !== undefined) copy.note = detached(copy.note);
    shared = Object.freeze(copy);
    known.set(key, shared);
  }
  return shared;
}
