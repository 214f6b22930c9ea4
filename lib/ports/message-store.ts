// Where raw messages live: the intake copy written before any decision (so nothing is lost), and
// the held copy kept for information governance. Held content is personal data; records are not.
import type { Category } from '../detect/types.ts';
import type { Channel } from '../message/types.ts';
import type { NotCountedBecause } from '../policy/types.ts';
import type { Envelope } from './envelope.ts';

export interface IntakeItem {
  /** Content key of the raw bytes and envelope: storing the same delivery twice is one item. */
  key: string;
  raw: Buffer;
  envelope: Envelope;
  receivedAt: string;
}

/** 'overridden': the councillor sent the message again with an override tag, and that copy went. */
export type HeldStatus = 'held' | 'released' | 'rejected' | 'overridden';

/** What the review page shows about a held message. Offsets let it highlight findings. */
export interface HeldMeta {
  reference: string;
  /** The decision record's idempotency key. */
  key: string;
  messageId: string;
  channel: Channel;
  status: HeldStatus;
  heldAt: string;
  envelope: Envelope;
  subject: string;
  ruleSetVersion: string;
  /** `types`: every finding type the rule counted (older holds recorded only the first, `type`). */
  reasons: { rule: string; category: string; type: string; types?: string[]; explanation: string; allowOverride: boolean }[];
  findings: { type: string; category: Category; partId: string; start: number; end: number; score: number; notCounted?: NotCountedBecause }[];
  /** Set when the message was held because it could not be checked. */
  error?: { name: string; message: string };
  /** WhatsApp only: the Graph API version the send used (the phone number id is envelope.from). */
  graphVersion?: string;
  /** WhatsApp only: the name of the tooling token the send came with (which councillor's tooling). */
  tooling?: string;
  /** Email only: what an override re-send of this message shares with it (lib/actions/resend-key.ts). */
  resendKey?: string;
}

export interface HeldItem {
  meta: HeldMeta;
  raw: Buffer;
}

export interface MessageStore {
  /** Resolves only once the bytes are durable; a failure must reach the sender as a retry. */
  putIntake(item: IntakeItem): Promise<void>;
  getIntake(key: string): Promise<IntakeItem | undefined>;
  /** Keys of intake items not yet finished (after a crash: the ones to process again). */
  listIntake(): Promise<string[]>;
  deleteIntake(key: string): Promise<void>;
  putHeld(item: HeldItem): Promise<void>;
  /** Undefined for an unknown (or malformed) reference. */
  getHeld(reference: string): Promise<HeldItem | undefined>;
  getHeldMeta(reference: string): Promise<HeldMeta | undefined>;
  /** The reference already given to the delivery with this idempotency key, if it was held. */
  heldReference(key: string): Promise<string | undefined>;
  listHeld(): Promise<HeldMeta[]>;
}
