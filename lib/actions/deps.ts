// What the act step needs: the engine and the ports. Every door builds one of these (from local
// adapters here, AWS adapters in the Lambdas) and calls the same functions with it.
import type { Logger } from '../log.ts';
import type { Engine } from '../pipeline/engine.ts';
import type { EmailEnvelope, ScanResult } from '../pipeline/scan.ts';
import type { DecisionLog } from '../ports/decision-log.ts';
import type { HeldItems } from '../ports/held-items.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { MessageStore } from '../ports/message-store.ts';
import type { Notifier } from '../ports/notifier.ts';

/** Parses, detects and decides on one email with the engine's rules; never throws (a failure is a processing-error hold). */
export type EmailScanner = (engine: Engine, raw: Buffer, envelope: EmailEnvelope) => Promise<ScanResult>;

export interface ActionDeps {
  engine: Engine;
  /**
   * How messages are scanned: in this thread (scanEmail) unless a door scans elsewhere — the local
   * gateway scans in worker threads, so that one large message does not stop it answering others.
   */
  scan?: EmailScanner;
  store: MessageStore;
  mailer: Mailer;
  decisions: DecisionLog;
  notifier: Notifier;
  /** The review side's items: an override re-send marks the held copies of its message overridden. */
  held?: HeldItems;
  log: Logger;
  /** Header From of the explanatory bounce, e.g. "Mail gateway <postmaster@example.gov.uk>". */
  bounceFrom: string;
  now?: () => Date;
}

export const nowOf = (deps: Pick<ActionDeps, 'now'>): Date => (deps.now ? deps.now() : new Date());
