// The review side of the held-items table (see held-items.ts for the item shape the hold path
// writes). Lists come from the "status-index" GSI, newest first. A decision adds `review` and moves
// the table's TTL (`expiresAt`) to `contentExpiresAt`, so the item outlives its content: the S3
// lifecycle deletes the message, the table keeps the record of who decided what. Unmasking appends
// to `unmasked`.
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { HeldFinding, HeldItems, HeldPage, HeldQuery, HeldReason, HeldRecord, ReviewRecord, StatusChange, UnmaskRecord } from '../../ports/held-items.ts';
import type { HeldMeta, HeldStatus } from '../../ports/message-store.ts';
import { CursorError, decodeCursor, encodeCursor } from '../../review/cursor.ts';
import { STATUSES } from '../../review/query.ts';
import { isConditionFailure } from './dynamo-conditions.ts';
import type { HeldItemRecord } from './held-items.ts';

export const STATUS_INDEX = 'status-index';
/** Held items by resend key: the held copies an override re-send answers (sparse: email only). */
export const RESEND_INDEX = 'resend-index';

/** What the review side adds to a HeldItemRecord. */
interface ReviewedItem extends Omit<HeldItemRecord, 'expiresAt'> {
  expiresAt?: number;
  contentExpiresAt?: number;
  review?: ReviewRecord;
  unmasked?: UnmaskRecord[];
}

/** Reads the HeldMeta JSON the hold wrote (S3HeldContent.meta). */
export type MetaReader = (key: string) => Promise<HeldMeta | undefined>;

/** A filtered query can come back short; it is asked again, this many times at most, to fill a page. */
const MAX_QUERY_ROUNDS = 5;

const isoOfSeconds = (seconds: number | undefined): string => new Date((seconds ?? 0) * 1000).toISOString();

function recordOf(item: ReviewedItem, meta?: HeldMeta): HeldRecord {
  const findings: HeldFinding[] | undefined = meta?.findings;
  const reasons: HeldReason[] | undefined = meta?.reasons.map(({ rule, category, type, types, explanation }) => ({ rule, category, type, ...(types ? { types } : {}), explanation }));
  return {
    ref: item.ref,
    status: item.status,
    channel: item.channel,
    heldAt: item.heldAt,
    sender: item.sender,
    recipientDomains: item.recipientDomains ?? [],
    ...(item.subject !== undefined ? { subject: item.subject } : {}),
    ruleIds: item.ruleIds ?? [],
    contentKey: item.s3Key,
    expiresAt: isoOfSeconds(item.expiresAt ?? item.contentExpiresAt),
    ...(item.review ? { review: item.review } : {}),
    ...(item.unmasked?.length ? { unmasked: item.unmasked } : {}),
    ...(meta ? { recipients: meta.envelope.to } : {}),
    ...(findings ? { findings } : {}),
    ...(reasons ? { reasons } : {}),
    ...(item.resendKey ? { resendKey: item.resendKey } : {}),
  };
}

function heldAtCondition(query: HeldQuery): { expression: string; values: Record<string, string> } {
  if (query.from && query.to) return { expression: ' AND #heldAt BETWEEN :from AND :to', values: { ':from': query.from, ':to': query.to } };
  if (query.from) return { expression: ' AND #heldAt >= :from', values: { ':from': query.from } };
  if (query.to) return { expression: ' AND #heldAt <= :to', values: { ':to': query.to } };
  return { expression: '', values: {} };
}

function startKey(query: HeldQuery): Record<string, string> | undefined {
  if (!query.cursor) return undefined;
  const key = decodeCursor(query.cursor, ['ref', 'status', 'heldAt'] as const);
  // A cursor from another status's list would start somewhere meaningless.
  if (key.status !== query.status) throw new CursorError();
  return key;
}

export class DynamoReviewItems implements HeldItems {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly readMeta: MetaReader,
  ) {}

  async list(query: HeldQuery): Promise<HeldPage> {
    const heldAt = heldAtCondition(query);
    const base: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: STATUS_INDEX,
      KeyConditionExpression: `#status = :status${heldAt.expression}`,
      ExpressionAttributeNames: { '#status': 'status', ...(heldAt.expression ? { '#heldAt': 'heldAt' } : {}), ...(query.channel ? { '#channel': 'channel' } : {}) },
      ExpressionAttributeValues: { ':status': query.status, ...heldAt.values, ...(query.channel ? { ':channel': query.channel } : {}) },
      ...(query.channel ? { FilterExpression: '#channel = :channel' } : {}),
      ScanIndexForward: false,
    };
    const items: HeldRecord[] = [];
    let start = startKey(query);
    for (let round = 0; round < MAX_QUERY_ROUNDS && items.length < query.limit; round += 1) {
      const page = await this.client.send(new QueryCommand({ ...base, Limit: query.limit - items.length, ...(start ? { ExclusiveStartKey: start } : {}) }));
      items.push(...(page.Items ?? []).map((i) => recordOf(i as ReviewedItem)));
      start = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (!start) break;
    }
    return { items, ...(start ? { cursor: encodeCursor({ ref: start.ref!, status: start.status!, heldAt: start.heldAt! }) } : {}) };
  }

  private async item(ref: string): Promise<ReviewedItem | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { ref }, ConsistentRead: true }));
    return Item as ReviewedItem | undefined;
  }

  /** What the hold kept beside the content (a WhatsApp item's Graph version, for its release). */
  async metaOf(ref: string): Promise<HeldMeta | undefined> {
    const item = await this.item(ref);
    return item?.metaS3Key ? await this.readMeta(item.metaS3Key) : undefined;
  }

  async get(ref: string): Promise<HeldRecord | undefined> {
    const item = await this.item(ref);
    if (!item) return undefined;
    return recordOf(item, item.metaS3Key ? await this.readMeta(item.metaS3Key) : undefined);
  }

  async updateStatus(ref: string, change: StatusChange): Promise<boolean> {
    // Read for the expiry to carry over; the condition below is what guards the status.
    const item = await this.item(ref);
    if (!item) return false;
    const decided = change.to !== 'held';
    // A decided item keeps no TTL (its review must stay); one back in the queue gets it again.
    const expiry = item.expiresAt ?? item.contentExpiresAt ?? 0;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { ref },
          UpdateExpression: decided
            ? 'SET #status = :to, #review = :review, #contentExpiresAt = :expiry REMOVE #expiresAt'
            : 'SET #status = :to, #expiresAt = :expiry REMOVE #review, #contentExpiresAt',
          ConditionExpression: '#status = :from',
          ExpressionAttributeNames: { '#status': 'status', '#review': 'review', '#expiresAt': 'expiresAt', '#contentExpiresAt': 'contentExpiresAt' },
          ExpressionAttributeValues: { ':to': change.to, ':from': change.from, ':expiry': expiry, ...(decided ? { ':review': change.review ?? null } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordUnmask(ref: string, unmask: UnmaskRecord): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { ref },
        UpdateExpression: 'SET #unmasked = list_append(if_not_exists(#unmasked, :empty), :entry)',
        ConditionExpression: 'attribute_exists(#ref)',
        ExpressionAttributeNames: { '#unmasked': 'unmasked', '#ref': 'ref' },
        ExpressionAttributeValues: { ':empty': [], ':entry': [unmask] },
      }),
    );
  }

  async findByResendKey(resendKey: string): Promise<HeldRecord[]> {
    const records: HeldRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: RESEND_INDEX,
          KeyConditionExpression: '#resendKey = :resendKey',
          ExpressionAttributeNames: { '#resendKey': 'resendKey' },
          ExpressionAttributeValues: { ':resendKey': resendKey },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      records.push(...(page.Items ?? []).map((i) => recordOf(i as ReviewedItem)));
      start = page.LastEvaluatedKey;
    } while (start);
    return records;
  }

  async counts(): Promise<Record<HeldStatus, number>> {
    const counts = await Promise.all(STATUSES.map(async (status) => [status, await this.count(status)] as const));
    return Object.fromEntries(counts) as Record<HeldStatus, number>;
  }

  private async count(status: HeldStatus): Promise<number> {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: STATUS_INDEX,
          KeyConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return total;
  }
}
