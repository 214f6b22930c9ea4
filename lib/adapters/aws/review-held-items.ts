// The review side of the held-items table (see held-items.ts for the item shape the hold path
// writes). Lists come from the "status-index" GSI (status, heldAt): newest or oldest first straight
// from the index, other orders and every-status lists sorted in memory from a bounded read. A decision adds `review` and moves
// the table's TTL (`expiresAt`) to `contentExpiresAt`, so the item outlives its content: the S3
// lifecycle deletes the message, the table keeps the record of who decided what. Unmasking appends
// to `unmasked`.
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { HeldFinding, HeldItems, HeldPage, HeldQuery, HeldReason, HeldRecord, ReviewRecord, StatusChange, UnmaskRecord } from '../../ports/held-items.ts';
import type { HeldMeta, HeldStatus } from '../../ports/message-store.ts';
import { HOLD_REFERENCE } from '../../actions/hold-reference.ts';
import { HttpError } from '../../local/router.ts';
import { CursorError, decodeCursor, encodeCursor } from '../../review/cursor.ts';
import { matchesQuery, pageOf, searchTerms } from '../../review/held-match.ts';
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
/** Items a filtered step reads (DynamoDB applies Limit before the filter). */
const READ_STEP = 100;
/** Items read at most to sort in memory: years of a council's holds fit; a runaway query does not. */
export const MAX_SORTED_READ = 5000;
const TOO_MANY_TO_SORT = `More than ${MAX_SORTED_READ} messages match, too many to sort this way. Choose dates, a status or a rule, or sort by date.`;

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
    ...(meta ? { recipients: meta.envelope.to } : item.recipients ? { recipients: item.recipients } : {}),
    ...(item.tooling ? { tooling: item.tooling } : meta?.tooling ? { tooling: meta.tooling } : {}),
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

interface Filter {
  expression?: string;
  names: Record<string, string>;
  values: Record<string, string>;
}

/**
 * The filters the index cannot apply, as a FilterExpression: DynamoDB reads the index in order and
 * drops what does not match before returning it. The same tests as matchesQuery (held-match.ts);
 * items written before the table kept `search` are found by their reference and sender.
 */
function filterOf(query: HeldQuery): Filter {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  if (query.channel) {
    parts.push('#channel = :channel');
    names['#channel'] = 'channel';
    values[':channel'] = query.channel;
  }
  if (query.rule) {
    parts.push('contains(#ruleIds, :rule)');
    names['#ruleIds'] = 'ruleIds';
    values[':rule'] = query.rule;
  }
  if (query.domain) {
    parts.push('contains(#recipientDomains, :domain)');
    names['#recipientDomains'] = 'recipientDomains';
    values[':domain'] = query.domain;
  }
  if (query.q) {
    const alternatives = searchTerms(query.q).map((term, i) => {
      values[`:q${i}`] = term;
      return `contains(#search, :q${i})`;
    });
    values[':qRef'] = query.q.toUpperCase();
    parts.push(`(${alternatives.join(' OR ')} OR (attribute_not_exists(#search) AND (contains(#sender, :q0) OR contains(#ref, :qRef))))`);
    Object.assign(names, { '#search': 'search', '#sender': 'sender', '#ref': 'ref' });
  }
  return { ...(parts.length ? { expression: parts.join(' AND ') } : {}), names, values };
}

type IndexKey = Record<'ref' | 'status' | 'heldAt', string>;

const keyOf = (item: ReviewedItem): IndexKey => ({ ref: item.ref, status: item.status, heldAt: item.heldAt });

function startKey(query: HeldQuery): IndexKey | undefined {
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
    // A reference is one read, whatever the other filters say.
    const ref = query.q?.toUpperCase();
    if (ref && HOLD_REFERENCE.test(ref) && !query.cursor) {
      const item = await this.item(ref);
      const record = item ? recordOf(item) : undefined;
      return { items: record && matchesQuery(record, query) ? [record] : [] };
    }
    if (query.status !== 'all' && (query.sort === 'newest' || query.sort === 'oldest')) return this.listInIndexOrder(query, query.status);
    return this.listSorted(query);
  }

  private queryInput(query: HeldQuery, status: HeldStatus): QueryCommandInput {
    const heldAt = heldAtCondition(query);
    const filter = filterOf(query);
    return {
      TableName: this.tableName,
      IndexName: STATUS_INDEX,
      KeyConditionExpression: `#status = :status${heldAt.expression}`,
      ExpressionAttributeNames: { '#status': 'status', ...(heldAt.expression ? { '#heldAt': 'heldAt' } : {}), ...filter.names },
      ExpressionAttributeValues: { ':status': status, ...heldAt.values, ...filter.values },
      ...(filter.expression ? { FilterExpression: filter.expression } : {}),
      ScanIndexForward: query.sort === 'oldest',
    };
  }

  /**
   * The index's own order (heldAt within one status): read in steps until the page is full, at
   * most MAX_QUERY_ROUNDS steps. A filtered step asks for READ_STEP items, since many may be
   * dropped; a step that brings more than the page needs is cut and the cursor is the last item
   * returned, so nothing read past it is lost. A page cut short by the step limit still has a cursor.
   */
  private async listInIndexOrder(query: HeldQuery, status: HeldStatus): Promise<HeldPage> {
    const base = this.queryInput(query, status);
    const filtered = base.FilterExpression !== undefined;
    const items: ReviewedItem[] = [];
    let start: Record<string, unknown> | undefined = startKey(query);
    for (let round = 0; round < MAX_QUERY_ROUNDS && items.length < query.limit; round += 1) {
      const wanted = query.limit - items.length;
      const page = await this.client.send(new QueryCommand({ ...base, Limit: filtered ? Math.max(wanted, READ_STEP) : wanted, ...(start ? { ExclusiveStartKey: start } : {}) }));
      const got = (page.Items ?? []) as ReviewedItem[];
      start = page.LastEvaluatedKey;
      if (got.length > wanted) {
        items.push(...got.slice(0, wanted));
        start = keyOf(items[items.length - 1]!);
        break;
      }
      items.push(...got);
      if (!start) break;
    }
    const next = start as Partial<IndexKey> | undefined;
    return {
      items: items.map((i) => recordOf(i)),
      ...(next?.ref && next.status && next.heldAt ? { cursor: encodeCursor({ ref: next.ref, status: next.status, heldAt: next.heldAt }) } : {}),
    };
  }

  /**
   * Orders the index does not keep (by rule, by councillor, or across every status): every
   * matching item is read, then sorted and paged in memory (held-match.ts). What is read is
   * bounded: past MAX_SORTED_READ items the answer is a clear refusal rather than a partial order.
   */
  private async listSorted(query: HeldQuery): Promise<HeldPage> {
    const statuses = query.status === 'all' ? STATUSES : [query.status];
    const found: HeldRecord[] = [];
    let read = 0;
    for (const status of statuses) {
      const base = this.queryInput(query, status);
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(new QueryCommand({ ...base, ...(start ? { ExclusiveStartKey: start } : {}) }));
        read += page.ScannedCount ?? page.Items?.length ?? 0;
        if (read > MAX_SORTED_READ) throw new HttpError(400, 'too-many-to-sort', TOO_MANY_TO_SORT);
        found.push(...((page.Items ?? []) as ReviewedItem[]).map((i) => recordOf(i)));
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return pageOf(found, query);
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
