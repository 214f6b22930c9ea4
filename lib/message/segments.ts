// Marks whose words each stretch of a body is: the sender's own ('authored'), the sender's
// signature block ('signature'), or someone else's words carried in it ('quoted': a reply's
// quote, a forwarded message), with the author its attribution names. Quoting nests: in
// "> On Mon, Edith wrote:\n>> …" the '>>' lines are Edith's even though the '>' lines around them
// are someone else's, so each quote depth keeps its own author. The policy does not count a
// recipient's own quoted words or the sender's signature, so these rules lean towards 'authored'
// or an unknown author whenever a marker is doubtful. One pass over the lines, each looking a
// fixed number of lines ahead: linear in the text's length.
import { nameFromAddress } from './addresses.ts';
import { sameAuthor } from './attribution.ts';
import { splitLines, type Line } from './lines.ts';
import { boundaryAt, quoteDepth } from './reply-markers.ts';
import { cuesFor, isSignatureDelimiter, isSignOff, mayBeClosingLine, signatureCues, type SignatureCues } from './signature.ts';
import type { Author, Segment, SegmentRole } from './types.ts';

export interface SegmentOptions {
  /** The sender's display name, to recognise their sign-off. */
  senderName?: string;
  /** Closing lines ("Kind regards") that start a signature when the author's name follows. */
  valedictions: readonly string[];
  /**
   * Whether the message is a reply: quoted text then arrived 'via' a reply, otherwise (a forward
   * or a new message) it is being passed on, 'via' a forward. Forwarding markers always mean a
   * forward. Whose text it is does not depend on this.
   */
  isReply?: boolean;
  /**
   * Set for the body of an attached message: its unmarked text is that message's author's,
   * forwarded, not the sender's. An empty object when the attached message names no author.
   */
  forwardedFrom?: { author?: Author };
}

/**
 * A signature block longer than this many non-blank lines is not a signature: whatever follows
 * counts again, so a mistaken sign-off cannot hide the rest of a long message.
 */
const MAX_SIGNATURE_LINES = 20;
/** Blank lines allowed between an attribution and the '>' lines it introduces. */
const QUOTE_AFTER_ATTRIBUTION_WITHIN = 3;
const AUTHORED: Shape = { role: 'authored' };
const SIGNATURE: Shape = { role: 'signature' };

type Via = 'reply' | 'forward';

/** Someone else's text at one quote depth, and the state of their own signature block in it. */
interface Quoted {
  author: Author | undefined;
  via: Via;
  /** Non-blank lines of the author's signature so far; 'over' once it ran too long to be one. */
  signature: number | 'over' | undefined;
  cues: SignatureCues | undefined;
  /** The segment shape for this text, built once (and again when the signature starts). */
  shape: Shape | undefined;
}

/** Every field set from the start, so all these objects share one layout (this runs per line). */
function quotedBy(author: Author | undefined, via: Via): Quoted {
  return { author, via, signature: undefined, cues: undefined, shape: undefined };
}

interface Shape {
  role: SegmentRole;
  author?: Author;
  via?: Via;
  signature?: true;
}

function push(segments: Segment[], start: number, end: number, shape: Shape): void {
  const last = segments[segments.length - 1];
  if (
    last !== undefined &&
    last.end === start &&
    last.role === shape.role &&
    last.via === shape.via &&
    last.signature === shape.signature &&
    sameAuthor(last.author, shape.author)
  ) {
    last.end = end;
  } else if (end > start) {
    const segment: Segment = { start, end, role: shape.role };
    if (shape.author !== undefined) segment.author = shape.author;
    if (shape.via !== undefined) segment.via = shape.via;
    if (shape.signature) segment.signature = true;
    segments.push(segment);
  }
}

function quotedShape(quoted: Quoted): Shape {
  const signature = typeof quoted.signature === 'number';
  let shape = quoted.shape;
  if (shape === undefined || (shape.signature === true) !== signature) {
    shape = { role: 'quoted', via: quoted.via };
    if (quoted.author !== undefined) shape.author = quoted.author;
    if (signature) shape.signature = true;
    quoted.shape = shape;
  }
  return shape;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 160) return false;
  }
  return true;
}

/** Lines with their '>' marks removed, so markers and sign-offs are found at any quote depth. */
function unquoted(lines: readonly Line[]): { plain: Line[]; depths: number[] } {
  const plain: Line[] = [];
  const depths: number[] = [];
  for (const line of lines) {
    const { depth, textStart } = quoteDepth(line.text);
    depths.push(depth);
    plain.push(depth === 0 ? line : { ...line, text: line.text.slice(textStart) });
  }
  return { plain, depths };
}

/** Whether the attribution ending at `last` introduces more deeply quoted lines (interleaved style). */
function introducesDeeperLines(plain: readonly Line[], depths: readonly number[], last: number, depth: number): boolean {
  for (let i = last + 1; i < plain.length && i <= last + QUOTE_AFTER_ATTRIBUTION_WITHIN + 1; i += 1) {
    if ((depths[i] ?? 0) > depth) {
      if ((plain[i]?.text.trim() ?? '') !== '') return true;
    } else if ((plain[i]?.text.trim() ?? '') !== '') {
      return false;
    }
  }
  return false;
}

export function segmentText(text: string, options: SegmentOptions): Segment[] {
  const lines = splitLines(text);
  const { plain, depths } = unquoted(lines);
  const senderCues = signatureCues(options.senderName, options.valedictions);
  // Everything in an attached message was passed on, whatever quoting it holds.
  const via: Via = options.forwardedFrom === undefined && (options.isReply ?? true) ? 'reply' : 'forward';
  const cuesOf = (quoted: Quoted): SignatureCues =>
    (quoted.cues ??= cuesFor(quoted.author?.name ?? nameFromAddress(quoted.author?.address ?? ''), senderCues));

  // owners[d] is whose text lines quoted d deep are; owners[0] undefined means the sender's.
  const owners: Array<Quoted | undefined> = [
    options.forwardedFrom === undefined ? undefined : quotedBy(options.forwardedFrom.author, 'forward'),
  ];
  /** Non-blank lines of the sender's signature so far, when one has started. */
  let senderSignature: number | undefined;
  const segments: Segment[] = [];

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as Line;
    const depth = depths[i] ?? 0;
    const content = (plain[i] as Line).text;
    if (isBlank(content)) {
      // A blank line belongs to the block it sits in; it carries nothing to attribute.
      const last = segments[segments.length - 1];
      if (last !== undefined) last.end = line.next;
      else push(segments, line.start, line.next, owners[0] === undefined ? AUTHORED : quotedShape(owners[0]));
      continue;
    }
    if (depth > 0) senderSignature = undefined;

    const boundary = boundaryAt(plain, i);
    if (boundary !== undefined) {
      const lastLine = i + boundary.lines - 1;
      const quoted = quotedBy(boundary.author, boundary.kind === 'forward' ? 'forward' : via);
      // Interleaved replies: the attribution introduces '>' lines one level deeper and the
      // answers between them stay the writer's at this depth. Otherwise (an Outlook header block,
      // a forward, an attribution over unprefixed text) everything after it at this depth is quoted.
      const target = boundary.kind === 'attribution' && introducesDeeperLines(plain, depths, lastLine, depth) ? depth + 1 : depth;
      owners.length = target;
      owners[target] = quoted;
      if (target === 0) senderSignature = undefined;
      // The marker itself (with the author's own address in it) is part of the quoted text.
      push(segments, line.start, (lines[lastLine] as Line).next, quotedShape(quoted));
      i = lastLine;
      continue;
    }

    const owner = depth === 0 ? owners[0] : (owners[depth] ??= quotedBy(undefined, via));
    if (owner === undefined) {
      if (senderSignature === undefined && (isSignatureDelimiter(line) || isSignOff(plain, i, senderCues))) senderSignature = 0;
      if (senderSignature !== undefined && (senderSignature += 1) > MAX_SIGNATURE_LINES) senderSignature = undefined;
      push(segments, line.start, line.next, senderSignature === undefined ? AUTHORED : SIGNATURE);
      continue;
    }
    // The quoted author's own signature is still their quoted text; it is marked so the policy
    // can tell the sender's own details in a quote of their earlier message.
    if (
      owner.signature === undefined &&
      (isSignatureDelimiter(plain[i] as Line) || (mayBeClosingLine(content, senderCues) && isSignOff(plain, i, cuesOf(owner))))
    ) {
      owner.signature = 0;
    }
    if (typeof owner.signature === 'number' && (owner.signature += 1) > MAX_SIGNATURE_LINES) owner.signature = 'over';
    push(segments, line.start, line.next, quotedShape(owner));
  }
  return segments;
}

