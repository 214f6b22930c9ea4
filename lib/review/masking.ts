// A part's text cut into plain pieces and detected values, each value replaced by its mask. The
// page highlights the masked pieces and can ask for one value unmasked (a recorded action).
// Everything personal is masked alike: a special-category word ("dementia") is hidden like the
// postcode beside it, and so are people's names, which are not findings of their own (the page
// shows their initials, so officers can still talk about who is who).
import { maskValue } from '../detect/mask.ts';
import type { HeldFinding } from '../ports/held-items.ts';

export type TextPiece = { text: string } | { finding: number; masked: string } | { name: true; masked: string };

const DOT = '•';
const hideAll = (text: string): string => text.replace(/[\p{L}\p{N}]/gu, DOT);

/** What the review page shows for a detected value: the usual mask, and special-category words hidden too. */
export function reviewMask(type: string, value: string): string {
  return type === 'special-category' ? hideAll(maskValue(type, value)) : maskValue(type, value);
}

/** A person's name: each word's initial, the rest hidden ("E•••• C•••••"). */
export function maskName(value: string): string {
  return value.replace(/[\p{L}\p{N}]+/gu, (word) => word.charAt(0) + DOT.repeat(word.length - 1));
}

/** Where a name stands in a part's text. */
export interface NameSpan {
  start: number;
  end: number;
}

export interface MaskedText {
  pieces: TextPiece[];
  /** True when the text was longer than the page shows. */
  truncated: boolean;
}

/** A page shows this much of one part; the findings list still covers all of it. */
export const MAX_PART_CHARS = 100_000;

/**
 * `findings` are the whole message's, indexed as the detail view numbers them; those in other
 * parts, empty ones (an unreadable attachment) and ones overlapping an earlier value are skipped.
 */
export function maskedText(text: string, partId: string, findings: readonly HeldFinding[], names: readonly NameSpan[] = []): MaskedText {
  const spans = [
    ...findings.map((f, index) => ({ ...f, index })).filter((f) => f.partId === partId),
    ...names.map((n) => ({ ...n, type: 'person-name', index: -1 })),
  ]
    .filter((f) => f.end > f.start && f.start < text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Cut before a value that crosses the limit, so no value is ever shown in part.
  let cut = Math.min(text.length, MAX_PART_CHARS);
  for (const span of spans) if (span.start < cut && span.end > cut) cut = span.start;
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start >= cut) break;
    const end = Math.min(span.end, text.length);
    // Overlapping values: the part not yet covered is masked too, as part of the later value.
    const start = Math.max(span.start, at);
    if (end <= start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start) });
    const value = text.slice(start, end);
    // The rest of a value partly covered already: its usual mask could show what the first hid.
    if (span.index < 0) pieces.push({ name: true, masked: start > span.start ? hideAll(value) : maskName(value) });
    else pieces.push({ finding: span.index, masked: start > span.start ? hideAll(value) : reviewMask(span.type, value) });
    at = end;
  }
  if (at < cut) pieces.push({ text: text.slice(at, cut) });
  return { pieces, truncated: cut < text.length };
}
