// What the policy decides and why, in terms every door, the CLI, the bounce and the records share.
import type { Category, Finding } from '../detect/types.ts';

/** Why a finding did not count towards a hold. */
export type NotCountedBecause =
  | 'below-threshold'
  | 'quoted-recipient' // a recipient's own words quoted back to them
  | 'sender-signature' // the sender's own signature block
  | 'participant-signature' // a participant's signature block inside their own quoted text
  | 'participant-address' // the sender's or a recipient's own email address
  | 'participant-name' // in the sender's or a recipient's own display name in a header line (To, From …)
  | 'organisational' // internal domain or a listed organisational contact
  | 'mention-not-use' // a marking talked about, not applied to the message
  | 'not-about-a-person' // a contact detail with no person near it
  | 'no-rule' // not excluded, but no enabled rule holds for it (e.g. one contact detail alone)
  | 'all-internal'; // every recipient is internal: nothing holds

export interface AssessedFinding extends Finding {
  /** Undefined exactly when the finding counted towards at least one rule (see `rules`). */
  notCounted?: NotCountedBecause;
  /**
   * Ids of the rules this finding counted towards; present exactly when it counted. Findings with
   * the same rules share one frozen list (decide.ts).
   */
  rules?: readonly string[];
}

export interface Reason {
  /** Policy rule id, or 'processing-error'. */
  rule: string;
  category: Category | 'processing';
  /** The finding type that triggered the rule (the first, where several did). */
  type: string;
  /** Why it matters, for a councillor: the rule's explanation. */
  explanation: string;
  allowOverride: boolean;
  /** The findings behind this reason. */
  findings: AssessedFinding[];
}

export interface Override {
  /** The councillor's reason, as written in the subject tag. */
  reason: string;
  /** True when every reason allowed override, so the hold was lifted. */
  applied: boolean;
  /** Rule ids the override lifted (when applied) or could not lift (when not). */
  rules: string[];
}

export interface Decision {
  /** What the rules say. */
  action: 'hold' | 'pass';
  /** What happens: a would-be hold is delivered in audit mode, and when an override applies. */
  deliver: boolean;
  mode: 'enforce' | 'audit';
  /** True when any recipient is outside the internal domains (WhatsApp: always). */
  external: boolean;
  /** What caused the hold; empty on pass (also when an override lifted the hold: see override). */
  reasons: Reason[];
  override?: Override;
  findings: AssessedFinding[];
}
