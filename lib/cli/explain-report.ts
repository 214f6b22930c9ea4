// `gateway scan --explain`: every finding, counted or not, with the reason for its verdict and the
// rules it counted towards, the way rspamd lists every symbol that fired. An administrator can
// answer "why did this pass?" (or "why was this held?") from the CLI alone. Values stay masked.
import { describeFinding } from '../explain/describe.ts';
import { NOT_COUNTED_WHY } from '../explain/not-counted.ts';
import { maskValue } from '../detect/mask.ts';
import type { Message } from '../message/types.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { AssessedFinding } from '../policy/types.ts';

/** What the JSON report says of one finding's verdict (also the words of the readable report). */
export interface FindingVerdict {
  counted: boolean;
  /** Rules it counted towards, when it counted. */
  rules?: readonly string[];
  /** Why it did not count, when it did not: the reason's id and its words. */
  notCounted?: string;
  why?: string;
}

/** Masked address of the author of the quoted text a finding sits in, if the text names one. */
function quotedAuthor(message: Message | undefined, finding: AssessedFinding): string | undefined {
  const part = message?.parts.find((p) => p.id === finding.partId);
  const segment = part?.segments.find((s) => finding.start >= s.start && finding.start < s.end);
  const author = segment?.role === 'quoted' ? segment.author : undefined;
  if (author?.address) return maskValue('email-address', author.address);
  return author?.name ? 'a recipient named in the attribution' : undefined;
}

export function verdictOf(message: Message | undefined, finding: AssessedFinding): FindingVerdict {
  if (!finding.notCounted) return { counted: true, rules: finding.rules ?? [] };
  let why = NOT_COUNTED_WHY[finding.notCounted];
  if (finding.notCounted === 'quoted-recipient') {
    const author = quotedAuthor(message, finding);
    if (author) why = `${why} (quoted from ${author})`;
  }
  return { counted: false, notCounted: finding.notCounted, why };
}

/** How the recognizer scored it: pattern, context word, checksum, place. Never the value. */
export function howFound(finding: AssessedFinding): string {
  const e = finding.explanation;
  const parts = [`score ${finding.score.toFixed(2)}`, `pattern ${e.pattern}`];
  if (e.contextWord) parts.push(`context "${e.contextWord}"`);
  if (e.validated !== undefined) parts.push(e.validated ? 'checksum valid' : 'checksum failed');
  if (e.note) parts.push(e.note);
  return parts.join('; ');
}

/** Findings in reading order: part by part as the message holds them, then by offset. */
function inReadingOrder(result: ScanResult): AssessedFinding[] {
  const partOrder = new Map(result.message?.parts.map((p, i) => [p.id, i]) ?? []);
  const order = (f: AssessedFinding): number => partOrder.get(f.partId) ?? Number.MAX_SAFE_INTEGER;
  return [...result.decision.findings].sort((a, b) => order(a) - order(b) || a.start - b.start);
}

/** The readable lines for every finding of a result, in reading order. */
export function explainLines(result: ScanResult): string[] {
  const findings = inReadingOrder(result);
  if (findings.length === 0) return ['  Findings: none'];
  const lines = [`  Findings (${findings.length}, ${findings.filter((f) => !f.notCounted).length} counted):`];
  for (const finding of findings) {
    const d = describeFinding(result.message, finding);
    const verdict = verdictOf(result.message, finding);
    const outcome = verdict.counted ? `COUNTED → ${verdict.rules!.join(', ')}` : `not counted: ${verdict.why}`;
    lines.push(`    - ${d.type}: ${d.what} in ${d.where}${d.masked ? `: ${d.masked}` : ''}`);
    lines.push(`        ${outcome}`);
    lines.push(`        (${howFound(finding)})`);
  }
  return lines;
}
