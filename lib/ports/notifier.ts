// Tells information governance that something needs a look. The notice is record-safe: the
// decision record and a one-line summary, never message content.
import type { DecisionRecord } from '../audit/decision-record.ts';

export interface IgNotice {
  /**
   * 'sent-before-review': sent from the WhatsApp Business app, past the gateway, and the rules would
   * have held it. 'overridden': a councillor's override tag lifted a hold (reference "O-…").
   */
  kind: 'held' | 'processing-error' | 'sent-before-review' | 'overridden';
  reference: string;
  /** 'overridden': the held copies of the same message and what became of them. */
  heldCopies?: { overridden: string[]; released: string[]; rejected: string[] };
  /** e.g. "Held H-20261124-7KQ3PZ: strong-identifier (uk-nino x2)". */
  summary: string;
  record: DecisionRecord;
  /** Sent before review: the recipients, WhatsApp numbers by their last four digits only. */
  recipients?: string[];
  /** Sent before review: the business number the app sent from, as Meta gave it. */
  businessNumber?: string;
}

export interface Notifier {
  notify(notice: IgNotice): Promise<void>;
}
