// The one event the email door accepts: S3 "object created" for the Mail Manager intake prefix,
// written by the rule set's Write to S3 action. The event names the object and nothing else:
// Mail Manager writes only the MIME content, so the envelope is established separately (from the
// archive, see archive-envelope.ts) and never from the event or the headers.
import type { S3EventRecord } from 'aws-lambda';
import { InputError } from '../../errors.ts';

export interface IntakeRef {
  /** Object key relative to the intake prefix. */
  key: string;
}

export interface ParsedEmailEvent {
  intakes: IntakeRef[];
  /** Records deliberately not processed, with why (never a silent drop: the caller logs them). */
  skipped: string[];
}

export interface IntakeLocation {
  bucket: string;
  /** Where Mail Manager writes, e.g. "intake/mail-manager" (see infra/layout.ts). */
  intakePrefix: string;
}

/** S3 event keys are URL-encoded, with "+" for a space. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

function s3Intake(record: S3EventRecord, where: IntakeLocation): IntakeRef | string {
  if (typeof record.eventName !== 'string' || !record.eventName.startsWith('ObjectCreated:')) return 'not an object-created event';
  if (record.s3?.bucket?.name !== where.bucket) return 'object in another bucket';
  if (typeof record.s3.object?.key !== 'string') throw new InputError('S3 record without s3.object.key');
  let key: string;
  try {
    key = decodeS3Key(record.s3.object.key);
  } catch (cause) {
    throw new InputError('S3 record with a malformed object key', { cause });
  }
  if (!key.startsWith(where.intakePrefix)) return 'object outside the intake prefix';
  const relative = key.slice(where.intakePrefix.length);
  if (relative === '' || relative.endsWith('/')) return 'folder marker';
  return { key: relative };
}

export function parseEmailEvent(event: unknown, where: IntakeLocation): ParsedEmailEvent {
  const records = (event as { Records?: unknown })?.Records;
  if (!Array.isArray(records)) throw new InputError('not an S3 event: it has no Records');
  const parsed: ParsedEmailEvent = { intakes: [], skipped: [] };
  for (const record of records as { eventSource?: unknown }[]) {
    if (record?.eventSource !== 'aws:s3') {
      parsed.skipped.push('not an S3 record');
      continue;
    }
    const result = s3Intake(record as S3EventRecord, where);
    if (typeof result === 'string') parsed.skipped.push(result);
    else parsed.intakes.push(result);
  }
  return parsed;
}
