// The explanatory bounce: what a councillor reads when a message is held. Written for them, not
// for IT: what was found and where (masked), why it matters, what to do now, and the reference.
import type { Message } from '../message/types.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { AssessedFinding, Reason } from '../policy/types.ts';
import { describeFinding } from './describe.ts';
import { renderHtml, renderText, type Block } from './document.ts';
import { findOverrideMarker, MIN_REASON_CHARS, SAMPLE_REASON, type OverrideProblem } from '../policy/override.ts';
import type { Contact } from '../rules/schema.ts';
import { contactBlocks } from './contact.ts';
import { typeLabel } from './type-labels.ts';

export interface BounceInput {
  result: ScanResult;
  reference: string;
  /** The subject as the sender wrote it (decoded). */
  subject: string;
  /** Envelope recipients: the sender knows whom they wrote to, Bcc included. */
  recipients: readonly string[];
  /** Whom to ask (the rules' policy.contacts.informationGovernance). */
  contact?: Contact;
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

const spanOf = (f: AssessedFinding): string => `${f.type}|${f.partId}|${f.start}|${f.end}`;

/**
 * Each finding is listed once, under the first rule it counted towards: a detail behind two rules
 * (a phone number in a contact profile and in a list of people) is one detail, as the decision
 * log and the review page count it.
 */
function whatWasFound(result: ScanResult): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'What we found' }];
  const listed = new Set<string>();
  for (const reason of result.decision.reasons) {
    const fresh = reason.findings.filter((f) => !listed.has(spanOf(f)));
    for (const f of fresh) listed.add(spanOf(f));
    if (fresh.length > 0) blocks.push({ kind: 'list', items: foundLines(result.message, fresh) });
    blocks.push({ kind: 'paragraph', text: `Why it matters: ${reason.explanation}` });
  }
  return blocks;
}

/** What to do depends on what was found: a marking is never "taken out and sent again". */
function adviceFor(reasons: readonly Reason[], reference: string): string[] {
  const release = `If you believe the message should go exactly as written, ask information governance to release it, quoting the hold reference ${reference}.`;
  const categories = new Set(reasons.map((r) => r.category));
  const items: string[] = [];
  if (categories.has('marking')) {
    items.push(
      'The message is marked as not for sharing outside the council (a security classification, an exempt-information notice or a confidentiality banner). Do not send it outside the council, and do not take the marking off to get it through: the marking describes the content, and the content has not changed.',
      `If this person should receive it, ask information governance, quoting the hold reference ${reference}: they can release it or tell you the right way to share it.`,
    );
    return items;
  }
  if (categories.has('personal') || categories.has('casework')) {
    items.push(
      'If the recipient does not need these details, take them out of your message and send it again.',
      'If the recipient does need them, send them through a secure route your council provides (such as its secure email or file-sharing service), not ordinary email.',
    );
  }
  if (categories.has('unreadable')) {
    items.push('An attachment could not be read, so the gateway cannot tell what is in it. Send it through a secure route your council provides, or ask information governance to look at it.');
  }
  items.push(release);
  return items;
}

const TAG_PROBLEMS: Record<OverrideProblem, string> = {
  empty: 'You added an override tag with no reason in it ("[override:]"). An override only counts with your reason, in your own words, so the message was held.',
  'too-short': `The reason in your override tag is too short to explain anything later. Write at least ${MIN_REASON_CHARS} letters saying why the message must go as written.`,
  sample: 'You sent the sample override reason unchanged. Replace it with your own reason: why this message must go as written.',
};

function overrideBlocks(result: ScanResult, subject: string): Block[] {
  const { reasons, override } = result.decision;
  const marker = findOverrideMarker(subject);
  const blocks: Block[] = [];
  if (marker?.problem) blocks.push({ kind: 'paragraph', text: TAG_PROBLEMS[marker.problem] });
  if (reasons.every((r) => r.allowOverride)) {
    blocks.push(
      { kind: 'paragraph', text: 'If you are sure it is right to send these details, send the message again with an override tag and your reason at the start of the subject, like this:' },
      { kind: 'example', text: `[override: ${SAMPLE_REASON}] ${marker?.subjectWithout ?? subject}` },
      {
        kind: 'paragraph',
        text: `Replace the words in angle brackets with your own reason (at least ${MIN_REASON_CHARS} letters); the sample as it stands is not accepted. The gateway removes the tag before delivery, keeps your reason on record and tells information governance, so do not put personal details in it.`,
      },
    );
  } else if (override && !override.applied) {
    const refused = reasons.filter((r: Reason) => !r.allowOverride).map((r) => typeLabel(r.type));
    blocks.push({
      kind: 'paragraph',
      text: `You added an override tag to the subject, but an override cannot be used for ${[...new Set(refused)].join(' or ')}. Ask information governance instead.`,
    });
  }
  return blocks;
}

function whatToDo(result: ScanResult, reference: string, subject: string): Block[] {
  return [{ kind: 'heading', text: 'What you can do' }, { kind: 'list', items: adviceFor(result.decision.reasons, reference) }, ...overrideBlocks(result, subject)];
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
  const { result, reference, subject, recipients, contact = { name: 'Information governance' } } = input;
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
    ...contactBlocks(contact),
    { kind: 'paragraph', text: 'This is an automatic message from the council\'s mail gateway. The details above are partly hidden on purpose.' },
  ];
  const bounceSubject = `Message held: ${shownSubject}`;
  return { subject: bounceSubject, text: renderText(blocks), html: renderHtml(blocks, bounceSubject) };
}
