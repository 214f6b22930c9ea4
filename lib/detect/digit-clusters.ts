// Where a text's digits stand together. Most identifiers are digits in groups a separator run apart
// (see separators.ts): an NI number has six, an NHS number ten, a card thirteen or more. Finding
// the clusters of digits once per text, in one pass, lets each recognizer run its patterns only
// around clusters with enough digits, instead of each searching the whole text for its own anchor:
// council mail has few such clusters (dates, amounts and times have fewer digits), and a text made
// of nothing else costs no more than scanning it whole.
import type { Region } from './regions.ts';
import { GROUP_GAP, isSeparatorCode } from './separators.ts';

export interface DigitCluster extends Region {
  /** How many digits it holds. */
  digits: number;
}

/**
 * A maximal run of ASCII digits (what `\d` matches) in which each digit is at most a separator
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
const CLUSTER = new RegExp(`\\d(?:${GROUP_GAP}\\d){0,${MAX_REPEATS}}`, 'uy');
/**
 * The next digit. Clusters are found with test(), not exec(): the next digit's place, then the
 * cluster's end from it, with no match object made for each of the tens of thousands of numbers a
 * megabyte holds (with reference-tokens.ts, a seventh of what a scan allocated).
 */
const DIGIT = /\d/g;
const SEPARATORS_ONLY = new RegExp(`^${GROUP_GAP}$`, 'u');

/** How many ASCII digits (what `\d` matches) text[start, end) holds. */
export function asciiDigits(text: string, start = 0, end = text.length): number {
  let digits = 0;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return digits;
}

/**
 * A letter as an identifier's case-insensitive pattern reads it: an ASCII letter, or the two
 * characters that match one under case folding (the long s and the Kelvin sign; folded text has
 * neither).
 */
function isLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 0x17f || code === 0x212a;
}

/** Steps back from `at` over a separator run of at most MAX_GAP characters; where the run starts. */
function backOverSeparators(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < MAX_GAP && isSeparatorCode(text.charCodeAt(i - 1))) i -= 1;
  return i;
}

/**
 * Where two letters stand before the cluster starting at `start`, each at most a separator run
 * from what follows it ("JG 10…", "J G 1…", "ninoJG10…"), or -1: an NI number's prefix. Found
 * here, while the text around the cluster is being read anyway: looked for later, each place is
 * read from memory again, which in a text of megabytes costs more than the search.
 */
function letterPairBefore(text: string, start: number): number {
  const second = backOverSeparators(text, start) - 1;
  if (second < 0 || !isLetterCode(text.charCodeAt(second))) return -1;
  const first = backOverSeparators(text, second) - 1;
  return first >= 0 && isLetterCode(text.charCodeAt(first)) ? first : -1;
}

/** Room for the clusters of a few kilobytes of mail: most texts (a subject, a header) have fewer. */
const INITIAL_CAPACITY = 256;
/**
 * Lists longer than this are not kept for the next text. Lists of up to this many (4 MB for the
 * four, room for the clusters of some 10 MB of text dense with numbers) are: made again for each
 * long text, growing from small, they took a thirtieth of a 10 MB text's scan (new memory, zeroed
 * and copied on each doubling), a cost that grew faster than the text.
 */
const KEPT_CAPACITY = 1 << 18;

/**
 * Clusters as parallel lists of numbers, not an object each: a megabyte of council mail has
 * some fifteen thousand clusters, most of one to four digits (dates, times, amounts) that no
 * recognizer asks for, and objects for all of them made the garbage collector's work grow faster
 * than the text.
 */
class Clusters {
  starts = new Int32Array(INITIAL_CAPACITY);
  ends = new Int32Array(INITIAL_CAPACITY);
  digits = new Int32Array(INITIAL_CAPACITY);
  /** Where the letter pair before each cluster starts (letterPairBefore), or -1. */
  pairs = new Int32Array(INITIAL_CAPACITY);
  count = 0;

  /** Empties the lists for the next text, letting go of lists a long text made large. */
  reset(): void {
    this.count = 0;
    if (this.starts.length > KEPT_CAPACITY) Object.assign(this, new Clusters());
  }

  push(start: number, end: number, digits: number, pair: number): void {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.digits = grow(this.digits);
      this.pairs = grow(this.pairs);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.digits[this.count] = digits;
    this.pairs[this.count] = pair;
    this.count += 1;
  }

  /** The clusters holding at least `min` digits, as objects. */
  atLeast(min: number): DigitCluster[] {
    const out: DigitCluster[] = [];
    for (let i = 0; i < this.count; i += 1) {
      if (this.digits[i]! >= min) out.push({ start: this.starts[i]!, end: this.ends[i]!, digits: this.digits[i]! });
    }
    return out;
  }
}

function grow(list: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(list.length * 2);
  bigger.set(list);
  return bigger;
}

function findClusters(text: string, clusters: Clusters): Clusters {
  clusters.reset();
  DIGIT.lastIndex = 0;
  while (DIGIT.test(text)) {
    const start = DIGIT.lastIndex - 1;
    CLUSTER.lastIndex = start;
    CLUSTER.test(text);
    const end = CLUSTER.lastIndex;
    DIGIT.lastIndex = end;
    const digits = asciiDigits(text, start, end);
    const last = clusters.count - 1;
    // A match the bound cut short continues after a separator run: the same cluster. (Any other
    // match is maximal, so the next one is further away or past another character.)
    if (last >= 0 && start - clusters.ends[last]! <= MAX_GAP && SEPARATORS_ONLY.test(text.slice(clusters.ends[last]!, start))) {
      clusters.ends[last] = end;
      clusters.digits[last]! += digits;
    } else {
      clusters.push(start, end, digits, letterPairBefore(text, start));
    }
  }
  return clusters;
}

// The recognizers of one part all read the same text one after another, so the last text's
// clusters are kept: each text is read once, and only the one most recently read is held. Its
// lists are used again for the next text (nothing outside this module holds them: the clusters
// are handed out as copies), since making four new ones for every subject line and header cost a
// twentieth of scanning real mail.
let lastText: string | undefined;
const lastClusters = new Clusters();

function clustersIn(text: string): Clusters {
  if (text !== lastText) {
    // Forgotten first: lists half filled by a search that failed belong to no text.
    lastText = undefined;
    findClusters(text, lastClusters);
    lastText = text;
  }
  return lastClusters;
}

/** Every cluster of the text, in order. */
export function digitClusters(text: string): DigitCluster[] {
  return clustersIn(text).atLeast(1);
}

/** Where each cluster of the text ends (just after its last digit), in order. */
export function clusterEnds(text: string): Int32Array {
  const clusters = clustersIn(text);
  return clusters.ends.slice(0, clusters.count);
}

/** The clusters holding at least `digits` digits. */
export function clustersOf(text: string, digits: number): DigitCluster[] {
  return clustersIn(text).atLeast(digits);
}

/**
 * Where the two letters before each cluster holding at least `digits` digits start, for the
 * clusters that have them (see letterPairBefore): the only places an NI number can start.
 */
export function letterPairsBefore(text: string, digits: number): number[] {
  const clusters = clustersIn(text);
  const out: number[] = [];
  for (let i = 0; i < clusters.count; i += 1) if (clusters.digits[i]! >= digits && clusters.pairs[i]! >= 0) out.push(clusters.pairs[i]!);
  return out;
}
