// Lines that mark where someone else's text begins in an email body: a reply's attribution
// ("On … wrote:"), an Outlook header block or "Original Message" rule, or a forwarding marker.
// Every check looks at a fixed number of lines and every pattern is anchored with bounded or
// single quantifiers, so scanning a body stays linear in its length.
import { nextNonBlank, type Line } from './lines.ts';

export type BoundaryKind =
  /** "On Mon, 4 Mar 2024 at 10:15, Jane <jane@example.org> wrote:" (one line or wrapped over two). */
  | 'attribution'
  /** An Outlook header block, an "Original Message" rule or a rule line followed by "From:". */
  | 'reply-header'
  /** "---------- Forwarded message ---------" and the like: what follows is passed on. */
  | 'forward';

export interface Boundary {
  kind: BoundaryKind;
  /** Lines the marker itself occupies (an attribution may be wrapped over two). */
  lines: number;
}

/** Attribution lines are short; a long paragraph that happens to start "On" is prose. */
const MAX_ATTRIBUTION_CHARS = 400;
/** How far an Outlook header block may spread (blank lines between its fields included). */
const HEADER_BLOCK_LINES = 8;

/** An attribution names a time, a year or an address; "On Monday she wrote:" is prose. */
const ATTRIBUTION_DETAIL = /\d{1,2}[:.]\d{2}|\b(?:19|20)\d{2}\b|@/;
const ORIGINAL_MESSAGE = /^-{2,40} {0,5}Original Message {0,5}-{2,40}$/i;
const FORWARDED_MESSAGE = /^-{2,40} {0,5}Forwarded message {0,5}-{2,40}$/i;
const BEGIN_FORWARDED = /^Begin forwarded message:$/i;
const RULE_LINE = /^_{10,}$/;
/** "From: …", or "*From:* …" where a converter marked the bold field name. */
const HEADER_FIELD = /^\*?(from|sent|date|to|cc|subject) ?:\*?(?:\s|$)/i;

function trimmed(lines: readonly Line[], i: number): string {
  return lines[i]?.text.trim() ?? '';
}

function headerField(text: string): string | undefined {
  return HEADER_FIELD.exec(text)?.[1]?.toLowerCase();
}

function isAttribution(text: string): boolean {
  return text.length <= MAX_ATTRIBUTION_CHARS && text.endsWith('wrote:') && ATTRIBUTION_DETAIL.test(text);
}

function attributionAt(lines: readonly Line[], i: number): number {
  const first = trimmed(lines, i);
  if (!first.startsWith('On ')) return 0;
  if (isAttribution(first)) return 1;
  // Gmail's plain-text part wraps a long attribution: "On …, Jane Smith <jane@example.org>\nwrote:".
  const second = trimmed(lines, i + 1);
  return second !== '' && isAttribution(`${first} ${second}`) ? 2 : 0;
}

/** "From:" followed by "Sent:"/"Date:" and "To:"/"Subject:" within a few lines. */
function isOutlookHeaderBlock(lines: readonly Line[], i: number): boolean {
  if (headerField(trimmed(lines, i)) !== 'from') return false;
  const seen = new Set<string>();
  for (let j = i + 1; j < lines.length && j <= i + HEADER_BLOCK_LINES; j += 1) {
    const text = trimmed(lines, j);
    if (text === '') continue;
    const field = headerField(text);
    if (field === undefined) break;
    seen.add(field);
  }
  return (seen.has('sent') || seen.has('date')) && (seen.has('to') || seen.has('subject'));
}

function isRuleBeforeFrom(lines: readonly Line[], i: number): boolean {
  if (!RULE_LINE.test(trimmed(lines, i))) return false;
  const next = nextNonBlank(lines, i, 2);
  return next !== undefined && headerField(trimmed(lines, next)) === 'from';
}

/** The marker starting at line `i`, if any. */
export function boundaryAt(lines: readonly Line[], i: number): Boundary | undefined {
  const text = trimmed(lines, i);
  if (text === '') return undefined;
  const attribution = attributionAt(lines, i);
  if (attribution > 0) return { kind: 'attribution', lines: attribution };
  if (text.length <= 120 && (FORWARDED_MESSAGE.test(text) || BEGIN_FORWARDED.test(text))) {
    return { kind: 'forward', lines: 1 };
  }
  if (text.length <= 120 && ORIGINAL_MESSAGE.test(text)) return { kind: 'reply-header', lines: 1 };
  if (isOutlookHeaderBlock(lines, i) || isRuleBeforeFrom(lines, i)) return { kind: 'reply-header', lines: 1 };
  return undefined;
}

/** A line of '>'-quoted text. */
export function isQuotedLine(line: Line): boolean {
  return line.text.trimStart().startsWith('>');
}
