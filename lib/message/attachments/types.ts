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
  /** How many documents this one sits inside (a file embedded in a PDF is 1); absent at the top. */
  embeddedDepth?: number;
  /**
   * What is left of the files and bytes all the documents inside one attachment may embed,
   * shared by every level: a PDF can name one embedded file many times over, at every level.
   */
  embeddedBudget?: { files: number; bytes: number };
}

/** One attachment to read: its bytes and what its MIME part (or its container) says it is. */
export interface AttachmentInput {
  content: Uint8Array;
  contentType: string;
  filename?: string;
  /** The charset parameter of the part's Content-Type, for text. */
  charset?: string;
}

/** A file carried inside a document (a PDF's embedded file, a Word document's embedded workbook). */
export interface EmbeddedFile {
  /** The file's name inside the document; its extension helps decide the format. */
  name: string;
  content: Uint8Array;
  /** A MIME type, when the container records one. */
  contentType?: string;
}

/** A document's own text and the files embedded in it, which are read as attachments in turn. */
export interface DocumentContent {
  text: string;
  embedded: EmbeddedFile[];
  /** Text that stands last, after the embedded files' (a document's footers, where markings sit). */
  trailer?: string;
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
