// The one decision record per message. It says what was decided and why in terms of rule ids and
// finding types, counts and part ids — never the matched values, the message text or attachment
// names (part labels can be personal: "Mrs Clarke's letter.docx"), and only recipients' domains.
import { domainOf } from '../policy/recipients.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { Category } from '../detect/types.ts';
import { recordableOverrideReason } from './override-reason.ts';

export interface RecordedFindings {
  type: string;
  category: Category;
  /** All findings of this type. */
  count: number;
  /** Those that counted towards the policy (the rest were the sender's own, organisational …). */
  counted: number;
  /** Part ids ("body", "attachment:2"), never labels. */
  parts: string[];
}

export interface DecisionRecord {
  /** Message-ID (email) or body hash (WhatsApp), or a content hash where there is none. */
  id: string;
  /** Idempotency key: one decision per message and set of envelope recipients. */
  key: string;
  channel: ScanResult['channel'];
  time: string;
  sender: string;
  recipientDomains: string[];
  /** An audit hold is a hold the rules decided but audit mode delivered. */
  decision: 'pass' | 'hold' | 'audit-hold';
  delivered: boolean;
  mode: 'enforce' | 'audit';
  external: boolean;
  rules: string[];
  findings: RecordedFindings[];
  override?: {
    applied: boolean;
    rules: string[];
    reason: string;
    /** Held copies of the same message the override answered, by hold reference. */
    heldCopies?: { overridden: string[]; released: string[]; rejected: string[] };
  };
  ruleSetVersion: string;
  timings: { parseMs: number; detectMs: number; decideMs: number; actMs: number; totalMs: number };
  holdReference?: string;
  /** Only the error's name: its message may name an attachment. */
  error?: string;
}

export interface RecordContext {
  id: string;
  key: string;
  time: Date;
  sender: string;
  recipients: readonly string[];
  ruleSetVersion: string;
  actMs: number;
  holdReference?: string;
}

function summariseFindings(result: ScanResult): RecordedFindings[] {
  const byType = new Map<string, RecordedFindings & { partSet: Set<string> }>();
  for (const f of result.decision.findings) {
    let entry = byType.get(f.type);
    if (!entry) {
      entry = { type: f.type, category: f.category, count: 0, counted: 0, parts: [], partSet: new Set() };
      byType.set(f.type, entry);
    }
    entry.count += 1;
    if (!f.notCounted) entry.counted += 1;
    entry.partSet.add(f.partId);
  }
  return [...byType.values()]
    .map(({ partSet, ...rest }) => ({ ...rest, parts: [...partSet].sort() }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

export function decisionOutcome(result: ScanResult): DecisionRecord['decision'] {
  if (result.decision.action === 'pass') return 'pass';
  return result.decision.deliver ? 'audit-hold' : 'hold';
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export function buildDecisionRecord(result: ScanResult, context: RecordContext): DecisionRecord {
  const { decision, timings } = result;
  const scanMs = timings.parseMs + timings.detectMs + timings.decideMs;
  const override = decision.override;
  return {
    id: context.id,
    key: context.key,
    channel: result.channel,
    time: context.time.toISOString(),
    sender: context.sender,
    recipientDomains: [...new Set(context.recipients.map(domainOf).filter(Boolean))].sort(),
    decision: decisionOutcome(result),
    delivered: decision.deliver,
    mode: decision.mode,
    external: decision.external,
    rules: [...new Set(decision.reasons.map((r) => r.rule))],
    findings: summariseFindings(result),
    ...(override
      ? { override: { applied: override.applied, rules: override.rules, reason: recordableOverrideReason(override.reason, result.message, result.findings) } }
      : {}),
    ruleSetVersion: context.ruleSetVersion,
    timings: {
      parseMs: round(timings.parseMs),
      detectMs: round(timings.detectMs),
      decideMs: round(timings.decideMs),
      actMs: round(context.actMs),
      totalMs: round(scanMs + context.actMs),
    },
    ...(context.holdReference ? { holdReference: context.holdReference } : {}),
    ...(result.error ? { error: result.error.name } : {}),
  };
}
