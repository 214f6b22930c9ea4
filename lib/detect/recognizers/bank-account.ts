// UK bank account details: a sort code (20-00-00, 20 00 00, 200000, or with any short separator
// runs between its pairs: 20.00.00, 20/00/00) with an eight-digit account
// number near it, either way round, and a banking word (sort code, account, bank …) near them.
// Neither half is personal alone: a sort code names a branch, and an eight-digit number is as
// likely an order or council tax reference.
//
// The pair is reported as two findings, the sort code and the account number, not one span
// covering both: the words between them are not the detail, and the explanation and review page
// then mask and highlight exactly the digits.
import * as z from 'zod';
import { readOptions } from '../recognizer-options.ts';
import { patternRecognizer } from '../pattern-recognizer.ts';
import { GROUP_GAP, SEPARATOR } from '../separators.ts';
import type { PatternSpec } from '../pattern-recognizer.ts';
import type { Recognizer, RecognizerSettings } from '../types.ts';

const TYPE = 'bank-account';

const OptionsSchema = z.strictObject({
  /** Most characters allowed between the sort code and the account number. */
  maxGap: z.number().int().min(1).max(200).default(60),
});

// Either written solid or in its usual groups (20-45-77, 1379 4682) with any run of separators
// between them: a line break, dots, slashes ("20.45.77", "20/45/77", "1379\n4682").
const SORT_CODE = `\\d{2}${GROUP_GAP}\\d{2}${GROUP_GAP}\\d{2}`;
const ACCOUNT = `\\d{8}|\\d{4}${SEPARATOR}{1,8}\\d{4}`;

/** A value not inside a longer word or number. */
const alone = (core: string): string => `(?<![\\p{L}\\p{N}])(?:${core})(?![\\p{L}\\p{N}])`;

/**
 * `value` with `partner` after it (lookahead) or before it (lookbehind), at most `gap` characters
 * apart. The lookbehind comes after the value so it is only tried where a value has matched; the
 * bounded, lazy gap keeps the cost per candidate constant.
 */
function paired(value: string, partner: string, partnerFirst: boolean, gap: number): RegExp {
  const between = `[\\s\\S]{1,${gap}}?`;
  const source = partnerFirst
    ? `${alone(value)}(?<=${alone(partner)}${between}(?:${value}))`
    : `${alone(value)}(?=${between}${alone(partner)})`;
  return new RegExp(source, 'gu');
}

export function createBankAccount(settings: RecognizerSettings): Recognizer {
  const { maxGap } = readOptions(TYPE, OptionsSchema, settings.options);
  // Both halves present and a banking word required: a middling base score that the context word
  // lifts to 0.95. No modulus check: UK account validation needs the banks' weight tables.
  const score = 0.6;
  const patterns: PatternSpec[] = [
    { name: 'sort-code-before-account', regex: paired(SORT_CODE, ACCOUNT, false, maxGap), score },
    { name: 'sort-code-after-account', regex: paired(SORT_CODE, ACCOUNT, true, maxGap), score },
    { name: 'account-after-sort-code', regex: paired(ACCOUNT, SORT_CODE, true, maxGap), score },
    { name: 'account-before-sort-code', regex: paired(ACCOUNT, SORT_CODE, false, maxGap), score },
  ];
  return patternRecognizer(
    {
      name: 'bank-account',
      type: TYPE,
      category: 'personal',
      why: "A sort code and account number identify a resident's bank account and are used to set up fraudulent payments.",
      patterns,
      contextRequired: true,
      // Banking words ("account", "bank") are common in council mail; eight-digit numbers less so.
      // Every match is an account number or a sort code at most maxGap characters from one, so
      // the banking words are looked for only around eight-digit numbers standing alone. Those
      // digits are in a cluster of eight or more (digit-clusters.ts, found once for every
      // recognizer): only those are searched for them, not the whole text.
      anchor: { regex: new RegExp(alone(ACCOUNT), 'gu'), reach: maxGap + 16, within: { digits: 8, reach: 0 } },
    },
    settings,
  );
}
