// The review side of the local held folder. Items are the held copies the act step wrote (through
// the MessageStore port); each decision is a file of its own under reviews/, so the held copy is
// never rewritten. Held content past its retention is deleted when the queue is listed or the item
// read; the meta file (the record) and the review stay.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HOLD_REFERENCE } from '../../actions/hold-reference.ts';
import { KeyedLock } from '../../actions/keyed-lock.ts';
import { domainOf } from '../../policy/recipients.ts';
import type { HeldContent } from '../../ports/held-content.ts';
import type { HeldItems, HeldPage, HeldQuery, HeldRecord, ReviewRecord, StatusChange, UnmaskRecord } from '../../ports/held-items.ts';
import type { HeldMeta, HeldStatus, MessageStore } from '../../ports/message-store.ts';
import { pageOf } from '../../review/held-match.ts';
import { expiryOf } from '../../review/retention.ts';
import { ensureDirectory, removeDurably, writeFileDurably } from './durable-file.ts';
import { localLayout, type LocalLayout } from './layout.ts';

interface ReviewState {
  review?: ReviewRecord;
  unmasked: UnmaskRecord[];
}

export interface LocalReviewOptions {
  store: MessageStore;
  dataDir: string;
  retentionDays: number;
  now?: () => Date;
}

/**
 * One lock for every instance in the process: the act step (an override re-send) and the review
 * API (a release) change the same item's status, and each change must see the other's.
 */
const locks = new KeyedLock();

export class LocalHeldItems implements HeldItems, HeldContent {
  private readonly layout: LocalLayout;
  private readonly reviewsDir: string;

  constructor(private readonly options: LocalReviewOptions) {
    this.layout = localLayout(options.dataDir);
    this.reviewsDir = join(this.layout.root, 'reviews');
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  private async state(ref: string): Promise<ReviewState> {
    try {
      return JSON.parse(await readFile(join(this.reviewsDir, `${ref}.json`), 'utf8')) as ReviewState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { unmasked: [] };
      throw error;
    }
  }

  private async saveState(ref: string, state: ReviewState): Promise<void> {
    await ensureDirectory(this.reviewsDir);
    await writeFileDurably(join(this.reviewsDir, `${ref}.json`), `${JSON.stringify(state, null, 2)}\n`);
  }

  private record(meta: HeldMeta, state: ReviewState): HeldRecord {
    return {
      ref: meta.reference,
      status: state.review?.action ?? meta.status,
      channel: meta.channel,
      heldAt: meta.heldAt,
      sender: meta.envelope.from,
      recipientDomains: [...new Set(meta.envelope.to.map(domainOf).filter(Boolean))].sort(),
      ...(meta.channel === 'email' ? { subject: meta.subject } : {}),
      ruleIds: [...new Set(meta.reasons.map((r) => r.rule))],
      contentKey: meta.reference,
      expiresAt: expiryOf(meta.heldAt, this.options.retentionDays),
      ...(state.review ? { review: state.review } : {}),
      ...(state.unmasked.length > 0 ? { unmasked: state.unmasked } : {}),
      recipients: meta.envelope.to,
      ...(meta.tooling ? { tooling: meta.tooling } : {}),
      findings: meta.findings,
      reasons: meta.reasons.map(({ rule, category, type, types, explanation }) => ({ rule, category, type, ...(types ? { types } : {}), explanation })),
      ...(meta.resendKey ? { resendKey: meta.resendKey } : {}),
    };
  }

  private expired(item: HeldRecord): boolean {
    return Date.parse(item.expiresAt) <= this.now().getTime();
  }

  private async all(): Promise<HeldRecord[]> {
    const metas = await this.options.store.listHeld();
    const items = await Promise.all(metas.map(async (meta) => this.record(meta, await this.state(meta.reference))));
    await Promise.all(items.filter((i) => this.expired(i)).map((i) => this.deleteContent(i.ref)));
    return items;
  }

  /** The raw copy goes; the meta file stays as the record. Its name is the store's (see FsMessageStore). */
  private async deleteContent(ref: string): Promise<void> {
    await removeDurably(join(this.layout.held, `${ref}.eml`));
  }

  /** The folder is read in full each time, so every filter and order is applied in memory. */
  async list(query: HeldQuery): Promise<HeldPage> {
    return pageOf(await this.all(), query);
  }

  async get(ref: string): Promise<HeldRecord | undefined> {
    if (!HOLD_REFERENCE.test(ref)) return undefined;
    const meta = await this.options.store.getHeldMeta(ref);
    return meta ? this.record(meta, await this.state(ref)) : undefined;
  }

  updateStatus(ref: string, change: StatusChange): Promise<boolean> {
    return locks.run(join(this.reviewsDir, ref), async () => {
      const item = await this.get(ref);
      if (!item || item.status !== change.from) return false;
      const state = await this.state(ref);
      const { review: _previous, ...rest } = state;
      await this.saveState(ref, change.to === 'held' || !change.review ? rest : { ...rest, review: change.review });
      return true;
    });
  }

  recordUnmask(ref: string, unmask: UnmaskRecord): Promise<void> {
    return locks.run(join(this.reviewsDir, ref), async () => {
      if (!(await this.get(ref))) throw new Error('no held item with this reference');
      const state = await this.state(ref);
      await this.saveState(ref, { ...state, unmasked: [...state.unmasked, unmask] });
    });
  }

  async counts(): Promise<Record<HeldStatus, number>> {
    const counts: Record<HeldStatus, number> = { held: 0, released: 0, rejected: 0, overridden: 0 };
    for (const item of await this.all()) counts[item.status] += 1;
    return counts;
  }

  async findByResendKey(resendKey: string): Promise<HeldRecord[]> {
    const metas = (await this.options.store.listHeld()).filter((meta) => meta.resendKey === resendKey);
    return Promise.all(metas.map(async (meta) => this.record(meta, await this.state(meta.reference))));
  }

  async read(item: HeldRecord): Promise<Buffer | undefined> {
    if (this.expired(item)) {
      await this.deleteContent(item.ref);
      return undefined;
    }
    return (await this.options.store.getHeld(item.contentKey))?.raw;
  }
}
