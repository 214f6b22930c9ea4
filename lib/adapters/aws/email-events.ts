// The two events the email door accepts, turned into "which intake object, with which envelope":
// - SES receipt rule (S3 action, then Lambda action): the object is <intake prefix><messageId>;
//   the envelope is mail.source → receipt.recipients (the recipients this rule covers, Bcc
//   included). The event's own header list is never used — SES truncates it past 10 KB
//   (headersTruncated) — the headers are read from the stored message instead.
// - S3 object created under the intake prefix (SES Mail Manager's WriteToS3): no envelope; it is
//   read from the message's From/To/Cc/Bcc headers.
import type { S3EventRecord, SESEventRecord } from 'aws-lambda';
import { InputError } from '../../errors.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { SesOrigin } from './ses-bounce.ts';

export interface IntakeRef {
  door: 'ses' | 's3';
  /** Object key relative to the intake prefix. */
  key: string;
  /** From the event (SES); absent: read from the message's headers. */
  envelope?: Envelope;
  ses?: SesOrigin & { headersTruncated: boolean };
}

export interface ParsedEmailEvent {
  intakes: IntakeRef[];
  /** Records deliberately not processed, with why (never a silent drop: the caller logs them). */
  skipped: string[];
  /** SES invoked the function RequestResponse: it waits for a disposition. */
  synchronous: boolean;
}

export interface IntakeLocation {
  bucket: string;
  intakePrefix: string;
}

/** SES message ids are letters, digits and dashes; anything else must not become an S3 key. */
const SES_MESSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** The object SES writes when an S3 action is set up: not a message. */
const SES_SETUP_OBJECT = 'AMAZON_SES_SETUP_NOTIFICATION';

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function sesIntake(record: SESEventRecord): { intake: IntakeRef; synchronous: boolean } {
  const mail = record.ses?.mail;
  const receipt = record.ses?.receipt;
  if (typeof mail?.messageId !== 'string' || !SES_MESSAGE_ID.test(mail.messageId)) throw new InputError('SES record without a usable mail.messageId');
  if (typeof mail.source !== 'string') throw new InputError('SES record without mail.source');
  if (!isStringArray(receipt?.recipients) || receipt.recipients.length === 0) throw new InputError('SES record without receipt.recipients');
  const receivedAt = new Date(mail.timestamp);
  if (Number.isNaN(receivedAt.getTime())) throw new InputError('SES record without a valid mail.timestamp');
  const recipients = receipt.recipients;
  return {
    intake: {
      door: 'ses',
      key: mail.messageId,
      envelope: { from: mail.source, to: [...recipients] },
      ses: { messageId: mail.messageId, receivedAt, recipients, headersTruncated: mail.headersTruncated === true },
    },
    synchronous: (receipt.action as { invocationType?: unknown } | undefined)?.invocationType === 'RequestResponse',
  };
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
  if (relative === SES_SETUP_OBJECT) return 'SES setup notification';
  return { door: 's3', key: relative };
}

export function parseEmailEvent(event: unknown, where: IntakeLocation): ParsedEmailEvent {
  const records = (event as { Records?: unknown })?.Records;
  if (!Array.isArray(records)) throw new InputError('not an SES or S3 event: it has no Records');
  const parsed: ParsedEmailEvent = { intakes: [], skipped: [], synchronous: false };
  for (const record of records as { eventSource?: unknown }[]) {
    if (record?.eventSource === 'aws:ses') {
      const { intake, synchronous } = sesIntake(record as SESEventRecord);
      parsed.intakes.push(intake);
      parsed.synchronous ||= synchronous;
    } else if (record?.eventSource === 'aws:s3') {
      const result = s3Intake(record as S3EventRecord, where);
      if (typeof result === 'string') parsed.skipped.push(result);
      else parsed.intakes.push(result);
    } else {
      parsed.skipped.push('not an SES or S3 record');
    }
  }
  return parsed;
}
