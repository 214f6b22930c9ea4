// Gathers a message's text parts and unreadable parts while enforcing the text and part limits.
// Whatever a limit cuts off is recorded as an unreadable part, so a message is never passed with
// text that was silently left unscanned.
import type { Limits } from '../rules/schema.ts';
import { normaliseText } from './normalise.ts';
import type { Author, PartKind, Segment, TextPart, UnreadablePart } from './types.ts';

export interface PartDraft {
  id: string;
  kind: PartKind;
  label: string;
  text: string;
}

/** Segments for a part's text; a part with no quoting or signature is one authored segment. */
export type Segmenter = (text: string) => Segment[];

export const wholeAuthored: Segmenter = (text) => (text === '' ? [] : [{ start: 0, end: text.length, role: 'authored' }]);

/** All of a part is an attached message's text: its author's words, forwarded. */
export function wholeForwarded(author: Author | undefined): Segmenter {
  return (text) => (text === '' ? [] : [{ start: 0, end: text.length, role: 'quoted', via: 'forward', ...(author === undefined ? {} : { author }) }]);
}

export class PartCollector {
  readonly parts: TextPart[] = [];
  readonly unreadable: UnreadablePart[] = [];
  private chars = 0;
  private attachments = 0;
  private textLimitHit = false;
  private partLimitHit = false;

  constructor(private readonly limits: Limits) {}

  /** Characters of text that may still be added before the text limit. */
  get remainingChars(): number {
    return Math.max(0, this.limits.maxTextChars - this.chars);
  }

  /** Adds a part (empty text is dropped), normalised and cut at the text limit. */
  addText(draft: PartDraft, segment: Segmenter = wholeAuthored): void {
    let text = normaliseText(draft.text);
    if (text === '') return;
    if (text.length > this.remainingChars) {
      text = text.slice(0, this.remainingChars);
      if (!this.textLimitHit) {
        this.textLimitHit = true;
        this.addUnreadable({
          partId: draft.id,
          label: draft.label,
          reason: 'text-limit',
          detail: `the message has more than ${this.limits.maxTextChars} characters of text; the rest was not scanned`,
        });
      }
      if (text === '') return;
    }
    this.chars += text.length;
    this.parts.push({ id: draft.id, kind: draft.kind, label: draft.label, text, segments: segment(text) });
  }

  addUnreadable(part: UnreadablePart): void {
    this.unreadable.push(part);
  }

  /**
   * Claims a slot for one more attachment (at any depth). False once the part limit is reached;
   * the first refusal is recorded as unreadable.
   */
  claimAttachment(partId: string, label: string): boolean {
    if (this.attachments < this.limits.maxParts) {
      this.attachments += 1;
      return true;
    }
    if (!this.partLimitHit) {
      this.partLimitHit = true;
      this.addUnreadable({
        partId,
        label,
        reason: 'too-many-parts',
        detail: `the message has more than ${this.limits.maxParts} attachments; the rest were not read`,
      });
    }
    return false;
  }
}
