// The governance report as text for a terminal: totals, a table per week, a table per rule and
// the time to review. Columns are right-aligned numbers under left-aligned headings.
import type { GovernanceReport } from './build.ts';

function table(headings: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const cells = [headings, ...rows.map((row) => row.map(String))];
  const widths = headings.map((_h, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}

export const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const hoursText = (value: number | null): string => (value === null ? '–' : `${value} h`);

export function reportText(report: GovernanceReport, source: string): string[] {
  const { totals, timeToReview: t } = report;
  const lines = [`Gateway report for ${source}`];
  if (report.from === null || report.to === null) {
    lines.push('No decisions recorded yet.');
    return lines;
  }
  lines.push(
    `Decisions from ${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}: ${totals.scanned} scanned, ${totals.held} held, ${totals.passed} passed` +
      `${totals.auditHeld ? `, ${totals.auditHeld} would have been held (audit mode)` : ''}` +
      `${totals.sentBeforeReview ? `, ${totals.sentBeforeReview} sent from the WhatsApp Business app before review` : ''}, ${totals.overridden} overridden; ` +
      `${totals.released} released and ${totals.rejected} rejected after review, ${totals.waiting} waiting.`,
    '',
    'Per week (weeks start on Monday)',
    ...table(
      ['week of', 'scanned', 'held', 'passed', 'overridden', 'released', 'rejected'],
      report.weeks.map((w) => [w.week, w.scanned, w.held, w.passed, w.overridden, w.released, w.rejected]),
    ),
    '',
    'Per rule (release rate: the share of reviewed holds IG released; high means the rule holds messages that were fine)',
    ...(report.rules.length
      ? table(
          ['rule', 'holds', 'released', 'rejected', 'waiting', 'release rate', 'overrides'],
          report.rules.map((r) => [r.rule, r.holds, r.released, r.rejected, r.waiting, percent(r.releaseRate), r.overrides]),
        )
      : ['No holds.']),
    '',
    t.reviewed
      ? `Time to review (${t.reviewed} reviewed): median ${hoursText(t.medianHours)}, 90% within ${hoursText(t.p90Hours)}, longest ${hoursText(t.longestHours)}.`
      : 'Time to review: nothing reviewed yet.',
    t.waiting ? `${t.waiting} waiting for review; the oldest has waited ${hoursText(t.oldestWaitingHours)}.` : 'Nothing waiting for review.',
  );
  if (report.skippedLines) lines.push(`${report.skippedLines} line(s) of the decision log were not decision records and were skipped.`);
  return lines;
}
