// What reading one attachment yields, and the error extractors raise for content they cannot read.
import { GatewayError } from '../../errors.ts';
import type { Limits } from '../../rules/schema.ts';
import type { UnreadablePart } from '../types.ts';

export type UnreadableReason = UnreadablePart['reason'];

export interface Unreadable {
  reason: UnreadableReason;
  /** Safe for logs: names the problem, never the content. */
  detail: string;
}

export type Extraction =
  /** Text to scan; `problem` is set when only part of the attachment could be read. */
  | { kind: 'text'; text: string; problem?: Unreadable }
  /** Nothing to read: pictures, sound, video, signatures. */
  | { kind: 'none' }
  /** A nested email, which the message parser reads itself. */
  | { kind: 'message' }
  | ({ kind: 'unreadable' } & Unreadable);

export interface ExtractContext {
  limits: Limits;
  /** Text beyond this many characters will not be scanned, so extractors may stop early. */
  maxChars: number;
}

/** Content that cannot be read; the message holds on it. The message never quotes content. */
export class UnreadableContentError extends GatewayError {
  readonly reason: UnreadableReason;

  constructor(reason: UnreadableReason, detail: string, options?: { cause?: unknown }) {
    super(detail, options);
    this.name = 'UnreadableContentError';
    this.reason = reason;
  }
}
