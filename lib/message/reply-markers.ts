// Lines that mark where someone else's text begins in an email body: a reply's attribution
// ("On … wrote:"), an Outlook header block or "Original Message" rule, or a forwarding marker —
// and who that text's author is, as the marker names them (lib/message/attribution.ts). Every
// check looks at a fixed number of lines and every pattern is anchored with bounded or single
// quantifiers, so scanning a body stays linear in its length.
import { authorOfAttribution, authorOfFromValue } from './attribution.ts';
import { nextNonBlank, type Line } from './lines.ts';
import type { Author } from './types.ts';

export type BoundaryKind =
  /** "On Mon, 4 Mar 2024 at 10:15, Jane <jane@example.org> wrote:" (one line or wrapped over two). */
  | 'attribution'
  /** An Outlook header block, an "Original Message" rule or a rule line followed by "From:". */
  | 'reply-header'
  /** "---------- Forwarded message ---------" and the like: what follows is passed on. */
  | 'forward';

export interface Boundary {
  kind: BoundaryKind;
  /** Lines the marker occupies: a wrapped attribution, or a rule line with its header block. */
  lines: number;
  /** Who wrote the text the marker introduces, when it names them. */
  author?: Author;
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

/** The author in a "From:" header line, or undefined when the line is not one. */
function fromFieldAuthor(text: string): Author | undefined {
  const match = HEADER_FIELD.exec(text);
  return match?.[1]?.toLowerCase() === 'from' ? authorOfFromValue(text.slice(match[0].length)) : undefined;
}

function isAttribution(text: string): boolean {
  if (text.length > MAX_ATTRIBUTION_CHARS || !text.endsWith('wrote:')) return false;
  if (text.startsWith('On ')) return ATTRIBUTION_DETAIL.test(text);
  // Undated: "Jane Smith <jane@example.org> wrote:" or "jane@example.org wrote:".
  return authorOfAttribution(text)?.address !== undefined;
}

function attributionAt(first: string, lines: readonly Line[], i: number): Boundary | undefined {
  if (isAttribution(first)) return { kind: 'attribution', lines: 1, ...withAuthor(authorOfAttribution(first)) };
  if (!first.startsWith('On ')) return undefined;
  // Gmail's plain-text part wraps a long attribution: "On …, Jane Smith <jane@example.org>\nwrote:".
  const second = trimmed(lines, i + 1);
  const joined = `${first} ${second}`;
  return second !== '' && isAttribution(joined) ? { kind: 'attribution', lines: 2, ...withAuthor(authorOfAttribution(joined)) } : undefined;
}

function withAuthor(author: Author | undefined): { author?: Author } {
  return author === undefined ? {} : { author };
}

interface HeaderBlock {
  /** Index of the block's last header line. */
  last: number;
  fields: Set<string>;
  author?: Author;
}

/** The header fields from line `first` on (blank lines between them allowed), within a few lines. */
function headerBlock(lines: readonly Line[], first: number, within: number): HeaderBlock {
  const block: HeaderBlock = { last: first - 1, fields: new Set() };
  for (let j = first; j < lines.length && j < first + within; j += 1) {
    const text = trimmed(lines, j);
    if (text === '') continue;
    const field = headerField(text);
    if (field === undefined) break;
    if (field === 'from' && !block.fields.has('from')) Object.assign(block, withAuthor(fromFieldAuthor(text)));
    block.fields.add(field);
    block.last = j;
  }
  return block;
}

/** "From:" followed by "Sent:"/"Date:" and "To:"/"Subject:" within a few lines. */
function outlookHeaderBlockAt(text: string, lines: readonly Line[], i: number): Boundary | undefined {
  if (headerField(text) !== 'from') return undefined;
  const block = headerBlock(lines, i, HEADER_BLOCK_LINES + 1);
  const { fields } = block;
  if (!((fields.has('sent') || fields.has('date')) && (fields.has('to') || fields.has('subject')))) return undefined;
  return { kind: 'reply-header', lines: block.last - i + 1, ...withAuthor(block.author) };
}

/** A marker line and the header block under it (From: …, Date: …), taken as one boundary. */
function markerWithHeaders(lines: readonly Line[], i: number, kind: BoundaryKind): Boundary {
  const block = headerBlock(lines, i + 1, HEADER_BLOCK_LINES);
  return { kind, lines: Math.max(1, block.last - i + 1), ...withAuthor(block.author) };
}

function isRuleBeforeFrom(text: string, lines: readonly Line[], i: number): boolean {
  if (!RULE_LINE.test(text)) return false;
  const next = nextNonBlank(lines, i, 2);
  return next !== undefined && headerField(trimmed(lines, next)) === 'from';
}

/** The marker starting at line `i`, if any. */
export function boundaryAt(lines: readonly Line[], i: number): Boundary | undefined {
  const text = trimmed(lines, i);
  if (text === '') return undefined;
  const attribution = attributionAt(text, lines, i);
  if (attribution !== undefined) return attribution;
  if (text.length <= 120 && (FORWARDED_MESSAGE.test(text) || BEGIN_FORWARDED.test(text))) return markerWithHeaders(lines, i, 'forward');
  if (text.length <= 120 && ORIGINAL_MESSAGE.test(text)) return markerWithHeaders(lines, i, 'reply-header');
  if (isRuleBeforeFrom(text, lines, i)) return markerWithHeaders(lines, i, 'reply-header');
  return outlookHeaderBlockAt(text, lines, i);
}

/**
 * How deeply a line is quoted: the number of '>' marks before its text ("> > x" and ">> x" are
 * both 2), and where the text after them begins (one space after the last mark is part of it).
 */
export function quoteDepth(text: string): { depth: number; textStart: number } {
  let depth = 0;
  let at = 0;
  let textStart = 0;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 62 /* > */) {
      depth += 1;
      textStart = at + 1 < text.length && text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
    } else if (c !== 32 && c !== 9) break;
    at += 1;
  }
  return { depth, textStart: depth === 0 ? 0 : textStart };
}
