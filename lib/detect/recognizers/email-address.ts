// Email addresses, as people write them in prose: a local part, '@', and a domain of dot-separated
// labels ending in a top-level domain of letters (or an internationalised xn-- label). Quoted
// local parts and IP-literal domains are left out: nobody writes them in a letter to a councillor.
// Whether an address is organisational (the council's own domains, a business) is the policy's
// decision, not this recognizer's: every address is reported.
//
// Linear time: a match may start only where no address character precedes it, so each position of
// a long run of address characters ("a@a.a@a.…", "aaaa…") is rejected by the lookbehind alone;
// from a permitted start, every repetition is bounded (64-character local part, 63-character
// labels, at most 8 labels), so the work per start is constant.
import { NO_OPTIONS, readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'email-address';

const LOCAL_FIRST = '[\\p{L}\\p{N}_]';
/** RFC 5322 "atext" plus dots. */
const LOCAL_MIDDLE = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.\\-]";
const LOCAL_LAST = '[\\p{L}\\p{N}_+\\-]';
const LOCAL = `${LOCAL_FIRST}(?:${LOCAL_MIDDLE}{0,62}${LOCAL_LAST})?`;

const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?';
/**
 * Letters only, so Outlook's inline-image references ("image001.png@01D9A1B2.C3D4E5F0") and
 * version strings are not addresses.
 */
const TOP_LEVEL = '(?:[xX][nN]--[\\p{L}\\p{N}\\-]{1,59}|\\p{L}{2,63})';

export const EMAIL_REGEX = new RegExp(
  `(?<![\\p{L}\\p{N}_.+\\-@])${LOCAL}@(?:${LABEL}\\.){1,8}${TOP_LEVEL}(?![\\p{L}\\p{N}_\\-])`,
  'gu',
);

export function createEmailAddress(settings: RecognizerSettings): Recognizer {
  readOptions(TYPE, NO_OPTIONS, settings.options);
  return patternRecognizer(
    {
      name: 'email-address',
      type: TYPE,
      category: 'personal',
      why: "A personal email address lets anyone who receives it contact the resident directly, without the resident's agreement.",
      patterns: [
        {
          // The shape alone is near-certain: text with a local part, '@' and a dotted domain
          // ending in letters is an address. Context ("email", "contact") only confirms it.
          name: 'email-address',
          regex: EMAIL_REGEX,
          score: 0.85,
        },
      ],
      contextBoost: 0.15,
      // Every address has an '@', after a local part of at most 64 characters and before at most
      // 8 labels of 63 and a top-level domain.
      anchor: { regex: /@/g, before: 64, reach: 8 * 64 + 64 },
    },
    settings,
  );
}
