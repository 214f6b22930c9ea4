// Held messages as information governance reviews them: an index of items (who, when, why, what
// status) and the decision recorded on each. On AWS a DynamoDB table; locally the held folder.
// The index outlives the held content: after the retention period the raw message is deleted but
// the item, with its review, stays as the record of what was decided.
import type { Category } from '../detect/types.ts';
import type { Channel } from '../message/types.ts';
import type { NotCountedBecause } from '../policy/types.ts';
import type { HeldStatus } from './message-store.ts';

/** 'overridden' is the councillor's own decision: an override re-send of the message went out. */
export type ReviewAction = 'released' | 'rejected' | 'overridden';

/** Who decided what, when, and the note (release), reason (reject) or override reason they gave. */
export interface ReviewRecord {
  /** The officer; for an override, the councillor's address. */
  by: string;
  /** ISO 8601. */
  at: string;
  action: ReviewAction;
  note: string;
}

/** An officer looked at a detected value unmasked. */
export interface UnmaskRecord {
  by: string;
  at: string;
  /** Index of the finding in the item's findings. */
  finding: number;
  type: string;
}

/** Where a detected value is: offsets into a part of the message as the parser reads it. */
export interface HeldFinding {
  type: string;
  category: Category;
  partId: string;
  start: number;
  end: number;
  score: number;
  notCounted?: NotCountedBecause;
}

export interface HeldReason {
  rule: string;
  category: string;
  type: string;
  /** Every finding type the rule counted; absent on older holds (then `type` alone). */
  types?: string[];
  explanation: string;
}

export interface HeldRecord {
  ref: string;
  status: HeldStatus;
  channel: Channel;
  /** ISO 8601. */
  heldAt: string;
  /** Envelope sender: the councillor's address (email) or business number (WhatsApp). */
  sender: string;
  recipientDomains: string[];
  subject?: string;
  ruleIds: string[];
  /** Where the held content is (the S3 key on AWS, the reference locally). */
  contentKey: string;
  /** ISO 8601: when the held content is deleted. */
  expiresAt: string;
  review?: ReviewRecord;
  unmasked?: UnmaskRecord[];
  /** Envelope recipients, Bcc included; when absent they are read from the message headers. */
  recipients?: string[];
  /** WhatsApp: the name of the tooling token the councillor's send came with. */
  tooling?: string;
  /** As decided at hold time; when absent the review side scans the held content again. */
  findings?: HeldFinding[];
  reasons?: HeldReason[];
  /** Email: what an override re-send of the message shares with it (see HeldMeta.resendKey). */
  resendKey?: string;
}

/** How a page is ordered; every order ends on heldAt (newest first) and the reference. */
export type HeldSort = 'newest' | 'oldest' | 'rule' | 'councillor';

export interface HeldQuery {
  /** 'all': every status. */
  status: HeldStatus | 'all';
  channel?: Channel;
  /** ISO 8601 bounds on heldAt, inclusive. */
  from?: string;
  to?: string;
  /** Lower case: part of the reference, the sender (councillor) or a recipient. */
  q?: string;
  /** A rule id that must be among the item's rules. */
  rule?: string;
  /** Lower case: a recipient domain the item must have. */
  domain?: string;
  sort: HeldSort;
  /** Opaque, from the previous page. */
  cursor?: string;
  limit: number;
}

export interface HeldPage {
  /** In the query's order. */
  items: HeldRecord[];
  /** Absent on the last page. A page can be short, even empty, and still have a cursor: a store
   * that reads in bounded steps stops there and says where to carry on. */
  cursor?: string;
}

export interface StatusChange {
  /** The change happens only if the item is still in this status. */
  from: HeldStatus;
  to: HeldStatus;
  /** Recorded with a decision; removed when an item goes back to 'held'. */
  review?: ReviewRecord;
}

export interface HeldItems {
  /** Throws CursorError for a cursor this store did not issue. */
  list(query: HeldQuery): Promise<HeldPage>;
  get(ref: string): Promise<HeldRecord | undefined>;
  /** False when the item is missing or not in `change.from` (someone else decided first). */
  updateStatus(ref: string, change: StatusChange): Promise<boolean>;
  recordUnmask(ref: string, unmask: UnmaskRecord): Promise<void>;
  /** How many items are in each status. */
  counts(): Promise<Record<HeldStatus, number>>;
  /** Every item, in any status, held with this resend key: the held copies an override re-send answers. */
  findByResendKey(resendKey: string): Promise<HeldRecord[]>;
}
