// A hand-built ScanResult for a held message, for tests of what follows the decision (records,
// bounces, notices) that should not depend on the recognizers.
import type { Finding } from '../../lib/detect/types.ts';
import type { Message, TextPart } from '../../lib/message/types.ts';
import type { ScanResult } from '../../lib/pipeline/scan.ts';
import type { AssessedFinding, Decision, Reason } from '../../lib/policy/types.ts';

export const NINO = 'JG 10 37 85 A';
export const PHONE = '07700 900123';

function part(id: string, kind: TextPart['kind'], label: string, text: string): TextPart {
  return { id, kind, label, text, segments: [{ start: 0, end: text.length, role: 'authored' }] };
}

function finding(p: TextPart, type: string, value: string, category: Finding['category'] = 'personal', from = 0): AssessedFinding {
  const start = p.text.indexOf(value, from);
  if (start < 0) throw new Error(`test value not in part ${p.id}`);
  return { recognizer: type, category, type, partId: p.id, start, end: start + value.length, score: 1, explanation: { pattern: 'test', baseScore: 1 } };
}

export interface HeldResultOptions {
  subject?: string;
  allowOverride?: boolean;
  mode?: Decision['mode'];
  override?: Decision['override'];
}

/** Two NINOs in residents.csv and one in the body; a phone number that did not count. */
export function heldResult(options: HeldResultOptions = {}): ScanResult {
  const subject = options.subject ?? 'Residents list';
  const body = part('body', 'body', 'the message body', `Please see the list. Mrs Clarke's number is ${NINO} (National Insurance).\nCall me on ${PHONE}.`);
  const csv = part('attachment:1', 'attachment', 'the attachment residents.csv', `name,nino\nEdith Clarke,${NINO}\nJohn Smith,AB 12 34 56 C\n`);
  const subjectPart = part('subject', 'subject', 'the subject line', subject);
  const message: Message = {
    channel: 'email',
    id: '<held-test@rushcliffe.gov.uk>',
    sender: { address: 'cllr.jporter@rushcliffe.gov.uk', name: 'Jane Porter' },
    recipients: [{ address: 'editor@example.org', field: 'to' }],
    subject,
    parts: [subjectPart, body, csv],
    unreadable: [],
    sizeBytes: 1000,
  };
  const ninos = [finding(body, 'uk-nino', NINO), finding(csv, 'uk-nino', NINO), finding(csv, 'uk-nino', 'AB 12 34 56 C')];
  const phone: AssessedFinding = { ...finding(body, 'phone-number', PHONE), notCounted: 'sender-signature' };
  const reason: Reason = {
    rule: 'strong-identifier',
    category: 'personal',
    type: 'uk-nino',
    explanation: 'Identifiers like this can be used to impersonate a resident or to defraud them.',
    allowOverride: options.allowOverride ?? true,
    findings: ninos,
  };
  const mode = options.mode ?? 'enforce';
  return {
    channel: 'email',
    message,
    findings: [...ninos, phone],
    timings: { parseMs: 1.234, detectMs: 2.5, decideMs: 0.25 },
    ruleSetVersion: 'test-rules',
    decision: {
      action: 'hold',
      deliver: mode === 'audit',
      mode,
      external: true,
      reasons: [reason],
      findings: [...ninos, phone],
      ...(options.override ? { override: options.override } : {}),
    },
  };
}

/** What every detected value in heldResult() is, for "never appears" assertions. */
export const DETECTED_VALUES = [NINO, 'AB 12 34 56 C', PHONE, 'JG103785A', 'AB123456C'];
