// The report's arithmetic on decision logs written out as the gateway writes them: weeks that
// start on Monday (UTC), quiet weeks kept, reviews counted in the week they were made, nearest-rank
// percentiles, and lines that are not decision records skipped and counted.
import { describe, expect, it } from 'vitest';
import { buildReport, weekOf } from '../../lib/report/build.ts';
import { parseDecisionLog, type ReportReview } from '../../lib/report/read-data.ts';

const line = (time: string, decision: string, rules: string[] = [], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id: `<${time}@x>`, key: `k-${time}`, channel: 'email', time, sender: 'cllr@council.example', decision, rules, ...extra });

describe('weekOf', () => {
  it.each([
    ['2026-11-30T00:00:00.000Z', '2026-11-30'], // a Monday
    ['2026-12-06T23:59:59.999Z', '2026-11-30'], // the Sunday after
    ['2026-12-07T00:00:00.000Z', '2026-12-07'],
    ['2027-01-01T12:00:00.000Z', '2026-12-28'], // across a year end
  ])('%s is in the week of %s', (time, week) => {
    expect(weekOf(time)).toBe(week);
  });
});

describe('buildReport', () => {
  const log = [
    line('2026-11-02T09:00:00.000Z', 'pass'),
    line('2026-11-02T10:00:00.000Z', 'hold', ['casework'], { holdReference: 'H-A' }),
    line('2026-11-03T10:00:00.000Z', 'hold', ['casework', 'strong-identifier'], { holdReference: 'H-B' }),
    '{"key":"cut short by a cra',
    JSON.stringify({ kind: 'something-else', time: '2026-11-03T10:00:00.000Z' }),
    // nothing in the week of 9 November
    line('2026-11-16T08:00:00.000Z', 'audit-hold', ['marking']),
    line('2026-11-17T08:00:00.000Z', 'pass', [], { override: { applied: true, rules: ['strong-identifier'], reason: 'x' } }),
    line('2026-11-18T08:00:00.000Z', 'hold', ['strong-identifier'], { holdReference: 'H-C' }),
    line('2026-11-18T09:00:00.000Z', 'hold', ['casework'], { holdReference: 'H-D' }),
    // Sent from the WhatsApp Business app, then scanned: an alert, not a hold waiting for review.
    line('2026-11-18T10:00:00.000Z', 'hold', ['strong-identifier'], { holdReference: 'A-E', delivered: true, sentBeforeReview: true }),
  ].join('\n');
  const reviews: ReportReview[] = [
    { ref: 'H-A', at: '2026-11-02T12:00:00.000Z', action: 'released' }, // 2 h
    { ref: 'H-B', at: '2026-11-10T10:00:00.000Z', action: 'rejected' }, // 168 h, in the quiet week
    { ref: 'H-D', at: '2026-11-18T09:30:00.000Z', action: 'overridden' }, // resolved by the councillor, not reviewed
  ];
  const now = new Date('2026-11-19T08:00:00.000Z');
  const report = buildReport({ ...parseDecisionLog(log), reviews }, now);

  it('skips and counts lines that are not decision records', () => {
    expect(report.skippedLines).toBe(2);
    expect(report.totals.scanned).toBe(8);
    expect(report.totals.sentBeforeReview).toBe(1);
  });

  it('keeps every week from the first to the last, with reviews in the week they were made', () => {
    expect(report.weeks.map((w) => [w.week, w.scanned, w.held, w.auditHeld, w.passed, w.overridden, w.sentBeforeReview, w.released, w.rejected])).toEqual([
      ['2026-11-02', 3, 2, 0, 1, 0, 0, 1, 0],
      ['2026-11-09', 0, 0, 0, 0, 0, 0, 0, 1],
      ['2026-11-16', 5, 2, 1, 1, 1, 1, 0, 0],
    ]);
  });

  it('counts a hold under each of its rules, and the release rate over reviewed holds only (an override resolution is neither)', () => {
    expect(report.rules).toEqual([
      { rule: 'casework', holds: 3, overrides: 0, released: 1, rejected: 1, waiting: 0, releaseRate: 0.5 },
      { rule: 'strong-identifier', holds: 2, overrides: 1, released: 0, rejected: 1, waiting: 1, releaseRate: 0 },
    ]);
  });

  it('gives the time to review as nearest-rank median and 90th percentile, and the oldest wait', () => {
    expect(report.timeToReview).toEqual({ reviewed: 2, medianHours: 2, p90Hours: 168, longestHours: 168, waiting: 1, oldestWaitingHours: 24 });
  });

  it('reports an empty folder as empty, not as zeros over no time', () => {
    const empty = buildReport({ decisions: [], reviews: [], skippedLines: 0 }, now);
    expect(empty).toMatchObject({ from: null, to: null, weeks: [], rules: [], timeToReview: { reviewed: 0, medianHours: null, waiting: 0, oldestWaitingHours: null } });
  });
});
