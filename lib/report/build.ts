// The governance report: what the gateway did, week by week, and how each rule fares under
// review. A rule whose holds IG mostly releases is holding messages that were fine: its
// release-after-review rate is the measured false-positive rate that says which rule to tune.
// Counts only: rule ids, outcomes and times, never who sent what.
import type { ReportData, ReportDecision } from './read-data.ts';

export interface WeekCounts {
  /** Monday (UTC) that starts the week, YYYY-MM-DD. */
  week: string;
  scanned: number;
  /** Held for review (enforce mode). */
  held: number;
  /** The rules would have held it; audit mode delivered it. */
  auditHeld: number;
  passed: number;
  /** Delivered because the councillor re-sent with [override: reason]. */
  overridden: number;
  /** Sent from the WhatsApp Business app, then found to be what the rules would hold (an alert). */
  sentBeforeReview: number;
  /** Reviews made in this week. */
  released: number;
  rejected: number;
}

export interface RuleCounts {
  rule: string;
  holds: number;
  /** Messages this rule would have held, delivered on the councillor's override. */
  overrides: number;
  released: number;
  rejected: number;
  /** Held by this rule and not yet decided. */
  waiting: number;
  /** released ÷ (released + rejected); null until one has been reviewed. */
  releaseRate: number | null;
}

export interface ReviewTimes {
  reviewed: number;
  /** Hours from hold to decision. Null when nothing has been reviewed. */
  medianHours: number | null;
  p90Hours: number | null;
  longestHours: number | null;
  waiting: number;
  /** Hours the longest-waiting held message has waited, at `generatedAt`. */
  oldestWaitingHours: number | null;
}

export interface GovernanceReport {
  generatedAt: string;
  /** First and last decision times; null for an empty log. */
  from: string | null;
  to: string | null;
  totals: Omit<WeekCounts, 'week'> & { waiting: number };
  weeks: WeekCounts[];
  /** Most holds first. */
  rules: RuleCounts[];
  timeToReview: ReviewTimes;
  skippedLines: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The Monday (UTC) of the week `iso` falls in, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const date = new Date(iso);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  const monday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - sinceMonday * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Every week from the first to the last, so that a quiet week shows as a gap, not as nothing. */
function weekRange(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += 7 * DAY_MS) weeks.push(new Date(t).toISOString().slice(0, 10));
  return weeks;
}

const emptyWeek = (week: string): WeekCounts => ({ week, scanned: 0, held: 0, auditHeld: 0, passed: 0, overridden: 0, sentBeforeReview: 0, released: 0, rejected: 0 });

/** Held for review: an alert about a message already sent has a reference but nothing to release. */
const isHold = (d: ReportDecision): d is ReportDecision & { holdReference: string } => d.decision === 'hold' && d.holdReference !== undefined && d.sentBeforeReview !== true;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

/** Hours to the nearest 36 seconds: short reviews still read as more than nothing. */
const hours = (ms: number): number => Math.round((ms / HOUR_MS) * 100) / 100;

export function buildReport(data: ReportData, now: Date = new Date()): GovernanceReport {
  const decisions = [...data.decisions].sort((a, b) => a.time.localeCompare(b.time));
  const reviewOf = new Map(data.reviews.map((r) => [r.ref, r]));
  const holds = decisions.filter(isHold);
  // Decided by information governance; an item resolved some other way (a councillor's override
  // re-send) is no longer waiting, but it was not reviewed.
  const reviewed = holds.flatMap((d) => {
    const review = reviewOf.get(d.holdReference);
    return review && (review.action === 'released' || review.action === 'rejected') ? [{ hold: d, review }] : [];
  });

  const weekKeys = [...decisions.map((d) => weekOf(d.time)), ...reviewed.map((r) => weekOf(r.review.at))].sort();
  const weeks = new Map((weekKeys.length ? weekRange(weekKeys[0]!, weekKeys.at(-1)!) : []).map((w) => [w, emptyWeek(w)]));
  for (const d of decisions) {
    const week = weeks.get(weekOf(d.time))!;
    week.scanned += 1;
    if (d.sentBeforeReview) week.sentBeforeReview += 1;
    else if (d.decision === 'hold') week.held += 1;
    else if (d.decision === 'audit-hold') week.auditHeld += 1;
    else week.passed += 1;
    if (d.override?.applied) week.overridden += 1;
  }
  for (const { review } of reviewed) {
    const week = weeks.get(weekOf(review.at))!;
    if (review.action === 'released') week.released += 1;
    else week.rejected += 1;
  }

  const rules = new Map<string, RuleCounts>();
  const ruleCounts = (rule: string): RuleCounts => {
    let counts = rules.get(rule);
    if (!counts) rules.set(rule, (counts = { rule, holds: 0, overrides: 0, released: 0, rejected: 0, waiting: 0, releaseRate: null }));
    return counts;
  };
  for (const d of holds) {
    const action = reviewOf.get(d.holdReference)?.action;
    for (const rule of new Set(d.rules)) {
      const counts = ruleCounts(rule);
      counts.holds += 1;
      if (action === 'released') counts.released += 1;
      else if (action === 'rejected') counts.rejected += 1;
      else if (action === undefined) counts.waiting += 1;
    }
  }
  for (const d of decisions) if (d.override?.applied) for (const rule of new Set(d.override.rules)) ruleCounts(rule).overrides += 1;
  for (const counts of rules.values()) {
    const decided = counts.released + counts.rejected;
    counts.releaseRate = decided > 0 ? Math.round((counts.released / decided) * 1000) / 1000 : null;
  }

  const durations = reviewed.map(({ hold, review }) => Math.max(0, Date.parse(review.at) - Date.parse(hold.time))).sort((a, b) => a - b);
  const waiting = holds.filter((d) => !reviewOf.has(d.holdReference));
  const oldestWaiting = waiting[0];
  const median = percentile(durations, 50);
  const p90 = percentile(durations, 90);
  const weekList = [...weeks.values()];
  const sum = (field: keyof Omit<WeekCounts, 'week'>): number => weekList.reduce((total, w) => total + w[field], 0);

  return {
    generatedAt: now.toISOString(),
    from: decisions[0]?.time ?? null,
    to: decisions.at(-1)?.time ?? null,
    totals: {
      scanned: sum('scanned'),
      held: sum('held'),
      auditHeld: sum('auditHeld'),
      passed: sum('passed'),
      overridden: sum('overridden'),
      sentBeforeReview: sum('sentBeforeReview'),
      released: sum('released'),
      rejected: sum('rejected'),
      waiting: waiting.length,
    },
    weeks: weekList,
    rules: [...rules.values()].sort((a, b) => b.holds - a.holds || b.overrides - a.overrides || a.rule.localeCompare(b.rule)),
    timeToReview: {
      reviewed: durations.length,
      medianHours: median === null ? null : hours(median),
      p90Hours: p90 === null ? null : hours(p90),
      longestHours: durations.length ? hours(durations.at(-1)!) : null,
      waiting: waiting.length,
      oldestWaitingHours: oldestWaiting ? hours(Math.max(0, now.getTime() - Date.parse(oldestWaiting.time))) : null,
    },
    skippedLines: data.skippedLines,
  };
}
