// What `gateway scan --summary` counts, kept apart from the reports' rendering: the main thread of
// a scan on worker threads needs the counts alone, and should not load the scanning code for them.
import type { ScanResult } from '../pipeline/scan.ts';

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
