// Marks whose words each stretch of a body is: the sender's own ('authored'), text quoted back
// from earlier in a conversation ('quoted'), or the sender's signature block ('signature'). The
// policy does not count the recipients' details in quoted text or the sender's in a signature,
// so these rules lean towards 'authored' whenever a marker is doubtful. One pass over the lines,
// each looking a fixed number of lines ahead: linear in the text's length.
import type { Segment, SegmentRole } from './types.ts';
import { splitLines, nextNonBlank, type Line } from './lines.ts';
import { boundaryAt, isQuotedLine } from './reply-markers.ts';
import { isSignatureDelimiter, isSignOff, signatureCues } from './signature.ts';

export interface SegmentOptions {
  /** The sender's display name, to recognise their sign-off. */
  senderName?: string;
  /** Closing lines ("Kind regards") that start a signature when the sender's name follows. */
  valedictions: readonly string[];
  /**
   * Whether reply markers ('>' lines, "On … wrote:", Outlook headers) mean quoted text. True for
   * a reply. For a forward or a new message the text after them is being passed on to someone
   * new, so it counts as authored; the markers still end a signature.
   */
  replyQuotes?: boolean;
}

/**
 * A signature block longer than this many non-blank lines is not a signature: whatever follows
 * counts again, so a mistaken sign-off cannot hide the rest of a long message.
 */
const MAX_SIGNATURE_LINES = 20;
/** Blank lines allowed between an attribution and the '>' lines it introduces. */
const QUOTE_AFTER_ATTRIBUTION_WITHIN = 3;

type State =
  | { kind: 'authored' }
  | { kind: 'signature'; lines: number }
  /** Past a reply or forward marker: everything to the end has one role. */
  | { kind: 'rest'; role: SegmentRole };

function push(segments: Segment[], start: number, end: number, role: SegmentRole): void {
  const last = segments[segments.length - 1];
  if (last !== undefined && last.role === role && last.end === start) last.end = end;
  else if (end > start) segments.push({ start, end, role });
}

function introducesQuotedLines(lines: readonly Line[], lastMarkerLine: number): boolean {
  const next = nextNonBlank(lines, lastMarkerLine, QUOTE_AFTER_ATTRIBUTION_WITHIN);
  const line = next === undefined ? undefined : lines[next];
  return line !== undefined && isQuotedLine(line);
}

export function segmentText(text: string, options: SegmentOptions): Segment[] {
  const lines = splitLines(text);
  const cues = signatureCues(options.senderName, options.valedictions);
  const replyQuotes = options.replyQuotes ?? true;
  const quotedRole: SegmentRole = replyQuotes ? 'quoted' : 'authored';
  const segments: Segment[] = [];
  let state: State = { kind: 'authored' };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as Line;
    if (state.kind === 'rest') {
      push(segments, line.start, line.next, state.role);
      continue;
    }
    const boundary = boundaryAt(lines, i);
    if (boundary !== undefined) {
      const markerEnd = lines[i + boundary.lines - 1] as Line;
      if (boundary.kind === 'attribution' && introducesQuotedLines(lines, i + boundary.lines - 1)) {
        // Interleaved replies: only the '>' lines are quoted, the answers between them are not.
        push(segments, line.start, markerEnd.next, quotedRole);
        state = { kind: 'authored' };
      } else {
        const role = boundary.kind === 'forward' ? 'authored' : quotedRole;
        push(segments, line.start, markerEnd.next, role);
        state = { kind: 'rest', role };
      }
      i += boundary.lines - 1;
      continue;
    }
    if (isQuotedLine(line)) {
      push(segments, line.start, line.next, quotedRole);
      state = { kind: 'authored' };
      continue;
    }
    if (state.kind === 'authored' && (isSignatureDelimiter(line) || isSignOff(lines, i, cues))) {
      state = { kind: 'signature', lines: 0 };
    }
    if (state.kind === 'signature') {
      if (line.text.trim() !== '') state.lines += 1;
      if (state.lines > MAX_SIGNATURE_LINES) state = { kind: 'authored' };
    }
    push(segments, line.start, line.next, state.kind === 'signature' ? 'signature' : 'authored');
  }
  return segments;
}
