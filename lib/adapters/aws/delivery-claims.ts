// Idempotency for the email door across Lambda invocations, on the decisions table. Before a
// delivery is processed it is claimed with a conditional write on its delivery key (derived from
// the Message-ID): a second invocation for the same message finds it decided (and does nothing)
// or claimed by a live invocation (and is retried later). Each side effect is recorded as a step
// once it has succeeded, so a retry after a failure skips what was already done — a message is
// never sent twice, a bounce or an IG notice never repeated. A failed invocation releases its
// claim (keeping the steps) so the retry can start at once; a crashed one's lease runs out.
//
// The intake object is deleted once its message is decided, so a repeated event (S3 and SES
// deliver events at least once) can find nothing to read. Each claim therefore also notes which
// intake object it came from ("intake:<key>" → delivery key): a missing object whose delivery is
// decided is a duplicate; one with no such note is an error worth an alarm.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DECIDED, IN_PROGRESS } from './dynamo-decision-log.ts';
import { isConditionFailure } from './dynamo-conditions.ts';
import { RetryableError } from './errors.ts';
import type { Once } from './once.ts';

/** An abandoned claim (retries exhausted), or an intake note, is removed by the table's TTL after this long. */
const CLAIM_TTL_SECONDS = 14 * 24 * 60 * 60;

const intakeNoteId = (intakeKey: string): string => `intake:${intakeKey}`;

export type ClaimResult =
  | { status: 'claimed'; claim: DeliveryClaim }
  | { status: 'decided' }
  /** Another invocation holds a live lease on it. */
  | { status: 'busy' };

export interface DeliveryClaim {
  readonly key: string;
  /** Runs the effect unless an earlier attempt at this delivery already completed the step. */
  once: Once;
  /** Gives the claim up after a failure, keeping the completed steps. */
  release(): Promise<void>;
}

export class DeliveryClaims {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims the delivery `key` of the message read from the intake object `intakeKey`. */
  async claim(key: string, leaseMs: number, intakeKey?: string): Promise<ClaimResult> {
    const owner = randomUUID();
    const now = this.now();
    let steps: Set<string>;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id: key },
          UpdateExpression: 'SET #state = :inProgress, #owner = :owner, leaseUntil = :until, expiresAt = if_not_exists(expiresAt, :expires)',
          ConditionExpression: 'attribute_not_exists(id) OR (#state = :inProgress AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':inProgress': IN_PROGRESS,
            ':owner': owner,
            ':until': now + leaseMs,
            ':now': now,
            ':expires': Math.floor(now / 1000) + CLAIM_TTL_SECONDS,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      steps = new Set((Attributes?.steps as Set<string> | undefined) ?? []);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { id: key }, ConsistentRead: true }));
      return Item?.state === DECIDED ? { status: 'decided' } : { status: 'busy' };
    }
    if (intakeKey !== undefined) {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id: intakeNoteId(intakeKey), deliveryKey: key, expiresAt: Math.floor(now / 1000) + CLAIM_TTL_SECONDS },
        }),
      );
    }
    return { status: 'claimed', claim: this.held(key, owner, steps) };
  }

  /** True when a message read from this intake object was claimed and has since been decided. */
  async intakeDecided(intakeKey: string): Promise<boolean> {
    const get = (id: string) => this.client.send(new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }));
    const note = (await get(intakeNoteId(intakeKey))).Item;
    if (typeof note?.deliveryKey !== 'string') return false;
    return (await get(note.deliveryKey)).Item?.state === DECIDED;
  }

  private held(key: string, owner: string, done: Set<string>): DeliveryClaim {
    const ownerCondition = { ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' } };
    return {
      key,
      once: async (step, effect) => {
        if (done.has(step)) return;
        await effect();
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { id: key },
              UpdateExpression: 'ADD steps :step',
              ...ownerCondition,
              ExpressionAttributeValues: { ':step': new Set([step]), ':owner': owner },
            }),
          );
        } catch (error) {
          // Our lease ran out and another invocation took over: stop before doing anything more.
          if (isConditionFailure(error)) throw new RetryableError('the delivery was claimed by another invocation', { cause: error });
          throw error;
        }
        done.add(step);
      },
      release: async () => {
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { id: key },
              UpdateExpression: 'SET leaseUntil = :zero',
              ConditionExpression: '#owner = :owner AND #state = :inProgress',
              ExpressionAttributeNames: { '#owner': 'owner', '#state': 'state' },
              ExpressionAttributeValues: { ':zero': 0, ':owner': owner, ':inProgress': IN_PROGRESS },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      },
    };
  }
}
