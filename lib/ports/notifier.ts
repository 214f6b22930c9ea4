// Tells information governance that something needs a look. The notice is record-safe: the
// decision record and a one-line summary, never message content.
import type { DecisionRecord } from '../audit/decision-record.ts';

export interface IgNotice {
  kind: 'held' | 'processing-error';
  reference: string;
  /** e.g. "Held H-20261124-7KQ3PZ: strong-identifier (uk-nino x2)". */
  summary: string;
  record: DecisionRecord;
}

export interface Notifier {
  notify(notice: IgNotice): Promise<void>;
}
