// The councillor's override reason is recorded (it is their justification), but it is text they
// typed into a subject line: any detected value inside it is masked out and its length is capped,
// so the record never carries what the recognizers found.
import type { Finding } from '../detect/types.ts';
import type { Message } from '../message/types.ts';

const MAX_CHARS = 200;
const MASK = '•';
/** Recorded instead when the reason cannot be matched to the subject's findings: fail closed. */
export const UNCHECKED_REASON = '(not recorded: it could not be checked for personal details)';

export function recordableOverrideReason(reason: string, message: Message | undefined, findings: readonly Finding[]): string {
  const subject = message?.parts.find((p) => p.kind === 'subject');
  const inSubject = subject ? findings.filter((f) => f.partId === subject.id) : [];
  if (inSubject.length === 0) return truncate(reason);
  const at = subject!.text.indexOf(reason);
  if (at < 0) return UNCHECKED_REASON;
  // Offsets count UTF-16 units, so mask unit by unit.
  const units = reason.split('');
  for (const f of inSubject) {
    for (let i = Math.max(f.start - at, 0); i < Math.min(f.end - at, units.length); i += 1) units[i] = MASK;
  }
  return truncate(units.join(''));
}

function truncate(text: string): string {
  const chars = [...text];
  return chars.length > MAX_CHARS ? `${chars.slice(0, MAX_CHARS - 1).join('')}…` : text;
}
