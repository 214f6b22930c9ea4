// Where the sender's own signature block starts: after the conventional "-- " delimiter, or at a
// closing line ("Kind regards") followed closely by the sender's name. Details in that block are
// the sender's own and do not count against them.
import { nextNonBlank, strip, type Line } from './lines.ts';

/** Words in a display name that are not the person's name. */
const TITLES = new Set([
  'cllr', 'councillor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord',
  'lady', 'rev', 'revd', 'mbe', 'obe', 'cbe', 'jp', 'mp', 'leader', 'deputy', 'mayor', 'the', 'of', 'and',
]);
/** A name line is short; a sentence that mentions the sender by name is not a sign-off. */
const MAX_NAME_LINE_CHARS = 80;
/** The name must follow the closing line within this many non-blank lines… */
const NAME_WITHIN_LINES = 2;
/** …and within this many lines counting blank ones. */
const NAME_WITHIN_RAW_LINES = 4;
const WORD = /[\p{L}\p{M}'’-]+/gu;
const COUNCILLOR_SIGN_OFF = /^(?:cllr\.?|councillor) \p{L}/iu;

export interface SignatureCues {
  /** Lower-cased words of the sender's name, titles left out. */
  names: ReadonlySet<string>;
  /** Lower-cased closing lines without trailing punctuation. */
  valedictions: ReadonlySet<string>;
  /** The first letters of the closing lines: most lines are ruled out by their first letter alone. */
  initials: string;
}

function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((w) => strip(w, "'’-")).filter((w) => w !== '');
}

/** Lower case, single spaces, no trailing punctuation: "Kind  regards," → "kind regards". */
function normalise(text: string): string {
  return strip(text.toLowerCase().replace(/\s+/g, ' '), ' ,.!;:-');
}

function nameWords(name: string | undefined): Set<string> {
  return new Set(words(name ?? '').filter((w) => w.length >= 2 && !TITLES.has(w)));
}

export function signatureCues(senderName: string | undefined, valedictions: readonly string[]): SignatureCues {
  const closings = new Set(valedictions.map(normalise).filter((v) => v !== ''));
  return { names: nameWords(senderName), valedictions: closings, initials: [...new Set([...closings].map((v) => v.charAt(0)))].join('') };
}

/** The same closing lines with someone else's name: the author of a quoted block. */
export function cuesFor(name: string | undefined, cues: SignatureCues): SignatureCues {
  return { ...cues, names: nameWords(name) };
}

/** The conventional delimiter line "-- " (some clients drop the trailing space). */
export function isSignatureDelimiter(line: Line): boolean {
  return line.text.trimEnd() === '--';
}

function isNameLine(text: string, cues: SignatureCues): boolean {
  const line = text.trim();
  if (line === '' || line.length > MAX_NAME_LINE_CHARS) return false;
  // Without a known name, a councillor's sign-off "Cllr Porter" is still recognisably theirs.
  if (cues.names.size === 0) return COUNCILLOR_SIGN_OFF.test(line);
  return words(line).some((w) => cues.names.has(w));
}

/** A cheap first test: whether the line could be a closing line at all, judged by its first letter. */
export function mayBeClosingLine(text: string, cues: SignatureCues): boolean {
  const first = text.trimStart().charAt(0).toLowerCase();
  return first !== '' && text.length <= MAX_NAME_LINE_CHARS * 2 && cues.initials.includes(first);
}

/** The closing line's valediction and what follows it on the same line ("Thanks, Jane"). */
function splitValediction(text: string, cues: SignatureCues): { rest: string } | undefined {
  if (!mayBeClosingLine(text, cues)) return undefined;
  const line = normalise(text);
  if (cues.valedictions.has(line)) return { rest: '' };
  const comma = line.indexOf(',');
  if (comma > 0 && cues.valedictions.has(normalise(line.slice(0, comma)))) return { rest: line.slice(comma + 1) };
  return undefined;
}

/** Whether line `i` is a closing line followed by the sender's name, starting their signature. */
export function isSignOff(lines: readonly Line[], i: number, cues: SignatureCues): boolean {
  const line = lines[i];
  if (line === undefined) return false;
  const valediction = splitValediction(line.text, cues);
  if (valediction === undefined) return false;
  if (valediction.rest !== '') return isNameLine(valediction.rest, cues);
  let at = i;
  for (let n = 0; n < NAME_WITHIN_LINES; n += 1) {
    const next = nextNonBlank(lines, at, NAME_WITHIN_RAW_LINES - (at - i));
    if (next === undefined) return false;
    if (isNameLine(lines[next]?.text ?? '', cues)) return true;
    at = next;
  }
  return false;
}
