// The email door on AWS. For each message Mail Manager wrote to the intake prefix: read it, prove
// it came from the council's tenant (origin-proof.ts: else it is dropped, counted and alarmed,
// never sent), establish its SMTP envelope from the Mail Manager archive (archive-envelope.ts:
// else, once the archive has had time, it is held, never guessed), keep only the recipients
// outside the council (Exchange has already delivered the internal ones), claim it
// (idempotency), and run the shared act step (lib/actions) with AWS adapters of the ports.
// Fails closed: what cannot be scanned is held (processing-error); an AWS failure on the way is
// thrown as a RetryableError for Lambda to retry, never swallowed.
// The design and the facts it rests on: docs/adr/0001-outbound-email-door.md.
import { performance } from 'node:perf_hooks';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MailManagerClient } from '@aws-sdk/client-mailmanager';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { ActionDeps } from '../../actions/deps.ts';
import { processEmail, type EmailStatus } from '../../actions/handle-email.ts';
import { emailDeliveryKey, headerMessageId } from '../../actions/message-id.ts';
import { InputError } from '../../errors.ts';
import { errorFields } from '../../log.ts';
import { isInternalAddress } from '../../policy/recipients.ts';
import type { Envelope } from '../../ports/envelope.ts';
import { ArchiveEnvelopes } from './archive-envelope.ts';
import { DeliveryClaims, type DeliveryClaim } from './delivery-claims.ts';
import { DynamoDecisionLog } from './dynamo-decision-log.ts';
import { parseEmailEvent, type IntakeRef } from './email-events.ts';
import { failingEngine } from './engine-cache.ts';
import { IntakeMissingError, RetryableError } from './errors.ts';
import type { LambdaParts } from './lambda-parts.ts';
import { heldItemOf, HeldItemsTable } from './held-items.ts';
import { S3HeldContent } from './review-held-content.ts';
import { DynamoReviewItems } from './review-held-items.ts';
import { checkOrigin } from './origin-proof.ts';
import { powertoolsLog } from './powertools-log.ts';
import { S3MessageStore } from './s3-message-store.ts';
import { SesMailer } from './ses-mailer.ts';
import { SnsNotifier } from './sns-notifier.ts';
import { SecretCache } from './whatsapp-secrets.ts';

export interface EmailFilterSettings {
  bucket: string;
  /** The intake folder ("intake/"); Mail Manager writes below it (see infra/layout.ts). */
  intakePrefix: string;
  heldPrefix: string;
  decisionsTable: string;
  heldTable: string;
  alertTopicArn: string;
  /** Verified SES address explanations come from. */
  senderAddress: string;
  retentionDays: number;
  /** The council's domains: From must be in them; recipients in them are not sent to. */
  internalDomains: readonly string[];
  /** Secrets Manager secret holding the token the Exchange transport rule stamps. */
  originSecretName: string;
  /** The Mail Manager archive the rule set archives every message to, and the ingress endpoint. */
  archiveId: string;
  ingressPointId: string;
}

export interface EmailFilterClients {
  s3: S3Client;
  sesv2: SESv2Client;
  dynamo: DynamoDBDocumentClient;
  sns: SNSClient;
  mailManager: MailManagerClient;
  secrets: SecretsManagerClient;
}

export type EmailFilter = (event: unknown, context?: Context) => Promise<void>;

/** How long a claim is held when Lambda cannot say how long the invocation has left. */
const DEFAULT_LEASE_MS = 15 * 60 * 1000;
/** Beyond the invocation's own deadline, so a live invocation never loses its claim. */
const LEASE_MARGIN_MS = 30 * 1000;
/**
 * How long after it was stored a message may still be missing from the archive before it is held.
 * Lambda retries a failed event after about one and then two more minutes: the last retry holds.
 */
export const ARCHIVE_WAIT_MS = 2 * 60 * 1000;
/** Archive searches are slow to start; tests make the pause 0. */
export interface EmailFilterTiming {
  archivePollMs?: number;
}

const METRIC_OF: Record<EmailStatus, string> = {
  delivered: 'Passed',
  'audit-delivered': 'Passed',
  held: 'Held',
  duplicate: 'Duplicates',
  refused: 'SendRefused',
  'already-released': 'Duplicates',
};

export function createEmailFilter(settings: EmailFilterSettings, clients: EmailFilterClients, parts: LambdaParts, timing: EmailFilterTiming = {}): EmailFilter {
  const { logger, metrics } = parts;
  const log = powertoolsLog(logger);
  const now = () => parts.now?.() ?? new Date();
  const heldItems = new HeldItemsTable(clients.dynamo, settings.heldTable);
  // The review side of the same table: an override re-send marks the held copies overridden.
  const heldContent = new S3HeldContent(clients.s3, settings.bucket);
  const reviewItems = new DynamoReviewItems(clients.dynamo, settings.heldTable, (key) => heldContent.meta(key));
  const store = new S3MessageStore({
    client: clients.s3,
    bucket: settings.bucket,
    intakePrefix: settings.intakePrefix,
    heldPrefix: settings.heldPrefix,
    onHeld: (meta, keys) => heldItems.put(heldItemOf(meta, keys, settings.retentionDays)),
  });
  const decisions = new DynamoDecisionLog(clients.dynamo, settings.decisionsTable);
  const claims = new DeliveryClaims(clients.dynamo, settings.decisionsTable, () => now().getTime());
  const secrets = new SecretCache(clients.secrets, () => now().getTime());
  const envelopes = new ArchiveEnvelopes({
    client: clients.mailManager,
    archiveId: settings.archiveId,
    ingressPointId: settings.ingressPointId,
    ...(timing.archivePollMs !== undefined ? { pollMs: timing.archivePollMs } : {}),
  });

  function depsFor(claim: DeliveryClaim, engine: ActionDeps['engine']): ActionDeps {
    return {
      engine,
      store,
      mailer: new SesMailer({ client: clients.sesv2, fromAddress: settings.senderAddress, once: claim.once }),
      decisions,
      notifier: new SnsNotifier(clients.sns, settings.alertTopicArn, claim.once),
      held: reviewItems,
      log,
      bounceFrom: `Mail gateway <${settings.senderAddress}>`,
      ...(parts.now ? { now: parts.now } : {}),
    };
  }

  function count(metric: string): void {
    metrics.addMetric(metric, MetricUnit.Count, 1);
  }

  function duplicate(): void {
    log.info('message already decided; not processed again');
    count('Duplicates');
  }

  async function originToken(): Promise<string> {
    // Without the token nothing can be proved: retry (and alarm) rather than pass or drop.
    const token = await secrets.get(settings.originSecretName).catch((cause: unknown) => {
      throw new RetryableError('the origin token could not be read', { cause });
    });
    if (!token) throw new RetryableError('the origin token secret is empty or missing');
    return token;
  }

  /** The envelope from the archive; undefined once the archive has had its time and has no answer. */
  async function envelopeOf(raw: Buffer, from: string, storedAt: Date): Promise<Envelope | undefined> {
    const found = await envelopes.lookup({ messageId: headerMessageId(raw), from, storedAt });
    if (found.found) return found.envelope;
    if (found.reason === 'not-archived' && now().getTime() - storedAt.getTime() < ARCHIVE_WAIT_MS) {
      throw new RetryableError('the message is not in the archive yet');
    }
    log.warn('the envelope could not be established; holding the message', { reason: found.reason });
    count('EnvelopeUnknown');
    return undefined;
  }

  async function processIntake(intake: IntakeRef, leaseMs: number): Promise<void> {
    const started = performance.now();
    const { engine: loaded } = await parts.engines();
    const stored = await store.getIntake(intake.key);
    if (!stored) {
      // Deleted once decided: a repeated event finds it gone. Anything else is worth an alarm.
      if (await claims.intakeDecided(intake.key)) return duplicate();
      throw new IntakeMissingError('the intake object named by the event does not exist (already processed, or the intake prefix is misconfigured)');
    }

    const origin = checkOrigin(stored.raw, { token: await originToken(), internalDomains: settings.internalDomains });
    if (!origin.ok) {
      // Not the council's mail: nothing is sent, not even a bounce (its From may be forged).
      log.warn('message without proof of origin dropped', { reason: origin.reason, messageBytes: stored.raw.length });
      count('OriginRejected');
      await store.deleteIntake(stored.key);
      return;
    }

    const envelope = await envelopeOf(origin.raw, origin.from, new Date(stored.receivedAt));
    // Exchange delivered the internal recipients itself; only the outside ones are the gateway's.
    const external = envelope?.to.filter((r) => !isInternalAddress(r, settings.internalDomains)) ?? [];
    if (envelope && external.length === 0) {
      log.info('no envelope recipient outside the council; nothing to send');
      count('NothingToSend');
      await store.deleteIntake(stored.key);
      return;
    }
    const item = { ...stored, raw: origin.raw, envelope: { from: envelope?.from || origin.from, to: external } };
    // No established envelope: hold for IG (the councillor is told), never guess recipients.
    const engine = envelope ? loaded : failingEngine(new InputError('the message envelope could not be established'), loaded.ruleSet);
    const key = emailDeliveryKey(item.raw, item.envelope);
    const keys = { deliveryKey: key, messageBytes: item.raw.length, recipientCount: item.envelope.to.length };
    logger.appendKeys(keys);
    try {
      const claimed = await claims.claim(key, leaseMs, item.key);
      if (claimed.status === 'busy') throw new RetryableError('another invocation is processing this message');
      if (claimed.status === 'decided') {
        duplicate();
        await store.deleteIntake(item.key);
        return;
      }
      try {
        const outcome = await processEmail(depsFor(claimed.claim, engine), item);
        count(METRIC_OF[outcome.status]);
      } catch (error) {
        await claimed.claim.release().catch((releaseError: unknown) => log.warn('could not release the claim; its lease will run out', errorFields(releaseError)));
        if (error instanceof RetryableError) throw error;
        throw new RetryableError('the message could not be finished; Lambda will retry it', { cause: error });
      }
      metrics.addMetric('Latency', MetricUnit.Milliseconds, performance.now() - started);
    } finally {
      logger.removeKeys(Object.keys(keys));
    }
  }

  return async (event, context) => {
    if (context) logger.addContext(context);
    const leaseMs = (context?.getRemainingTimeInMillis() ?? DEFAULT_LEASE_MS) + LEASE_MARGIN_MS;
    try {
      const parsed = parseEmailEvent(event, { bucket: settings.bucket, intakePrefix: settings.intakePrefix });
      for (const reason of parsed.skipped) log.warn('event record not processed', { reason });
      for (const intake of parsed.intakes) await processIntake(intake, leaseMs);
    } catch (error) {
      count('Errors');
      log.error('the event could not be processed', errorFields(error));
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
