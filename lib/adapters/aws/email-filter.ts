// The email door on AWS: for each message an SES or S3 event names, read it from the intake
// prefix, claim it (idempotency), and run the shared act step (lib/actions) with AWS adapters of
// the ports. Fails closed: what cannot be scanned is held (processing-error) by the act step; an
// AWS failure on the way is thrown as a RetryableError for Lambda to retry, never swallowed.
import { performance } from 'node:perf_hooks';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { ActionDeps } from '../../actions/deps.ts';
import { processEmail, type EmailStatus } from '../../actions/handle-email.ts';
import { deliveryKey, emailMessageId } from '../../actions/message-id.ts';
import { InputError } from '../../errors.ts';
import { errorFields } from '../../log.ts';
import { DeliveryClaims, type DeliveryClaim } from './delivery-claims.ts';
import { DynamoDecisionLog } from './dynamo-decision-log.ts';
import { parseEmailEvent, type IntakeRef } from './email-events.ts';
import { failingEngine } from './engine-cache.ts';
import { IntakeMissingError, RetryableError } from './errors.ts';
import type { LambdaParts } from './lambda-parts.ts';
import { heldItemOf, HeldItemsTable } from './held-items.ts';
import { powertoolsLog } from './powertools-log.ts';
import { S3MessageStore } from './s3-message-store.ts';
import { SesBounceMailer } from './ses-bounce.ts';
import { SesMailer } from './ses-mailer.ts';
import { SnsNotifier } from './sns-notifier.ts';

export interface EmailFilterSettings {
  bucket: string;
  intakePrefix: string;
  heldPrefix: string;
  decisionsTable: string;
  heldTable: string;
  alertTopicArn: string;
  /** Verified SES address bounces and explanations come from. */
  senderAddress: string;
  retentionDays: number;
}

export interface EmailFilterClients {
  s3: S3Client;
  sesv2: SESv2Client;
  ses: SESClient;
  dynamo: DynamoDBDocumentClient;
  sns: SNSClient;
}


export type EmailFilterResult = { disposition: 'STOP_RULE_SET' } | undefined;
export type EmailFilter = (event: unknown, context?: Context) => Promise<EmailFilterResult>;

/** How long a claim is held when Lambda cannot say how long the invocation has left. */
const DEFAULT_LEASE_MS = 15 * 60 * 1000;
/** Beyond the invocation's own deadline, so a live invocation never loses its claim. */
const LEASE_MARGIN_MS = 30 * 1000;

const METRIC_OF: Record<EmailStatus, string> = { delivered: 'Passed', 'audit-delivered': 'Passed', held: 'Held', duplicate: 'Duplicates' };

export function createEmailFilter(settings: EmailFilterSettings, clients: EmailFilterClients, parts: LambdaParts): EmailFilter {
  const { logger, metrics } = parts;
  const log = powertoolsLog(logger);
  const heldItems = new HeldItemsTable(clients.dynamo, settings.heldTable);
  const store = new S3MessageStore({
    client: clients.s3,
    bucket: settings.bucket,
    intakePrefix: settings.intakePrefix,
    heldPrefix: settings.heldPrefix,
    onHeld: (meta, keys) => heldItems.put(heldItemOf(meta, keys, settings.retentionDays)),
  });
  const decisions = new DynamoDecisionLog(clients.dynamo, settings.decisionsTable);
  const claims = new DeliveryClaims(clients.dynamo, settings.decisionsTable, () => (parts.now?.() ?? new Date()).getTime());

  function depsFor(intake: IntakeRef, claim: DeliveryClaim, engine: ActionDeps['engine']): ActionDeps {
    const sesMailer = new SesMailer({ client: clients.sesv2, fromAddress: settings.senderAddress, once: claim.once });
    return {
      engine,
      store,
      mailer: new SesBounceMailer({
        client: clients.ses,
        mailer: sesMailer,
        bounceSender: settings.senderAddress,
        ...(intake.ses ? { origin: intake.ses } : {}),
        log,
        ...(parts.now ? { now: parts.now } : {}),
        once: claim.once,
      }),
      decisions,
      notifier: new SnsNotifier(clients.sns, settings.alertTopicArn, claim.once),
      log,
      bounceFrom: `Mail gateway <${settings.senderAddress}>`,
      ...(parts.now ? { now: parts.now } : {}),
    };
  }

  function duplicate(): void {
    log.info('message already decided; not processed again');
    metrics.addMetric('Duplicates', MetricUnit.Count, 1);
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
    const item = intake.envelope ? { ...stored, envelope: intake.envelope } : stored;
    // A message naming nobody (a Bcc-only message whose Bcc header was removed upstream) cannot be
    // delivered as sent: hold it for IG rather than drop it.
    const engine = item.envelope.to.length > 0 ? loaded : failingEngine(new InputError('the message names no recipients'), loaded.ruleSet);
    const key = deliveryKey(emailMessageId(item.raw), item.envelope.to);
    const keys = {
      door: intake.door,
      deliveryKey: key,
      messageBytes: item.raw.length,
      recipientCount: item.envelope.to.length,
      ...(intake.ses ? { sesMessageId: intake.ses.messageId, headersTruncated: intake.ses.headersTruncated } : {}),
    };
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
        const outcome = await processEmail(depsFor(intake, claimed.claim, engine), item);
        metrics.addMetric(METRIC_OF[outcome.status], MetricUnit.Count, 1);
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
      // The gateway delivers what passes itself: later rules must not deliver it again.
      return parsed.synchronous ? { disposition: 'STOP_RULE_SET' } : undefined;
    } catch (error) {
      metrics.addMetric('Errors', MetricUnit.Count, 1);
      log.error('the event could not be processed', errorFields(error));
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
