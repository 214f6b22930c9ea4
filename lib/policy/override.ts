// The councillor's override tag: "[override: reason]" in the subject. The reason is their
// justification on record, so a tag only counts with a real one: not empty, not a word or two,
// and not the sample the bounce shows pasted back unchanged.

// Bounded and free of nested quantifiers: linear on any subject.
const TAG = /\[\s{0,5}override\s{0,5}:([^\]\n]{0,500})\]/i;

/** Fewer letters than this is not a reason anyone can judge later ("ok", "urgent"). */
export const MIN_REASON_CHARS = 12;

/**
 * The bounce's sample, written as a placeholder so it reads as one; pasted unchanged (in any case,
 * with or without the angle brackets) it is not a reason.
 */
export const SAMPLE_REASON = '<why it must go as written>';

export type OverrideProblem = 'empty' | 'too-short' | 'sample';

export interface OverrideTag {
  reason: string;
  /** The subject with the tag removed, as it should be delivered. */
  subjectWithout: string;
}

/** Any tag, usable or not: what the gateway removes before delivery and explains when it refuses. */
export interface OverrideMarker extends OverrideTag {
  /** Why the reason does not count; absent when it does. */
  problem?: OverrideProblem;
}

const comparable = (text: string): string => text.toLowerCase().replace(/[<>\s]+/g, ' ').trim();

function problemOf(reason: string): OverrideProblem | undefined {
  if (reason === '') return 'empty';
  if (comparable(reason) === comparable(SAMPLE_REASON)) return 'sample';
  // Letters and digits only: "......" or "- - -" is not a reason either.
  if ((reason.match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_REASON_CHARS) return 'too-short';
  return undefined;
}

export function findOverrideMarker(subject: string): OverrideMarker | undefined {
  const m = TAG.exec(subject);
  if (!m) return undefined;
  const reason = (m[1] ?? '').trim();
  const subjectWithout = (subject.slice(0, m.index) + subject.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').trim();
  const problem = problemOf(reason);
  return { reason, subjectWithout, ...(problem ? { problem } : {}) };
}

/** The tag when it carries a usable reason; an override needs one. */
export function findOverrideTag(subject: string): OverrideTag | undefined {
  const marker = findOverrideMarker(subject);
  if (!marker || marker.problem) return undefined;
  return { reason: marker.reason, subjectWithout: marker.subjectWithout };
}
