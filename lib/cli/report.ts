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

/** Counts for `--summary`: what a rule change would do to a folder of mail. */
export class Summary {
  private readonly decisions = new Map<string, number>();
  private readonly rules = new Map<string, number>();
  private readonly types = new Map<string, number>();
  private unreadable = 0;

  add(result: ScanResult): void {
    bump(this.decisions, result.decision.action);
    for (const rule of new Set(result.decision.reasons.map((r) => r.rule))) bump(this.rules, rule);
    for (const type of new Set(result.decision.reasons.flatMap((r) => r.findings.map((f) => f.type)))) bump(this.types, type);
  }

  addUnreadable(): void {
    this.unreadable += 1;
  }

  toJSON(): object {
    return {
      decisions: Object.fromEntries(this.decisions),
      rules: Object.fromEntries(this.rules),
      types: Object.fromEntries(this.types),
      unreadableInputs: this.unreadable,
    };
  }

  toText(): string {
    const total = [...this.decisions.values()].reduce((a, b) => a + b, 0);
    const lines = [`Scanned ${total} message(s): ${this.decisions.get('pass') ?? 0} pass, ${this.decisions.get('hold') ?? 0} hold`];
    if (this.unreadable) lines.push(`Could not read ${this.unreadable} input file(s) (see errors above)`);
    lines.push('Held messages by rule:', ...table(this.rules));
    lines.push('Held messages by finding type:', ...table(this.types));
    return lines.join('\n');
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function table(map: Map<string, number>): string[] {
  if (map.size === 0) return ['  (none)'];
  const width = Math.max(...[...map.keys()].map((k) => k.length));
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `  ${k.padEnd(width)}  ${n}`);
}
