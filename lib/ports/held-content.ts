// The held message itself (raw MIME, or the WhatsApp send body as posted): personal data, kept
// only until the item's retention period ends.
import type { HeldRecord } from './held-items.ts';

export interface HeldContent {
  /** Undefined once the content has been deleted (retention) or was never stored. */
  read(item: HeldRecord): Promise<Buffer | undefined>;
}
