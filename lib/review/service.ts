// What information governance can do with held messages: list, read (masked), unmask one value,
// release, reject. Every decision is conditional on the item still being held, so two officers
// acting at once get one decision and one 409, and every action records who and when.
import { removeOverrideTag } from '../actions/strip-override.ts';
import { HttpError } from '../local/router.ts';
import { errorFields, type Logger } from '../log.ts';
import type { Message } from '../message/types.ts';
import type { Engine } from '../pipeline/engine.ts';
import { scanMessage } from '../pipeline/scan.ts';
import type { HeldContent } from '../ports/held-content.ts';
import type { HeldFinding, HeldItems, HeldReason, HeldRecord, ReviewAction, ReviewRecord } from '../ports/held-items.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { WhatsAppSender } from '../ports/whatsapp-sender.ts';
import { createNameFinder, policyNameOptions, type NameFinder } from '../detect/person-names.ts';
import { auditTrail } from './audit-trail.ts';
import { findingViews, reasonViews, summarise } from './explain.ts';
import { reviewLine, type ReviewLog } from '../audit/review-record.ts';
import { readHeldMessage } from './held-message.ts';
import { messageView } from './message-view.ts';
import { canTellSender, decisionNotice } from './notices.ts';
import { MAX_PAGE_SIZE } from './query.ts';
import { exportQueue } from './queue-export.ts';
import { recipientViews } from './recipient-view.ts';
import type { FileAnswer, HeldDetailView, HeldListView, HeldSummary } from './views.ts';
import type { HeldQuery } from '../ports/held-items.ts';

export interface ReviewDeps {
  items: HeldItems;
  content: HeldContent;
  mailer: Mailer;
  /** Absent where WhatsApp is not set up: WhatsApp items can then be rejected, not released. */
  whatsapp?: WhatsAppSender;
  engine: Engine;
  /** Header From of the notices the councillor receives. */
  noticeFrom: string;
  /** Where each review action is recorded beside the decisions (decisions.jsonl locally). */
  reviewLog?: ReviewLog;
  log: Logger;
  now?: () => Date;
}

export interface Reviewer {
  /** Recorded with every action: the officer's email or user name. */
  id: string;
}

export interface DecisionResult {
  item: HeldSummary;
  /** False when the councillor could not be told (no email address, or the notice failed). */
  councillorTold: boolean;
}

const notFound = (): HttpError => new HttpError(404, 'not-found', 'No held message has this reference.');
const alreadyDecided = (item: HeldRecord): HttpError =>
  item.status === 'overridden'
    ? new HttpError(409, 'already-decided', 'The councillor sent this message again with an override, and that copy has gone: it cannot be released or rejected.')
    : new HttpError(409, 'already-decided', `This message has already been ${item.status}.`);
const expired = (): HttpError =>
  new HttpError(410, 'content-expired', 'The held content has been deleted after the retention period; only the record remains.');

export function summaryOf(item: HeldRecord, internalDomains: readonly string[] = []): HeldSummary {
  return {
    reference: item.ref,
    channel: item.channel,
    sender: item.sender,
    ...(item.tooling ? { tooling: item.tooling } : {}),
    recipientDomains: item.recipientDomains,
    recipients: recipientViews(item, internalDomains),
    ...(item.subject !== undefined ? { subject: item.subject } : {}),
    heldAt: item.heldAt,
    ruleIds: item.ruleIds,
    status: item.status,
    expiresAt: item.expiresAt,
    ...(item.review ? { review: item.review } : {}),
  };
}

interface Opened {
  message?: Message;
  findings: HeldFinding[];
  reasons?: HeldReason[];
  rescanned: boolean;
}

export class ReviewService {
  /** People's names are masked in the message view like the detected values beside them. */
  private readonly names: NameFinder;

  constructor(private readonly deps: ReviewDeps) {
    this.names = createNameFinder(policyNameOptions(deps.engine.ruleSet.policy));
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** Outside recipients are marked by the policy's internal domains. */
  summary(item: HeldRecord): HeldSummary {
    return summaryOf(item, this.deps.engine.ruleSet.policy.internalDomains);
  }

  private isExpired(item: HeldRecord): boolean {
    return Date.parse(item.expiresAt) <= this.now().getTime();
  }

  private async item(ref: string): Promise<HeldRecord> {
    const item = await this.deps.items.get(ref);
    if (!item) throw notFound();
    return item;
  }

  /** The raw content, or undefined once it is gone (retention) whatever the store still has. */
  private async raw(item: HeldRecord): Promise<Buffer | undefined> {
    if (this.isExpired(item)) return undefined;
    return this.deps.content.read(item);
  }

  private async open(item: HeldRecord, raw: Buffer | undefined): Promise<Opened> {
    const message = raw ? await readHeldMessage(this.deps.engine, item, raw) : undefined;
    if (item.findings || !message) return { ...(message ? { message } : {}), findings: item.findings ?? [], ...(item.reasons ? { reasons: item.reasons } : {}), rescanned: false };
    // The hold recorded only rule ids: scan again with the current rules to show where and what.
    const { decision } = scanMessage(this.deps.engine, message);
    return {
      message,
      findings: decision.findings.map(({ type, category, partId, start, end, score, notCounted }) => ({ type, category, partId, start, end, score, ...(notCounted ? { notCounted } : {}) })),
      reasons: item.reasons ?? decision.reasons,
      rescanned: true,
    };
  }

  async list(query: HeldQuery): Promise<HeldListView> {
    const [page, counts] = await Promise.all([this.deps.items.list(query), this.deps.items.counts()]);
    return { items: page.items.map((i) => this.summary(i)), ...(page.cursor ? { nextCursor: page.cursor } : {}), counts };
  }

  /** A page of summaries without the counts: what the export reads, page after page. */
  async page(query: HeldQuery): Promise<{ items: HeldSummary[]; nextCursor?: string }> {
    const page = await this.deps.items.list(query);
    return { items: page.items.map((i) => this.summary(i)), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  }

  /** Every item matching the query as CSV (queue-export.ts says what is in it). */
  async exportCsv(query: HeldQuery): Promise<FileAnswer> {
    // Always the whole list: a page cursor from the screen would start the file part-way.
    const { cursor: _fromScreen, ...whole } = query;
    const { csv, rows, truncated } = await exportQueue({ ...whole, limit: MAX_PAGE_SIZE }, (q) => this.page(q));
    this.deps.log.info('held queue exported', { rows, truncated, status: query.status });
    const day = this.now().toISOString().slice(0, 10);
    return { file: { contentType: 'text/csv; charset=utf-8', name: `held-messages-${day}.csv`, body: csv, ...(truncated ? { truncated } : {}) } };
  }

  async detail(ref: string): Promise<HeldDetailView> {
    const item = await this.item(ref);
    const raw = await this.raw(item);
    const opened = await this.open(item, raw);
    const reasons = reasonViews(this.deps.engine, item.ruleIds, opened.reasons);
    const findings = findingViews(this.deps.engine, opened.message, opened.findings);
    return {
      ...this.summary(item),
      summary: summarise(reasons, findings),
      reasons,
      findings,
      content: raw === undefined ? 'expired' : opened.message ? 'available' : 'unreadable',
      ...(opened.message ? { message: messageView(opened.message, opened.findings, this.names) } : {}),
      findingsRescanned: opened.rescanned,
      trail: auditTrail(item),
    };
  }

  /** One detected value in clear, recorded against the officer who asked. */
  async unmask(ref: string, index: number, reviewer: Reviewer): Promise<{ value: string }> {
    const item = await this.item(ref);
    const raw = await this.raw(item);
    if (!raw) throw expired();
    const { message, findings } = await this.open(item, raw);
    const finding = findings[index];
    const part = finding && message?.parts.find((p) => p.id === finding.partId);
    if (!finding || !part || finding.end <= finding.start) throw new HttpError(404, 'no-such-finding', 'This message has no detected value with that number.');
    const unmasked = { by: reviewer.id, at: this.now().toISOString(), finding: index, type: finding.type };
    await this.deps.items.recordUnmask(ref, unmasked);
    await this.deps.reviewLog?.appendReview(reviewLine(item, { action: 'shown-in-full', by: unmasked.by, at: unmasked.at, findingType: finding.type }));
    this.deps.log.info('detected value unmasked for review', { holdReference: ref, finding: index, type: finding.type });
    return { value: part.text.slice(finding.start, finding.end) };
  }

  async release(ref: string, note: string, reviewer: Reviewer): Promise<DecisionResult> {
    const item = await this.item(ref);
    if (item.status !== 'held') throw alreadyDecided(item);
    if (item.channel === 'whatsapp' && !this.deps.whatsapp) {
      throw new HttpError(503, 'whatsapp-not-configured', 'WhatsApp sending is not set up on this gateway, so WhatsApp messages cannot be released.');
    }
    const raw = await this.raw(item);
    if (!raw) throw expired();
    const review = await this.claim(item, 'released', note, reviewer);
    try {
      await this.send(item, raw);
    } catch (error) {
      // Not sent: put it back in the queue so it can be released again.
      await this.deps.items.updateStatus(ref, { from: 'released', to: 'held' });
      this.deps.log.error('could not send a released message; it is held again', { holdReference: ref, channel: item.channel, ...errorFields(error) });
      throw new HttpError(502, 'delivery-failed', 'The message could not be sent; it is still held. Try again later.');
    }
    return this.decided(item, review);
  }

  async reject(ref: string, reason: string, reviewer: Reviewer): Promise<DecisionResult> {
    const item = await this.item(ref);
    if (item.status !== 'held') throw alreadyDecided(item);
    const review = await this.claim(item, 'rejected', reason, reviewer);
    return this.decided(item, review);
  }

  private async claim(item: HeldRecord, action: ReviewAction, note: string, reviewer: Reviewer): Promise<ReviewRecord> {
    const review: ReviewRecord = { by: reviewer.id, at: this.now().toISOString(), action, note };
    if (!(await this.deps.items.updateStatus(item.ref, { from: 'held', to: action, review }))) {
      throw alreadyDecided((await this.deps.items.get(item.ref)) ?? item);
    }
    return review;
  }

  private async send(item: HeldRecord, raw: Buffer): Promise<void> {
    if (item.channel === 'whatsapp') {
      await this.deps.whatsapp!.sendHeld({ reference: item.ref, raw, sender: item.sender });
      return;
    }
    const to = item.recipients ?? (await this.headerRecipients(item, raw));
    if (to.length === 0) throw new Error('the held message has no recipients');
    // Exactly as written, less the override tag, which was an instruction to the gateway.
    await this.deps.mailer.sendRaw(removeOverrideTag(raw), { from: item.sender, to });
  }

  /** For items held without their envelope recipients: To, Cc and Bcc as the headers give them. */
  private async headerRecipients(item: HeldRecord, raw: Buffer): Promise<string[]> {
    const message = await readHeldMessage(this.deps.engine, { ...item, recipients: undefined }, raw);
    return [...new Set((message?.recipients ?? []).map((r) => r.address))];
  }

  private async decided(item: HeldRecord, review: ReviewRecord): Promise<DecisionResult> {
    const decidedItem: HeldRecord = { ...item, status: review.action, review };
    await this.deps.reviewLog?.appendReview(reviewLine(item, { action: review.action, by: review.by, at: review.at }));
    this.deps.log.info(`held message ${review.action}`, { holdReference: item.ref, channel: item.channel });
    let councillorTold = false;
    if (canTellSender(item)) {
      try {
        await this.deps.mailer.send(decisionNotice(decidedItem, review, this.deps.noticeFrom, this.deps.engine.ruleSet.policy.contacts.informationGovernance));
        councillorTold = true;
      } catch (error) {
        this.deps.log.error('could not tell the councillor about a review decision', { holdReference: item.ref, ...errorFields(error) });
      }
    } else {
      this.deps.log.warn('no email address to tell the councillor about a review decision', { holdReference: item.ref, channel: item.channel });
    }
    return { item: this.summary(decidedItem), councillorTold };
  }
}
