// Telephone numbers: UK numbers written nationally ("0115 496 0123", "(0115) 981 9911",
// "07700 900123") and any number written internationally ("+44 7700 900123", "0033 1 42 68 53 00").
//
// libphonenumber-js decides whether digits form a number. It is not run over the whole text: its
// matcher slows to seconds on a megabyte of "1 1 1 …" and, given "07700 900123 07700 900124", sees
// one 22-digit candidate and finds neither number. Instead the text is cut into runs of digits and
// in-number separators, and the matcher checks bounded windows of whole digit groups that could be
// one number, longest first. Each window is a handful of characters and each group starts at most
// seven windows, so the cost stays linear.
//
// What counts as a candidate, and why:
// - International (+ or 00, then a country code): 7 to 16 digits after the prefix (15 in E.164,
//   one more for a written "(0)" trunk prefix).
// - National: only the UK's, since the default country is GB. A UK number written nationally
//   starts with the trunk prefix 0 and has 10 or 11 digits with it. Digits without a leading 0 or
//   + (council tax accounts, NHS numbers, invoice numbers) are not phone numbers here.
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { contextScorer } from '../context-score.ts';
import { detachedCopy } from '../detached-copy.ts';
import { asciiDigits } from '../digit-clusters.ts';
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { dropOverlaps } from '../pattern-recognizer.ts';
import { sharedExplanation } from '../shared-explanation.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'phone-number';

/**
 * Scores. libphonenumber's full metadata knows which ranges Ofcom (and other regulators) have
 * allocated, so a "valid" number is almost certainly a real line: 0.75. A "possible" number has
 * the right length but lies outside every allocated range: typically Ofcom's ranges reserved for
 * drama and examples (07700 900xxx, 0115 496 0xxx), used as stand-ins for real numbers, or a real
 * number with a mistyped digit. Either way someone meant a phone number, so it still counts
 * (0.55, above the policy's 0.5), just with less confidence. A context word ("tel", "mobile")
 * adds 0.2.
 */
const VALID_SCORE = 0.75;
const POSSIBLE_SCORE = 0.55;
const CONTEXT_BOOST = 0.2;

const MAX_GROUPS = 7;
const MAX_DIGITS = 18;
const UK_NATIONAL_DIGITS = new Set([10, 11]);
const MIN_INTERNATIONAL_DIGITS = 7;
const MAX_INTERNATIONAL_DIGITS = 16;

/**
 * Digits with the separators people put inside phone numbers (spaces, dots, dashes, brackets), not
 * preceded by a letter or digit, optionally opened by "+", "(+" or "(". Separators and digits are
 * disjoint, so each repetition has one way to match and the scan is linear.
 *
 * Found in two steps, with test() rather than exec(): RUN_OPENING finds where the next run's first
 * digit is, and RUN_REST, from there, where the run ends. A megabyte holds tens of thousands of
 * runs, nearly all dates, times and amounts passed over at once; a match object and a string for
 * each made this recognizer a fifth of what scanning allocated. The opening's branches each start
 * with their own character, so the engine can skip ahead to the next digit, "+" or "(".
 */
const WORD_CHARACTER_CLASS = '[\\p{L}\\p{N}_]';
const NOT_AFTER_WORD = `(?<!${WORD_CHARACTER_CLASS})`;
const RUN_OPENING = new RegExp(`${NOT_AFTER_WORD}\\d|${NOT_AFTER_WORD}\\+\\d|${NOT_AFTER_WORD}\\(\\+?\\d`, 'gu');
/** One more digit of a run: a few of the separators people put inside numbers, then the digit. */
const RUN_STEP = '[ \\t\\u00A0().\\-\\u2010-\\u2013]{0,4}\\d';
/**
 * The repetition is bounded: an unbounded one keeps a backtracking entry per digit and overflows
 * the regex stack on a run of some million digits. A longer run is read in pieces of at most 1024
 * digits; each next piece starts MAX_GROUPS groups before the end of the last, so a number across
 * the cut is still seen whole (the overlap is found twice; dropOverlaps keeps one).
 */
const RUN_REST = new RegExp(`(?:${RUN_STEP}){0,1023}`, 'uy');
const RUN_CONTINUES = new RegExp(RUN_STEP, 'y');
const GROUP = /[^ \t\u00A0]+/g;

/** A group that could start a number ("+", "(" or "0" first, see numberAt) somewhere in a run. */
function hasCandidateGroup(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code !== 0x2b && code !== 0x28 && code !== 0x30) continue;
    if (i === start) return true;
    const before = text.charCodeAt(i - 1);
    if (before === 0x20 || before === 0x09 || before === 0xa0) return true;
  }
  return false;
}

/** RUN_OPENING's look-behind: nothing at `at - 1` that is a letter, digit or underscore. */
const WORD_BEFORE = new RegExp(`(?<=${WORD_CHARACTER_CLASS})`, 'uy');
function openingAllowedAt(text: string, at: number): boolean {
  WORD_BEFORE.lastIndex = at;
  return !WORD_BEFORE.test(text);
}

/**
 * Where the run whose first digit ends at `afterDigit` starts: the leftmost of its openings the
 * search would have matched ("(+", "+" or "(" before the digit, where the look-behind allows it),
 * as RUN_OPENING tries each place from left to right.
 */
function openingStart(text: string, afterDigit: number): number {
  const digit = afterDigit - 1;
  const before = text.charCodeAt(digit - 1);
  if (before === 0x2b) {
    if (text.charCodeAt(digit - 2) === 0x28 && openingAllowedAt(text, digit - 2)) return digit - 2;
    return openingAllowedAt(text, digit - 1) ? digit - 1 : digit;
  }
  if (before === 0x28 && openingAllowedAt(text, digit - 1)) return digit - 1;
  return digit;
}

/** A whitespace-separated piece of a digit run: "0115", "(0)115", "981-9911". */
interface DigitGroup {
  start: number;
  end: number;
  digits: number;
}

/** Calls `visit` with the groups of each digit run that could hold a number; most runs (amounts, dates) cannot. */
function forEachDigitRun(text: string, visit: (groups: DigitGroup[]) => void): void {
  const search = new RegExp(RUN_OPENING);
  while (search.test(text)) {
    const afterDigit = search.lastIndex;
    const start = openingStart(text, afterDigit);
    RUN_REST.lastIndex = afterDigit;
    RUN_REST.test(text);
    const end = RUN_REST.lastIndex;
    search.lastIndex = end;
    // Every number has at least MIN_INTERNATIONAL_DIGITS digits (plausibleWindow): most runs are
    // dates, times and amounts with fewer, and are passed over before anything else is done.
    if (asciiDigits(text, start, end) < MIN_INTERNATIONAL_DIGITS || !hasCandidateGroup(text, start, end)) continue;
    const groups: DigitGroup[] = [];
    GROUP.lastIndex = 0;
    const run = text.slice(start, end);
    for (let g = GROUP.exec(run); g !== null; g = GROUP.exec(run)) {
      groups.push({ start: start + g.index, end: start + g.index + g[0].length, digits: asciiDigits(g[0]) });
    }
    RUN_CONTINUES.lastIndex = end;
    // A piece cut at the bound: read on from a group near its end (never its first, so the search moves on).
    if (groups.length > 1 && RUN_CONTINUES.test(text)) search.lastIndex = groups[Math.max(1, groups.length - MAX_GROUPS)]!.start;
    visit(groups);
  }
}

/** Day, month and year joined by dots or dashes: "01.02.2024", "1-2-24". */
const DATE_SHAPE = /^\(?\d{1,2}[.-]\d{1,2}[.-](?:\d{4}|\d{2})(?!\d)/;
const WORD_CHARACTER = new RegExp(WORD_CHARACTER_CLASS, 'u');

/** Whether the digits of a window, as written, could be one number at all. */
function plausibleWindow(written: string, digits: string): boolean {
  if (DATE_SHAPE.test(written)) return false;
  if (/^\(?\+/.test(written)) return digits.length >= MIN_INTERNATIONAL_DIGITS && digits.length <= MAX_INTERNATIONAL_DIGITS;
  if (!/^\(?0/.test(written)) return false;
  if (/^00[1-9]/.test(digits)) {
    const after = digits.length - 2;
    return after >= MIN_INTERNATIONAL_DIGITS && after <= MAX_INTERNATIONAL_DIGITS;
  }
  return /^0[1-9]/.test(digits) && UK_NATIONAL_DIGITS.has(digits.length);
}

interface Found {
  start: number;
  end: number;
  valid: boolean;
}

/** What libphonenumber said of a window: where the number ends in it, and whether it is valid. */
type Verdict = { endsAt: number; valid: boolean } | null;

/**
 * libphonenumber is most of this recognizer's cost, and the same numbers recur (signatures and
 * switchboards repeated down a reply chain), so verdicts are remembered per window as written.
 * Bounded: cleared when full, so memory stays constant on any input.
 */
class VerdictCache {
  private readonly verdicts = new Map<string, Verdict>();

  constructor(private readonly limit = 4096) {}

  get(written: string): Verdict {
    const known = this.verdicts.get(written);
    if (known !== undefined) return known;
    // `extended` sets the matcher's leniency to POSSIBLE: its default, VALID, would drop the
    // unallocated numbers that must still count (see the scores above).
    const hit = findPhoneNumbersInText(written, { defaultCountry: 'GB', extended: true }).find((n) => n.startsAt === 0);
    const verdict = hit ? { endsAt: hit.endsAt, valid: hit.number.isValid() } : null;
    if (this.verdicts.size >= this.limit) this.verdicts.clear();
    // Kept as a copy: the window is a slice of the message's text (a scanning thread's heap is capped).
    this.verdicts.set(detachedCopy(written), verdict);
    return verdict;
  }
}

/** The longest window of whole groups from `first` that libphonenumber accepts as one number. */
function numberAt(text: string, groups: readonly DigitGroup[], first: number, cache: VerdictCache): Found | undefined {
  const start = groups[first]!.start;
  if (!/[+(0]/.test(text[start]!)) return undefined;
  const ends: number[] = [];
  let digits = 0;
  for (let last = first; last < groups.length && last < first + MAX_GROUPS; last++) {
    digits += groups[last]!.digits;
    if (digits > MAX_DIGITS) break;
    ends.push(groups[last]!.end);
  }
  for (let k = ends.length - 1; k >= 0; k--) {
    const written = text.slice(start, ends[k]);
    if (!plausibleWindow(written, written.replace(/\D/g, ''))) continue;
    const hit = cache.get(written);
    if (!hit) continue;
    const end = start + hit.endsAt;
    if (end < text.length && WORD_CHARACTER.test(text[end]!)) continue;
    return { start, end, valid: hit.valid };
  }
  return undefined;
}

export function createPhoneNumber(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  const score = contextScorer(settings, { boost: CONTEXT_BOOST });
  const cache = new VerdictCache();
  return {
    name: 'phone-number',
    type: TYPE,
    category: 'personal',
    why: "A personal phone number lets anyone who receives it call or message the resident, without the resident's agreement.",
    find(text: string): Match[] {
      const found: Match[] = [];
      forEachDigitRun(text, (groups) => {
        let next = 0;
        while (next < groups.length) {
          const number = numberAt(text, groups, next, cache);
          if (!number) {
            next += 1;
            continue;
          }
          while (next < groups.length && groups[next]!.start < number.end) next += 1;
          const baseScore = number.valid ? VALID_SCORE : POSSIBLE_SCORE;
          const scored = score(text, number.start, number.end, baseScore);
          if (!scored) continue;
          found.push({
            start: number.start,
            end: number.end,
            score: scored.score,
            explanation: sharedExplanation(
              'libphonenumber',
              baseScore,
              scored.contextWord || undefined,
              number.valid || undefined,
              number.valid ? undefined : 'possible number outside the allocated ranges',
            ),
          });
        }
      });
      return dropOverlaps(found);
    },
  };
}
