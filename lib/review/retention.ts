// How long held content is kept: GATEWAY_RETENTION_DAYS, 30 days unless set. After that the raw
// message goes; the item and its review stay as the record of the decision.
import { ConfigError } from '../errors.ts';

export const DEFAULT_RETENTION_DAYS = 30;
const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

export function parseRetentionDays(value: string | undefined, setting = 'GATEWAY_RETENTION_DAYS'): number {
  const v = value?.trim();
  if (!v) return DEFAULT_RETENTION_DAYS;
  const days = /^\d{1,4}$/.test(v) ? Number(v) : NaN;
  if (!(days >= 1 && days <= MAX_RETENTION_DAYS)) throw new ConfigError(setting, `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, not "${v}"`);
  return days;
}

/** ISO time at which content held at `heldAt` expires. */
export function expiryOf(heldAt: string, retentionDays: number): string {
  return new Date(Date.parse(heldAt) + retentionDays * DAY_MS).toISOString();
}
