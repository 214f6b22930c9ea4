// The held-items table (GATEWAY_HELD_TABLE): one item per held message, written on the hold path
// and read by the review API to list and act on holds. The raw message and its full review
// metadata (findings with offsets) stay in S3; the item says where.
//
// Item shape (the contract with the review side):
//   ref               string   partition key: the hold reference, "H-20261124-7KQ3PZ"
//   status            string   'held' | 'released' | 'rejected' | 'overridden'; GSI "status-index" (status, heldAt)
//   channel           string   'email' | 'whatsapp'
//   heldAt            string   ISO 8601 time of the hold; GSI sort key
//   sender            string   the envelope sender's address
//   recipientDomains  string[] recipients' domains only, sorted
//   recipients        string[] the envelope recipients (Bcc included; WhatsApp: the number), so
//                              the queue can show who a message goes to without reading S3
//   tooling           string   optional, WhatsApp: the tooling token's name (whose tooling sent it)
//   search            string   what the queue's free-text search looks in (searchTextOf)
//   subject           string   optional: the subject as the sender wrote it (absent when empty)
//   ruleIds           string[] the rules that held it ("strong-identifier", "processing-error" …)
//   s3Key             string   key of the raw message in GATEWAY_BUCKET (held/<ref>.eml)
//   metaS3Key         string   key of the HeldMeta JSON beside it (held/<ref>.json): envelope,
//                              reasons, findings with part ids and offsets
//   expiresAt         number   epoch seconds: the table's TTL, heldAt + GATEWAY_RETENTION_DAYS
//   resendKey         string   email only: what an override re-send shares with the message
//                              (lib/actions/resend-key.ts); GSI "resend-index" (resendKey, heldAt)
// The review side changes status (and adds its own fields); the hold path never overwrites an
// item that is no longer 'held', so a retried hold cannot undo a review.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { domainOf } from '../../policy/recipients.ts';
import { searchTextOf } from '../../review/held-match.ts';
import type { HeldMeta, HeldStatus } from '../../ports/message-store.ts';
import { isConditionFailure } from './dynamo-conditions.ts';

export interface HeldItemRecord {
  ref: string;
  status: HeldStatus;
  channel: HeldMeta['channel'];
  heldAt: string;
  sender: string;
  recipientDomains: string[];
  recipients?: string[];
  tooling?: string;
  search?: string;
  subject?: string;
  ruleIds: string[];
  s3Key: string;
  metaS3Key: string;
  expiresAt: number;
  resendKey?: string;
}

const DAY_SECONDS = 24 * 60 * 60;

export function heldItemOf(meta: HeldMeta, keys: { s3Key: string; metaS3Key: string }, retentionDays: number): HeldItemRecord {
  const heldAtSeconds = Math.floor(Date.parse(meta.heldAt) / 1000);
  return {
    ref: meta.reference,
    status: meta.status,
    channel: meta.channel,
    heldAt: meta.heldAt,
    sender: meta.envelope.from,
    recipientDomains: [...new Set(meta.envelope.to.map(domainOf).filter(Boolean))].sort(),
    recipients: meta.envelope.to,
    ...(meta.tooling ? { tooling: meta.tooling } : {}),
    search: searchTextOf({ ref: meta.reference, sender: meta.envelope.from, recipients: meta.envelope.to, ...(meta.tooling ? { tooling: meta.tooling } : {}) }),
    ...(meta.subject ? { subject: meta.subject } : {}),
    ruleIds: [...new Set(meta.reasons.map((r) => r.rule))],
    s3Key: keys.s3Key,
    metaS3Key: keys.metaS3Key,
    expiresAt: heldAtSeconds + retentionDays * DAY_SECONDS,
    ...(meta.resendKey ? { resendKey: meta.resendKey } : {}),
  };
}

export class HeldItemsTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Writes the item unless a reviewer has already acted on it. */
  async put(item: HeldItemRecord): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#ref) OR #status = :held',
          ExpressionAttributeNames: { '#ref': 'ref', '#status': 'status' },
          ExpressionAttributeValues: { ':held': 'held' },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return;
      throw error;
    }
  }

  async get(ref: string): Promise<HeldItemRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { ref }, ConsistentRead: true }));
    return Item as HeldItemRecord | undefined;
  }
}
