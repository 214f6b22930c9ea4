// Where the local gateway keeps its state, all under one data directory.
import { join, resolve } from 'node:path';

export interface LocalLayout {
  root: string;
  /** Raw messages received and not yet finished: processed again after a crash. */
  intake: string;
  /** Held messages (raw + review metadata); personal data, kept for information governance. */
  held: string;
  /** Idempotency index: delivery key → hold reference. */
  heldKeys: string;
  /** Passed mail and bounces, when no relay is configured. */
  outbox: string;
  /** Notices for information governance. */
  notifications: string;
  /** One decision record per line; no personal data beyond the sender's address. */
  decisions: string;
  /** Step journal: the sends each unfinished delivery has done (no content, step names only). */
  steps: string;
}

export function localLayout(dataDir: string): LocalLayout {
  const root = resolve(dataDir);
  return {
    root,
    intake: join(root, 'intake'),
    held: join(root, 'held'),
    heldKeys: join(root, 'held', 'keys'),
    outbox: join(root, 'outbox'),
    notifications: join(root, 'notifications'),
    decisions: join(root, 'decisions.jsonl'),
    steps: join(root, 'steps'),
  };
}
