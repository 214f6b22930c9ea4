// How sure a marking is, by where it sits. All of these are above the usual minScore: a marking
// holds external mail, and the scores only rank how plainly it was used as one.
import { isMarkingPlace, isUpperCase, startsWithCapital, type Place } from './place.ts';

export const SCORES = {
  /** A line of its own or a bracketed tag: the way markings are written. */
  banner: 0.95,
  /** In capitals at the start or end of a line, e.g. "RESTRICTED – draft minutes". */
  heading: 0.85,
  /** A capitalised label with a colon, e.g. "Confidential: staffing review". */
  label: 0.75,
  /** A phrase with no everyday meaning, in running text: "this report is not for publication". */
  prose: 0.8,
} as const;

/** For phrases that are a marking wherever they appear ("private and confidential"). */
export function anywhereScore(place: Place): number {
  return isMarkingPlace(place) ? SCORES.banner : SCORES.prose;
}

/**
 * For words that are also ordinary English ("secret", "restricted", "in confidence"): a marking
 * only where a marking goes, and never in lower case. A word in capitals followed by another word
 * in capitals is a shouted heading ("CONFIDENTIAL WASTE COLLECTION"), not a marking.
 */
export function positionalScore(words: string, place: Place): number | undefined {
  const capitals = isUpperCase(words);
  if (place.bracketed && (place.leading || place.trailing)) return SCORES.banner;
  if (place.leading && place.trailing) return startsWithCapital(words) ? SCORES.banner : undefined;
  if (place.leading && capitals && place.next !== 'capitals') return SCORES.heading;
  if (place.leading && place.next === 'colon' && startsWithCapital(words)) return SCORES.label;
  if (place.trailing && place.afterSeparator && capitals) return SCORES.heading;
  return undefined;
}
