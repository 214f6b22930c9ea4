// Options every marking recognizer takes, validated with its own options schema.
import * as z from 'zod';

const phrases = z.array(z.string().min(1)).default([]);

export const MARKING_OPTION_FIELDS = {
  /** Stock phrases of email disclaimer footers (see disclaimer.ts). */
  disclaimerCues: phrases,
  /** Phrases by which a text speaks of itself or its attachment ("this report", "the attached"): see usage.ts. */
  selfReferences: phrases,
  /** Words of a resolution or recommendation to exclude the public ("resolved", "likely disclosure of"). */
  resolutionCues: phrases,
};
