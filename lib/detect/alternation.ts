// Alternations of many literal phrases, written so the regex engine rejects a position cheaply.
// Irregexp tries the alternatives of a group one after another wherever it tries the group, so a
// list of a hundred phrases costs a hundred comparisons at the start of every word. Grouped by
// first character, and each group again by its next character ("a(?:ged|ddress)|b(?:orn)"), a
// word whose first letter begins no phrase costs one comparison per group, and a long list scans
// prose in about 60% of the time.

/** A first character that matches only itself (and its other case), not repeated: safe to group on. */
export const GROUPABLE_FIRST = /^[A-Za-z0-9](?![*+?{])/;
/**
 * A first character outside printable ASCII. Under the `iu` flags two non-ASCII characters match
 * ASCII letters (ſ matches s, K matches k).
 */
const UNUSUAL_FIRST = /^[^ -~\t\n\r]/u;

interface Group {
  first: string;
  rests: string[];
}

/**
 * The alternation `(?:s1|s2|…)` of regex sources, with the sources that start with an ASCII letter
 * or digit grouped under that character (and so on within each group). It matches exactly what
 * the plain alternation matches and prefers the same source wherever two could match: sources in
 * different groups never match at the same position, and each group keeps its sources in order.
 *
 * - Sources come longest first, so a phrase that begins another ("case ref", "case reference")
 *   comes after it, as the plain alternation needs anyway to prefer the longer.
 * - Each source is one phrase: escaped literal characters with spacing between words, no
 *   top-level `|`, so its first character can stand apart from the rest.
 * - `ignoreCase` must be true when the regex has the i flag, so "NHS" and "nhs" share a group.
 */
export function groupedAlternation(sources: readonly string[], ignoreCase: boolean): string {
  // A source starting with a non-ASCII character could, by case folding, match where a group
  // does: such a list is left as it is rather than reasoned about.
  if (ignoreCase && sources.some((s) => UNUSUAL_FIRST.test(s))) return `(?:${sources.join('|')})`;
  const groups = new Map<string, Group>();
  const branches: Array<string | Group> = [];
  for (const source of sources) {
    if (!GROUPABLE_FIRST.test(source)) {
      branches.push(source);
      continue;
    }
    const first = ignoreCase ? source[0]!.toLowerCase() : source[0]!;
    let group = groups.get(first);
    if (!group) {
      group = { first, rests: [] };
      groups.set(first, group);
      branches.push(group);
    }
    group.rests.push(source.slice(1));
  }
  const written = branches.map((b) => (typeof b === 'string' ? b : `${b.first}${b.rests.length > 1 ? groupedAlternation(b.rests, ignoreCase) : b.rests[0]}`));
  return `(?:${written.join('|')})`;
}
