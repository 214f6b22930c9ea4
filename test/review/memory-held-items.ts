// HeldItems and HeldContent in memory, for tests of the review service alone.
import type { HeldContent } from '../../lib/ports/held-content.ts';
import type { HeldItems, HeldPage, HeldQuery, HeldRecord, StatusChange, UnmaskRecord } from '../../lib/ports/held-items.ts';
import type { HeldStatus } from '../../lib/ports/message-store.ts';
import { pageOf } from '../../lib/review/held-match.ts';

export class MemoryHeldItems implements HeldItems, HeldContent {
  readonly items = new Map<string, HeldRecord>();
  readonly raw = new Map<string, Buffer>();
  /** Makes the next updateStatus lose a race: another officer decided first. */
  loseNextRace = false;

  add(item: HeldRecord, raw?: Buffer): void {
    this.items.set(item.ref, item);
    if (raw) this.raw.set(item.contentKey, raw);
  }

  async list(query: HeldQuery): Promise<HeldPage> {
    return pageOf([...this.items.values()], query);
  }

  async get(ref: string): Promise<HeldRecord | undefined> {
    return this.items.get(ref);
  }

  async updateStatus(ref: string, change: StatusChange): Promise<boolean> {
    const item = this.items.get(ref);
    if (this.loseNextRace && item) {
      this.loseNextRace = false;
      this.items.set(ref, { ...item, status: 'rejected', review: { by: 'someone else', at: item.heldAt, action: 'rejected', note: 'first' } });
      return false;
    }
    if (!item || item.status !== change.from) return false;
    const { review: _old, ...rest } = item;
    this.items.set(ref, change.to === 'held' ? { ...rest, status: 'held' } : { ...rest, status: change.to, ...(change.review ? { review: change.review } : {}) });
    return true;
  }

  async recordUnmask(ref: string, unmask: UnmaskRecord): Promise<void> {
    const item = this.items.get(ref)!;
    this.items.set(ref, { ...item, unmasked: [...(item.unmasked ?? []), unmask] });
  }

  async counts(): Promise<Record<HeldStatus, number>> {
    const counts: Record<HeldStatus, number> = { held: 0, released: 0, rejected: 0, overridden: 0 };
    for (const item of this.items.values()) counts[item.status] += 1;
    return counts;
  }

  async findByResendKey(resendKey: string): Promise<HeldRecord[]> {
    return [...this.items.values()].filter((i) => i.resendKey === resendKey);
  }

  async read(item: HeldRecord): Promise<Buffer | undefined> {
    return this.raw.get(item.contentKey);
  }
}
