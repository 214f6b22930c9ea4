// Collects the parts of one parsed message (subject, body, attachments) and, recursively, of the
// messages attached to it. A nested message's parts are named after it: "attachment:2/body",
// "the forwarded message "Site visit" › the message body".
import type { Attachment, ParsedMail, StructuredHeader } from 'mailparser';
import type { Limits } from '../rules/schema.ts';
import { addressLines, authorOf } from './addresses.ts';
import { extractIsolated, type ExtractionBudget } from './attachments/extract-pool.ts';
import { bodyTexts } from './body.ts';
import { textParts } from './header-parts.ts';
import { wholeAuthored, wholeForwarded, type PartCollector, type Segmenter } from './collector.ts';
import { parseMime, type ParsedMime } from './mime.ts';
import type { Author, Segment } from './types.ts';

export interface Scope {
  /** Prefix of every part id: '' for the message itself, 'attachment:2/' inside a nested one. */
  idPrefix: string;
  /** Prefix of every label, ending in ' › ' inside a nested message. */
  labelPrefix: string;
  /** 0 for the message itself, 1 for a message attached to it, and so on. */
  depth: number;
  /**
   * Inside an attached message: its author (its From). Everything in it is that author's text,
   * forwarded, not the sender's; an empty object when the message names no author.
   */
  forwardedFrom?: { author?: Author };
}

/** Segments a body; inside an attached message, its unmarked text is the attached message's author's. */
export type BodySegmenter = (text: string, forwardedFrom?: { author?: Author }) => Segment[];

export interface ContentContext {
  collector: PartCollector;
  limits: Limits;
  /** Segments a body: the message's own, or an attached message's. */
  bodySegmenter: BodySegmenter;
  /** Time left for reading the message's attachments, nested messages' included. */
  budget: ExtractionBudget;
}

/** Longest subject quoted in a label. */
const MAX_LABEL_SUBJECT = 60;

function labelSubject(subject: string): string {
  const flat = subject.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LABEL_SUBJECT ? `${flat.slice(0, MAX_LABEL_SUBJECT - 1)}…` : flat;
}

function charsetOf(attachment: Attachment): string | undefined {
  const header = attachment.headers.get('content-type');
  if (header === undefined || typeof header !== 'object' || !('value' in header) || !('params' in header)) return undefined;
  return (header as StructuredHeader).params.charset;
}

async function collectNested(content: Buffer, id: string, label: string, scope: Scope, ctx: ContentContext): Promise<void> {
  const { collector, limits } = ctx;
  if (scope.depth + 1 > limits.maxDepth) {
    collector.addUnreadable({ partId: id, label, reason: 'too-deep', detail: `messages nested more than ${limits.maxDepth} deep are not read` });
    return;
  }
  const parsed = await parseMime(content, limits);
  if (parsed === undefined) {
    collector.addUnreadable({ partId: id, label, reason: 'corrupt', detail: 'the attached message has no readable headers' });
    return;
  }
  const subject = labelSubject(parsed.mail.subject ?? '');
  const nestedLabel = `${scope.labelPrefix}the forwarded message${subject === '' ? '' : ` "${subject}"`}`;
  if (parsed.problem !== undefined) collector.addUnreadable({ partId: id, label: nestedLabel, ...parsed.problem });
  const author = authorOf(parsed.mail);
  const forwardedFrom = author === undefined ? {} : { author };
  collectDifferentials(parsed, { idPrefix: `${id}/`, labelPrefix: `${nestedLabel} › `, forwardedFrom }, collector, nestedLabel);
  await collectContent(parsed.mail, { idPrefix: `${id}/`, labelPrefix: `${nestedLabel} › `, depth: scope.depth + 1, forwardedFrom }, ctx);
}

/**
 * Where other MIME readers would read the message differently: an ambiguous structure holds as
 * unreadable; header lines some readers show as the start of the body are scanned as text.
 */
export function collectDifferentials(parsed: ParsedMime, scope: Pick<Scope, 'idPrefix' | 'labelPrefix' | 'forwardedFrom'>, collector: PartCollector, label: string): void {
  const { ambiguous, bodyStartText } = parsed.differentials;
  const partId = scope.idPrefix === '' ? 'message' : scope.idPrefix.slice(0, -1);
  if (ambiguous !== undefined) collector.addUnreadable({ partId, label, reason: 'ambiguous', detail: `mail programs can read this message differently: ${ambiguous}` });
  collector.addText(
    { id: `${scope.idPrefix}header-body`, kind: 'header', label: `${scope.labelPrefix}header lines some mail programs show as the start of the body`, text: bodyStartText },
    segmenterFor(scope),
  );
}

/** Reads one attachment into the collector; false once the part limit stops further reading. */
async function collectAttachment(attachment: Attachment, index: number, scope: Scope, ctx: ContentContext): Promise<boolean> {
  const { collector } = ctx;
  const id = `${scope.idPrefix}attachment:${index}`;
  const name = attachment.filename?.trim() ?? '';
  const label = `${scope.labelPrefix}${name === '' ? `attachment ${index} (unnamed)` : `the attachment ${name}`}`;
  if (!collector.claimAttachment(id, label)) return false;
  const segmenter = segmenterFor(scope);
  collector.addText({ id: `${id}/name`, kind: 'attachment-name', label: `${scope.labelPrefix}the name of the attachment ${name}`, text: name }, segmenter);
  const extraction = await extractIsolated(
    { content: attachment.content, contentType: attachment.contentType, filename: name, charset: charsetOf(attachment) },
    { limits: ctx.limits, maxChars: collector.remainingChars },
    ctx.budget,
  );
  switch (extraction.kind) {
    case 'text':
      collector.addText({ id, kind: 'attachment', label, text: extraction.text }, segmenter);
      if (extraction.problem !== undefined) collector.addUnreadable({ partId: id, label, ...extraction.problem });
      break;
    case 'unreadable':
      collector.addUnreadable({ partId: id, label, reason: extraction.reason, detail: extraction.detail });
      break;
    case 'message':
      await collectNested(attachment.content, id, label, scope, ctx);
      break;
    case 'none':
      break;
  }
  return true;
}

/** Text outside a body: the sender's own at the top, the attached message's author's inside one. */
function segmenterFor(scope: Pick<Scope, 'forwardedFrom'>): Segmenter {
  return scope.forwardedFrom === undefined ? wholeAuthored : wholeForwarded(scope.forwardedFrom.author);
}

export async function collectContent(mail: ParsedMail, scope: Scope, ctx: ContentContext): Promise<void> {
  const { collector } = ctx;
  const { idPrefix, labelPrefix, forwardedFrom } = scope;
  const segmenter = segmenterFor(scope);
  collector.addText({ id: `${idPrefix}subject`, kind: 'subject', label: `${labelPrefix}the subject line`, text: mail.subject ?? '' }, segmenter);
  if (forwardedFrom !== undefined) {
    // The forwarded message's own From and To lines name people too (often a resident).
    collector.addText({ id: `${idPrefix}headers`, kind: 'field', label: `${labelPrefix}the From and To lines`, text: addressLines(mail) }, segmenter);
    for (const header of textParts(mail, { idPrefix, labelPrefix })) collector.addText(header.draft, segmenter);
  }
  const body = bodyTexts(mail, idPrefix, labelPrefix);
  for (const part of body.parts) collector.addText(part, (text) => ctx.bodySegmenter(text, forwardedFrom));
  for (const problem of body.problems) collector.addUnreadable(problem);
  let index = 0;
  for (const attachment of mail.attachments) {
    index += 1;
    if (!(await collectAttachment(attachment, index, scope, ctx))) return;
  }
}
