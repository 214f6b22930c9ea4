// Turns findings into what a person reads: what was found, where, masked. The matched value is
// read from the message text here, in process, and leaves only masked.
import { maskValue } from '../detect/mask.ts';
import type { Finding } from '../detect/types.ts';
import type { Message } from '../message/types.ts';
import { typeLabel } from './type-labels.ts';

export interface FindingDescription {
  type: string;
  /** "a National Insurance number" */
  what: string;
  /** "the message body", "the attachment residents.csv" */
  where: string;
  /** Masked value; empty where there is no value (an unreadable attachment). */
  masked: string;
}

export function locationOf(message: Message | undefined, finding: Finding): string {
  const part = message?.parts.find((p) => p.id === finding.partId);
  if (part) return part.label;
  const unreadable = message?.unreadable.find((u) => u.partId === finding.partId);
  return unreadable?.label ?? 'the message';
}

export function describeFinding(message: Message | undefined, finding: Finding): FindingDescription {
  const part = message?.parts.find((p) => p.id === finding.partId);
  const value = part && finding.end > finding.start ? part.text.slice(finding.start, finding.end) : '';
  return {
    type: finding.type,
    what: typeLabel(finding.type),
    where: locationOf(message, finding),
    masked: value ? maskValue(finding.type, value) : '',
  };
}
