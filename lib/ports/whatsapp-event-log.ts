// What the WhatsApp webhook remembers about each event Meta delivers: enough to prove it arrived
// and to recognise Meta's retries, never message text, names or residents' phone numbers.

export type WhatsAppEventKind = 'message' | 'status' | 'echo' | 'change';

export interface WhatsAppEventRecord {
  /** Idempotency key: "message:<wamid>", "status:<wamid>:<status>", "echo:<wamid>", "change:<hash>". */
  key: string;
  channel: 'whatsapp';
  kind: WhatsAppEventKind;
  /** The webhook field: "messages", "smb_message_echoes", "account_update" … */
  field: string;
  receivedAt: string;
  /** The council's business phone number id the event is about. */
  phoneNumberId?: string;
  /** The WhatsApp message id (wamid). */
  messageId?: string;
  /** Message type ("text", "image", "edit" …) for messages and echoes. */
  type?: string;
  /** Delivery status ("sent", "delivered", "read", "failed" …) for statuses. */
  status?: string;
  /** Meta's own time of the event. */
  eventTime?: string;
  /** Meta's error codes, where the event carries errors. */
  errorCodes?: number[];
  /** For echoes (sent from the Business app): what the rules say about what was sent. */
  scan?: { decision: 'pass' | 'hold' | 'not-scanned'; rules: string[]; findingTypes: string[]; alertReference?: string };
}

export interface WhatsAppEventLog {
  /** True when an event with this key was recorded already (Meta delivers at least once). */
  has(key: string): Promise<boolean>;
  /** Resolves once durable. Recording a key that is already there is not an error. */
  record(event: WhatsAppEventRecord): Promise<void>;
}
