// Reads what the reports are built from, in GATEWAY_DATA_DIR: the decision log (decisions.jsonl)
// and the reviews (reviews/H-….json). Only the fields a report needs are kept: times, outcomes,
// rule ids and hold references — never senders, recipients or anything from a message. Review
// lines (`"kind": "review"`) repeat what reviews/ holds and are passed over; any other line that
// is not a decision record (a line cut short by a crash, a record of an unknown kind) is counted
// and skipped, never guessed at.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { localLayout } from '../adapters/local/layout.ts';
import type { ReviewLine } from '../audit/review-record.ts';

const IsoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)));

const DecisionLine = z.object({
  key: z.string(),
  time: IsoTime,
  decision: z.enum(['pass', 'hold', 'audit-hold']),
  rules: z.array(z.string()).default([]),
  override: z.object({ applied: z.boolean(), rules: z.array(z.string()).default([]) }).optional(),
  holdReference: z.string().optional(),
  /** A WhatsApp Business app message the rules would have held, found after it was sent (an alert, not a hold). */
  sentBeforeReview: z.boolean().optional(),
});

/** A decision as the reports see it. */
export type ReportDecision = z.infer<typeof DecisionLine>;

const ReviewFile = z.object({
  review: z.object({ at: IsoTime, action: z.string() }).optional(),
});

/** The decision on a held item, by its reference. */
export interface ReportReview {
  ref: string;
  /** ISO 8601. */
  at: string;
  /** released, rejected (or any later kind of decision, e.g. overridden, counted as it is named). */
  action: string;
}

export interface ReportData {
  decisions: ReportDecision[];
  reviews: ReportReview[];
  /** Lines of the decision log that are not decision records. */
  skippedLines: number;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** A review action's line (lib/audit/review-record.ts): the reviews folder is read for those. */
const REVIEW_KIND: ReviewLine['kind'] = 'review';
const isReviewLine = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === REVIEW_KIND;

export function parseDecisionLog(text: string): { decisions: ReportDecision[]; skippedLines: number } {
  const decisions: ReportDecision[] = [];
  let skippedLines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skippedLines += 1;
      continue;
    }
    if (isReviewLine(value)) continue;
    const parsed = DecisionLine.safeParse(value);
    if (parsed.success) decisions.push(parsed.data);
    else skippedLines += 1;
  }
  return { decisions, skippedLines };
}

const REVIEW_FILE = /^(H-[A-Za-z0-9-]{1,80})\.json$/;

async function readReviews(dir: string): Promise<ReportReview[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const reviews = await Promise.all(
    names.map(async (name): Promise<ReportReview | undefined> => {
      const ref = REVIEW_FILE.exec(name)?.[1];
      if (!ref) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(await readText(join(dir, name)));
      } catch {
        return undefined; // half-written: the review is not finished, so the item still waits
      }
      const review = ReviewFile.safeParse(value).data?.review;
      return review ? { ref, at: review.at, action: review.action } : undefined;
    }),
  );
  return reviews.filter((r): r is ReportReview => r !== undefined);
}

/** Everything the reports need from a local data folder; a folder with nothing in it yet gives empty lists. */
export async function readReportData(dataDir: string): Promise<ReportData> {
  const layout = localLayout(dataDir);
  const [log, reviews] = await Promise.all([readText(layout.decisions), readReviews(join(layout.root, 'reviews'))]);
  return { ...parseDecisionLog(log), reviews };
}
