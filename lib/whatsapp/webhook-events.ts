// Splits a webhook payload into the events it carries, each with the key that recognises Meta's
// retries: messages and echoes by their wamid, statuses by wamid and status (one message is sent,
// delivered and read), anything else by a hash of its content. The shape is read leniently:
// Meta adds fields and kinds of update, and a signed payload is never refused for that.
import * as z from 'zod';
import { sha256Hex } from '../message/hash.ts';
import type { WhatsAppEventKind } from '../ports/whatsapp-event-log.ts';

export interface WebhookEvent {
  key: string;
  kind: WhatsAppEventKind;
  field: string;
  phoneNumberId?: string;
  messageId?: string;
  type?: string;
  status?: string;
  eventTime?: string;
  errorCodes?: number[];
  /** The echoed message itself, kept in memory only, for scanning. */
  echo?: Record<string, unknown>;
}

const errors = z.array(z.looseObject({ code: z.number().optional() })).optional();
const timestamp = z.string().optional();

const Value = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().optional() }).optional(),
  messages: z.array(z.looseObject({ id: z.string().min(1), type: z.string().optional(), timestamp, errors })).optional(),
  statuses: z.array(z.looseObject({ id: z.string().min(1), status: z.string().min(1), timestamp, errors })).optional(),
  message_echoes: z.array(z.looseObject({ id: z.string().min(1), type: z.string().optional(), timestamp })).optional(),
  errors,
});

const Payload = z.looseObject({
  entry: z.array(z.looseObject({ changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).optional() })),
});

type ErrorList = z.infer<typeof errors>;

/** Meta's timestamps are Unix seconds as strings. */
function isoTime(seconds: string | undefined): string | undefined {
  if (seconds === undefined || !/^\d{1,12}$/.test(seconds)) return undefined;
  return new Date(Number(seconds) * 1000).toISOString();
}

function codes(list: ErrorList): number[] | undefined {
  const found = (list ?? []).map((e) => e.code).filter((c): c is number => typeof c === 'number');
  return found.length ? found : undefined;
}

function optional<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function contentKey(value: unknown): string {
  return `change:${sha256Hex(JSON.stringify(value) ?? 'undefined')}`;
}

function changeEvents(field: string, rawValue: unknown): WebhookEvent[] {
  const parsed = Value.safeParse(rawValue);
  if (!parsed.success) return [{ key: contentKey({ field, value: rawValue }), kind: 'change', field }];
  const value = parsed.data;
  const phoneNumberId = value.metadata?.phone_number_id;
  const events: WebhookEvent[] = [
    ...(value.messages ?? []).map((m) => ({
      key: `message:${m.id}`,
      kind: 'message' as const,
      field,
      ...optional({ phoneNumberId, messageId: m.id, type: m.type, eventTime: isoTime(m.timestamp), errorCodes: codes(m.errors) }),
    })),
    ...(value.statuses ?? []).map((s) => ({
      key: `status:${s.id}:${s.status}`,
      kind: 'status' as const,
      field,
      ...optional({ phoneNumberId, messageId: s.id, status: s.status, eventTime: isoTime(s.timestamp), errorCodes: codes(s.errors) }),
    })),
    ...(value.message_echoes ?? []).map((e) => ({
      key: `echo:${e.id}`,
      kind: 'echo' as const,
      field,
      echo: e,
      ...optional({ phoneNumberId, messageId: e.id, type: e.type, eventTime: isoTime(e.timestamp) }),
    })),
  ];
  if (events.length > 0) return events;
  return [{ key: contentKey({ field, value: rawValue }), kind: 'change', field, ...optional({ phoneNumberId, errorCodes: codes(value.errors) }) }];
}

/** Every event in the payload, each key once; at least one event for any payload. */
export function webhookEvents(payload: unknown): WebhookEvent[] {
  const parsed = Payload.safeParse(payload);
  const events = parsed.success
    ? parsed.data.entry.flatMap((entry) => (entry.changes ?? []).flatMap((change) => changeEvents(change.field, change.value)))
    : [];
  if (events.length === 0) return [{ key: contentKey(payload), kind: 'change', field: 'unknown' }];
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.key) && seen.add(e.key));
}
