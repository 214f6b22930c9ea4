// The councillor's override tag: "[override: reason]" in the subject.

// Bounded and free of nested quantifiers: linear on any subject.
const TAG = /\[\s{0,5}override\s{0,5}:([^\]\n]{0,500})\]/i;

export interface OverrideTag {
  reason: string;
  /** The subject with the tag removed, as it should be delivered. */
  subjectWithout: string;
}

export function findOverrideTag(subject: string): OverrideTag | undefined {
  const m = TAG.exec(subject);
  if (!m) return undefined;
  const reason = (m[1] ?? '').trim();
  if (!reason) return undefined; // an override needs a reason
  const subjectWithout = (subject.slice(0, m.index) + subject.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').trim();
  return { reason, subjectWithout };
}
