// Where a text's digits stand together. Most identifiers are digits in groups a separator run apart
// (see separators.ts): an NI number has six, an NHS number ten, a card thirteen or more. Finding
// the clusters of digits once per text, in one pass, lets each recognizer run its patterns only
// around clusters with enough digits, instead of each searching the whole text for its own anchor:
// council mail has few such clusters (dates, amounts and times have fewer digits), and a text made
// of nothing else costs no more than scanning it whole.
import type { Region } from './regions.ts';
import { GROUP_GAP } from './separators.ts';

export interface DigitCluster extends Region {
  /** How many digits it holds. */
  digits: number;
}

/**
 * A maximal run of ASCII digits (what `\\d` matches) in which each digit is at most a separator
 * run (separators.ts GROUP_GAP: up to eight) from the next. A pattern of digits joined by such
 * runs (or shorter ones, or fewer kinds of separator) can only match inside one cluster, so the
 * clusters with at least its number of digits hold all its matches. Greedy and bounded: each
 * repetition is a separator run then a digit, disjoint sets, so the search is linear. (A regex:
 * the engine skips to the next digit several times faster than a loop over the characters.) The
 * repetitions are bounded, since each one takes room on the engine's backtracking stack (a
 * megabyte of "1 1 1 …" would overflow it): a longer cluster comes as several matches, joined again
 * below.
 */
const MAX_REPEATS = 4095;
/** The longest separator run (GROUP_GAP). */
const MAX_GAP = 8;
const CLUSTER = new RegExp(`\\d(?:${GROUP_GAP}\\d){0,${MAX_REPEATS}}`, 'gu');
const SEPARATORS_ONLY = new RegExp(`^${GROUP_GAP}$`, 'u');

function findClusters(text: string): DigitCluster[] {
  const clusters: DigitCluster[] = [];
  CLUSTER.lastIndex = 0;
  for (let m = CLUSTER.exec(text); m !== null; m = CLUSTER.exec(text)) {
    const run = m[0];
    let digits = 0;
    for (let i = 0; i < run.length; i += 1) {
      const code = run.charCodeAt(i);
      if (code >= 48 && code <= 57) digits += 1;
    }
    const last = clusters[clusters.length - 1];
    // A match the bound cut short continues after a separator run: the same cluster. (Any other
    // match is maximal, so the next one is further away or past another character.)
    if (last && m.index - last.end <= MAX_GAP && SEPARATORS_ONLY.test(text.slice(last.end, m.index))) {
      last.end = m.index + run.length;
      last.digits += digits;
    } else {
      clusters.push({ start: m.index, end: m.index + run.length, digits });
    }
  }
  return clusters;
}

// The recognizers of one part all read the same text one after another, so the last text's
// clusters are kept: each text is read once, and only the one most recently read is held.
let lastText: string | undefined;
let lastClusters: readonly DigitCluster[] = [];

export function digitClusters(text: string): readonly DigitCluster[] {
  if (text !== lastText) {
    lastClusters = findClusters(text);
    lastText = text;
  }
  return lastClusters;
}

/** The clusters holding at least `digits` digits. */
export function clustersOf(text: string, digits: number): DigitCluster[] {
  return digitClusters(text).filter((c) => c.digits >= digits);
}
