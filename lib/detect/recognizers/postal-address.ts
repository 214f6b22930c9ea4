// UK postal addresses. The postcode is the anchor, in the BS 7666 shapes (outward code A9, A99,
// A9A, AA9, AA99 or AA9A, inward code 9AA, space optional, and GIR 0AA) with Royal Mail's letter
// restrictions (no Q, V or X first; no I, J or Z second; inward letters never C, I, K, M, O or V).
// A house number and street name before it ("Flat 3, 14 High Street, West Bridgford NG2 5AB")
// widen the finding to the whole address.
//
// Scores:
// - street line through to the postcode: 0.85. A number, a street and a postcode together name
//   one home.
// - street line alone ("12 Acacia Avenue"): 0.45. Usually a home, but street numbers also come up
//   in directions and notices; "lives at" or "address" near it lifts it to 0.8.
// - postcode alone: 0.3. A postcode covers about fifteen homes, and venues have postcodes too; it
//   needs a context word ("lives at", "address") to count.
// The policy's threshold is 0.5, so the last two are recorded but hold nothing without context.
//
// Street words ("Road", "Close" …) and flat words ("Flat", "Apartment" …) come from the rule file,
// so a council can add its local ones. Every repetition below is bounded, and a match can start
// only at a house number (or flat word) or a postcode that no letter or digit precedes, so the
// work per position is constant.
import * as z from 'zod';
import { groupedAlternation } from '../alternation.ts';
import { escapeRegex } from '../context.ts';
import { FirstOf } from '../first-of.ts';
import { readOptions } from '../recognizer-options.ts';
import { clusterEnds } from '../digit-clusters.ts';
import { patternRecognizer, type Anchor } from '../pattern-recognizer.ts';
import type { Region } from '../regions.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'postal-address';

const OptionsSchema = z.strictObject({
  /** Last words of street names: "Road", "Close", "Rd". Matched as written, in capitals or in lower case. */
  streetWords: z.array(z.string().min(1)).min(1),
  /** Words that introduce a flat or unit number before the house number: "Flat 3, 14 High Street". */
  flatWords: z.array(z.string().min(1)).default([]),
  /** Most words (town, county) allowed between the street and the postcode. */
  maxTownWords: z.number().int().min(0).max(8).default(4),
});

/** A character class matching the given ranges in upper and lower case. */
const anyCase = (ranges: string): string => `[${ranges}${ranges.toLowerCase()}]`;

const OUTWARD = `${anyCase('A-PR-UWYZ')}(?:${anyCase('A-HK-Y')}\\d${anyCase('ABEHMNPRVWXY')}|${anyCase('A-HK-Y')}\\d{1,2}|\\d${anyCase('A-HJKPSTUW')}|\\d{1,2})`;
const INWARD = `\\d${anyCase('ABD-HJLNP-UW-Z')}{2}`;
const POSTCODE = `(?:${OUTWARD}[ \\u00A0]?${INWARD}|${anyCase('G')}${anyCase('I')}${anyCase('R')}[ \\u00A0]?0${anyCase('A')}{2})(?![\\p{L}\\p{N}])`;
/** An inward code's letters, in either case. */
const INWARD_LETTER = new RegExp(`^${anyCase('ABD-HJLNP-UW-Z')}$`);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;

/**
 * Every inward code in the text (INWARD standing alone at its end: what a search for
 * `INWARD(?![\p{L}\p{N}])` finds). Its digit is followed by a letter, so it is the last digit of
 * a cluster of digits (digit-clusters.ts, found once for every recognizer): only the two
 * characters after each cluster need reading, not the whole text.
 */
export function inwardCodes(text: string): Region[] {
  const found: Region[] = [];
  for (const end of clusterEnds(text)) {
    if (!INWARD_LETTER.test(text.charAt(end)) || !INWARD_LETTER.test(text.charAt(end + 1))) continue;
    LETTER_OR_DIGIT.lastIndex = end + 2;
    if (!LETTER_OR_DIGIT.test(text)) found.push({ start: end - 1, end: end + 2 });
  }
  return found;
}

/**
 * The inward code ending every postcode (GIR 0AA's too). A postcode starts with a letter, which a
 * search must try at every word: postcodes are searched for only a few characters before these.
 */
const INWARD_CODE: Anchor = { find: inwardCodes, before: 5, reach: 0 };

/** Alternation of the words as written, in capitals and in lower case; longest first. */
function wordAlternation(words: readonly string[]): string {
  const variants = new Set(words.flatMap((w) => [w.trim(), w.trim().toUpperCase(), w.trim().toLowerCase()]));
  const sources = [...variants].sort((a, b) => b.length - a.length).map((w) => escapeRegex(w).replace(/ /g, '[ \\t]{1,3}'));
  return groupedAlternation(sources, false);
}

/**
 * The street line, in two forms: starting at the house number, and starting at a flat word
 * ("Flat 3, 14 High Street"). Searched together (see first-of.ts) they find what one pattern with
 * an optional flat would, faster: each starts with something the engine can skip ahead to, and at
 * any position at most one can match (a digit or a letter). `after` follows the line in both.
 */
function streetLines(streetWords: readonly string[], flatWords: readonly string[], after = ''): RegExp[] {
  const start = '(?<![\\p{L}\\p{N}£$€.,/\\-])';
  const house = '\\d{1,3}[A-Za-z]?(?:[ \\t]?[-–][ \\t]?\\d{1,3}[A-Za-z]?)?';
  // One to four capitalised words before the street word: "Acacia", "St John's", "The".
  const name = "(?:\\p{Lu}[\\p{L}'’.\\-]{0,30}[ \\t]{1,3}){1,4}";
  const line = `${house},?[ \\t]{1,3}${name}${wordAlternation(streetWords)}(?![\\p{L}\\p{N}])${after}`;
  const forms = [`${start}${line}`];
  if (flatWords.length) forms.push(`${start}${wordAlternation(flatWords)}\\.?[ \\t]{1,3}\\d{1,3}[A-Za-z]?,?\\s{1,3}${line}`);
  return forms.map((form) => new RegExp(form, 'gu'));
}

export function createPostalAddress(settings: RecognizerSettings): Recognizer {
  const options = readOptions(TYPE, OptionsSchema, settings.options);
  const { streetWords, flatWords } = options;
  // Town and county between street and postcode: words separated by spaces, commas or line breaks.
  const town = `(?:[\\s,]{1,6}[\\p{L}'’.\\-]{1,30}){0,${options.maxTownWords}}[\\s,]{1,6}`;
  const postcode = new RegExp(`(?<![\\p{L}\\p{N}])${POSTCODE}`, 'gu');
  // A full address ends in a postcode: run that pattern only before postcodes, as far back as the
  // longest flat, house number, street name and town words can reach. The postcodes found as
  // anchors are the postcode pattern's own matches, so that pattern is anchored on them too: the
  // text is searched for postcodes once.
  const postcodeAnchor: Anchor = { regex: postcode, before: 400, reach: 0, within: INWARD_CODE };
  const eachPostcode: Anchor = { regex: postcode, reach: 0, within: INWARD_CODE };
  return patternRecognizer(
    {
      name: 'postal-address',
      type: TYPE,
      category: 'personal',
      why: "A home address tells whoever receives it where the resident lives, which can put them at risk and is theirs to share.",
      patterns: [
        { name: 'street-and-postcode', regex: new FirstOf(streetLines(streetWords, flatWords, `${town}${POSTCODE}`)), score: 0.85, anchor: postcodeAnchor },
        { name: 'street', regex: new FirstOf(streetLines(streetWords, flatWords)), score: 0.45 },
        { name: 'postcode', regex: postcode, score: 0.3, anchor: eachPostcode },
      ],
    },
    settings,
  );
}
