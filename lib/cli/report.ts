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

/** What one input adds to the summary: its decision, the rules and finding types that held it. */
export type Tally = { action: string; rules: string[]; types: string[] } | { unreadable: true };

export function tallyOf(result: ScanResult): Tally {
  return {
    action: result.decision.action,
    rules: [...new Set(result.decision.reasons.map((r) => r.rule))],
    types: [...new Set(result.decision.reasons.flatMap((r) => r.findings.map((f) => f.type)))],
  };
}

/** Counts for `--summary`: what a rule change would do to a folder of mail. */
export class Summary {
  private readonly decisions = new Map<string, number>();
  private readonly rules = new Map<string, number>();
  private readonly types = new Map<string, number>();
  private unreadable = 0;
  private skipped = 0;

  add(tally: Tally): void {
    if ('unreadable' in tally) {
      // An input that is not a message: the gateway would hold it (processing-error).
      this.unreadable += 1;
      bump(this.decisions, 'hold');
      bump(this.rules, 'processing-error');
      return;
    }
    bump(this.decisions, tally.action);
    for (const rule of tally.rules) bump(this.rules, rule);
    for (const type of tally.types) bump(this.types, type);
  }

  /** Inputs counted so far. */
  get total(): number {
    return [...this.decisions.values()].reduce((a, b) => a + b, 0);
  }

  /** Files in the folders that were not mail and were not scanned. */
  addSkipped(count: number): void {
    this.skipped += count;
  }

  /** "Scanned 1,402 input(s): 1,380 pass, 22 hold; skipped 3 file(s) that are not mail." */
  inputsLine(): string {
    const total = this.total;
    const skipped = this.skipped ? `; skipped ${this.skipped} file(s) that are not mail` : '';
    return `Scanned ${total} input(s): ${this.decisions.get('pass') ?? 0} pass, ${this.decisions.get('hold') ?? 0} hold${skipped}`;
  }

  toJSON(): object {
    return {
      decisions: Object.fromEntries(this.decisions),
      rules: Object.fromEntries(this.rules),
      types: Object.fromEntries(this.types),
      unreadableInputs: this.unreadable,
      skippedFiles: this.skipped,
    };
  }

  toText(): string {
    const lines = [this.inputsLine()];
    if (this.unreadable) lines.push(`${this.unreadable} input(s) are not messages and would be held (see errors above)`);
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
