// One line per review action, kept beside the decision records (decisions.jsonl locally), so the
// record of a held message shows what became of it: who showed a value in full, who released or
// rejected it, and when. Like the decision record it holds references, rule ids, finding types and
// names — never a value, the message text, or the officer's note (which may quote the message;
// the note stays with the item, under reviews/).
import type { HeldRecord } from '../ports/held-items.ts';

export type ReviewLineAction = 'shown-in-full' | 'released' | 'rejected' | 'overridden';

export interface ReviewLine {
  kind: 'review';
  /** Unique per action, so the decision log can tell a review line from a decision record. */
  key: string;
  holdReference: string;
  channel: HeldRecord['channel'];
  action: ReviewLineAction;
  /** The officer (named reviewer, "administrator", or the Cognito user). */
  by: string;
  /** ISO 8601. */
  time: string;
  /** ISO 8601: when the message was held, so time to review can be measured. */
  heldAt: string;
  rules: string[];
  /** 'shown-in-full': the type of the value shown. */
  findingType?: string;
}

export interface ReviewLog {
  /** Resolves once the line is durable. */
  appendReview(line: ReviewLine): Promise<void>;
}

export function reviewLine(item: HeldRecord, action: { action: ReviewLineAction; by: string; at: string; findingType?: string }): ReviewLine {
  return {
    kind: 'review',
    key: `review:${item.ref}:${action.action}:${action.at}`,
    holdReference: item.ref,
    channel: item.channel,
    action: action.action,
    by: action.by,
    time: action.at,
    heldAt: item.heldAt,
    rules: item.ruleIds,
    ...(action.findingType ? { findingType: action.findingType } : {}),
  };
}
