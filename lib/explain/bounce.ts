// The explanatory bounce: what a councillor reads when a message is held. Written for them, not
// for IT: what was found and where (masked), why it matters, what to do now, and the reference.
import type { Message } from '../message/types.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { AssessedFinding, Reason } from '../policy/types.ts';
import { describeFinding } from './describe.ts';
import { renderHtml, renderText, type Block } from './document.ts';
import { typeLabel } from './type-labels.ts';

export interface BounceInput {
  result: ScanResult;
  reference: string;
  /** The subject as the sender wrote it (decoded). */
  subject: string;
  /** Envelope recipients: the sender knows whom they wrote to, Bcc included. */
  recipients: readonly string[];
}

export interface Bounce {
  subject: string;
  text: string;
  html: string;
}

/** How many masked examples one line shows before "and N more". */
const EXAMPLES_PER_LINE = 3;

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One line per kind of detail and place: "A National Insurance number in the attachment x.csv: JG •• •• •• A". */
export function foundLines(message: Message | undefined, findings: readonly AssessedFinding[]): string[] {
  const groups = new Map<string, { what: string; where: string; masked: string[]; count: number }>();
  const seen = new Set<string>();
  for (const finding of findings) {
    const id = `${finding.type}|${finding.partId}|${finding.start}|${finding.end}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const d = describeFinding(message, finding);
    const key = `${d.what}|${d.where}`;
    const group = groups.get(key) ?? { what: d.what, where: d.where, masked: [], count: 0 };
    group.count += 1;
    if (d.masked && !group.masked.includes(d.masked)) group.masked.push(d.masked);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ what, where, masked, count }) => {
    const shown = masked.slice(0, EXAMPLES_PER_LINE);
    const unshown = masked.length - shown.length;
    let line = `${capitalise(what)} in ${where}`;
    if (count > 1) line += ` (found ${count} times)`;
    if (shown.length > 0) line += `: ${shown.join(', ')}${unshown > 0 ? `, and ${unshown} more` : ''}`;
    return line;
  });
}

function whatWasFound(result: ScanResult): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'What we found' }];
  for (const reason of result.decision.reasons) {
    blocks.push({ kind: 'list', items: foundLines(result.message, reason.findings) });
    blocks.push({ kind: 'paragraph', text: `Why it matters: ${reason.explanation}` });
  }
  return blocks;
}

function whatToDo(result: ScanResult, reference: string, subject: string): Block[] {
  const { reasons, override } = result.decision;
  const items = [
    'If the recipient does not need these details, remove them and send the message again.',
    'If the recipient does need them, send them through a secure route your council provides (such as its secure email or file-sharing service), not ordinary email.',
    `If you believe the message should go exactly as written, ask information governance to release it, quoting the hold reference ${reference}.`,
  ];
  const blocks: Block[] = [{ kind: 'heading', text: 'What you can do' }, { kind: 'list', items }];
  if (reasons.every((r) => r.allowOverride)) {
    blocks.push(
      { kind: 'paragraph', text: 'If you are sure it is right to send these details, send the message again with an override tag and your reason at the start of the subject, like this:' },
      { kind: 'example', text: `[override: resident asked me to pass this on] ${subject}` },
      { kind: 'paragraph', text: 'The gateway removes the tag before delivery and keeps your reason on record, so do not put personal details in it.' },
    );
  } else if (override && !override.applied) {
    const refused = reasons.filter((r: Reason) => !r.allowOverride).map((r) => typeLabel(r.type));
    blocks.push({
      kind: 'paragraph',
      text: `You added an override tag to the subject, but an override cannot be used for ${[...new Set(refused)].join(' or ')}. Ask information governance to release the message instead.`,
    });
  }
  return blocks;
}

function processingErrorBlocks(reference: string): Block[] {
  return [
    { kind: 'heading', text: 'What happened' },
    { kind: 'paragraph', text: 'The gateway could not check this message, so it has been held rather than sent unchecked. This is not something you did wrong.' },
    { kind: 'heading', text: 'What you can do' },
    {
      kind: 'list',
      items: [
        `Nothing, unless it is urgent: information governance has been told and will release the message or contact you. Quote the hold reference ${reference} if you contact them.`,
        'If it cannot wait, you may send it again without the attachments the gateway may have been unable to open, or through a secure route your council provides.',
      ],
    },
  ];
}

export function buildBounce(input: BounceInput): Bounce {
  const { result, reference, subject, recipients } = input;
  const shownSubject = subject || '(no subject)';
  const processingError = result.decision.reasons.some((r) => r.category === 'processing');
  const blocks: Block[] = [
    { kind: 'paragraph', text: 'Your message has been held by the council\'s mail gateway and has not been sent to anyone.' },
    {
      kind: 'facts',
      rows: [
        ['Subject', shownSubject],
        ['To', recipients.join(', ')],
        ['Hold reference', reference],
      ],
    },
    ...(processingError ? processingErrorBlocks(reference) : [...whatWasFound(result), ...whatToDo(result, reference, subject)]),
    { kind: 'paragraph', text: 'This is an automatic message from the council\'s mail gateway. The details above are partly hidden on purpose.' },
  ];
  const bounceSubject = `Message held: ${shownSubject}`;
  return { subject: bounceSubject, text: renderText(blocks), html: renderHtml(blocks, bounceSubject) };
}
