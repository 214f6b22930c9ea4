// "Sent before review" alerts: WhatsApp messages a councillor sent from the Business app itself,
// past the gateway, that the rules would have held. Nothing can be recalled, so information
// governance lists them and acknowledges each (with a note of what was done), as it decides holds.
import type { Channel } from '../message/types.ts';

export type AlertStatus = 'open' | 'acknowledged';

export interface Acknowledgement {
  by: string;
  /** ISO 8601. */
  at: string;
  note: string;
}

export interface AlertRecord {
  /** "A-20261124-7KQ3PZ": the reference in the notice IG was sent. */
  ref: string;
  channel: Channel;
  /** ISO 8601: when the gateway saw the message (after it was sent). */
  raisedAt: string;
  /** The council's business phone number id it was sent from. */
  sender: string;
  /** The business number as Meta showed it with the event, where it did. */
  businessNumber?: string;
  /** Recipients as the notice kept them: WhatsApp numbers by their last four digits only. */
  recipients: string[];
  ruleIds: string[];
  /** Finding types that counted, with how many of each. */
  findings: { type: string; counted: number }[];
  /** True when the message could not be checked at all. */
  unchecked: boolean;
  status: AlertStatus;
  acknowledgement?: Acknowledgement;
}

export interface AlertQuery {
  status: AlertStatus | 'all';
}

export interface SentBeforeReviewAlerts {
  /** Newest first. */
  list(query: AlertQuery): Promise<AlertRecord[]>;
  get(ref: string): Promise<AlertRecord | undefined>;
  /** False when there is no such alert or it was acknowledged already (someone else was first). */
  acknowledge(ref: string, acknowledgement: Acknowledgement): Promise<boolean>;
}
