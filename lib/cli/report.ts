// How `gateway scan` prints a result: a readable report, or the JSON line of the CLI contract.
import { describeFinding, locationOf } from '../explain/describe.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import { explainLines, howFound, verdictOf } from './explain-report.ts';

export interface ReportOptions {
  /** Every finding with its verdict and how it was found, not only the reasons. */
  explain: boolean;
}

/**
 * The contract's JSON line: {file, channel, decision, reasons[], findings[]}. Each finding also says
 * whether it counted, towards which rules, or why not; with --explain, how it was found.
 */
export function jsonLine(file: string, result: ScanResult, options: ReportOptions = { explain: false }): string {
  return JSON.stringify({
    file,
    channel: result.channel,
    decision: result.decision.action,
    reasons: result.decision.reasons.map((r) => ({ rule: r.rule, category: r.category, type: r.type, explanation: r.explanation })),
    findings: result.decision.findings.map((f) => ({
      category: f.category,
      type: f.type,
      location: locationOf(result.message, f),
      score: Math.round(f.score * 100) / 100,
      ...verdictOf(result.message, f),
      ...(options.explain ? { found: howFound(f) } : {}),
    })),
  });
}

/** The processing-error hold the gateway would decide for input that is not a message at all. */
const NOT_MAIL_REASON = {
  rule: 'processing-error',
  category: 'processing',
  type: 'processing-error',
  explanation: 'The gateway could not read this as a message, so it would hold it rather than send it unchecked.',
};

/** The report of an input that is not an email or send body: held, as the gateway would hold it, with the error. */
export function notMailLine(file: string, kind: 'email' | 'whatsapp', error: string, options: ReportOptions & { json: boolean }): string {
  if (options.json) return JSON.stringify({ file, channel: kind, decision: 'hold', reasons: [NOT_MAIL_REASON], findings: [], error });
  return `${file}: HOLD
  processing-error (processing)
    Error: ${error}
    Why: ${NOT_MAIL_REASON.explanation}
`;
}

function headline(result: ScanResult): string {
  const { decision } = result;
  if (decision.action === 'pass') {
    if (decision.override?.applied) return `PASS (override by the sender: "${decision.override.reason}"; lifted ${decision.override.rules.join(', ')})`;
    return decision.external ? 'PASS' : 'PASS (all recipients internal)';
  }
  return decision.mode === 'audit' ? 'HOLD (audit mode: recorded, still delivered)' : 'HOLD';
}

export function textReport(file: string, result: ScanResult, options: ReportOptions = { explain: false }): string {
  const lines = [`${file}: ${headline(result)}`];
  for (const reason of result.decision.reasons) {
    lines.push(`  ${reason.rule} (${reason.category})`);
    const seen = new Set<string>();
    for (const finding of reason.findings) {
      const d = describeFinding(result.message, finding);
      const line = `    - ${d.what} in ${d.where}${d.masked ? `: ${d.masked}` : ''}`;
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
    }
    lines.push(`    Why: ${reason.explanation}`);
    if (reason.allowOverride) lines.push('    The sender may resend with "[override: reason]" in the subject.');
  }
  if (result.decision.override && !result.decision.override.applied) {
    lines.push(`  Override requested but not allowed for: ${result.decision.override.rules.join(', ')}`);
  }
  if (result.error) lines.push(`  Error: ${result.error.message}`);
  if (options.explain) return [...lines, ...explainLines(result)].join('\n');
  const notCounted = result.decision.findings.filter((f) => f.notCounted);
  if (notCounted.length > 0) {
    const byWhy = new Map<string, number>();
    for (const f of notCounted) byWhy.set(f.notCounted!, (byWhy.get(f.notCounted!) ?? 0) + 1);
    lines.push(`  Not counted: ${[...byWhy].map(([why, n]) => `${n} ${why}`).join(', ')}`);
  }
  return lines.join('\n');
}
