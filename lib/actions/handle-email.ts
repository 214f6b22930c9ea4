// The act step for email, shared by every door: store the raw bytes first, then scan, then either
// hold (held copy, explanatory bounce, IG notice) or deliver, then record — once per message.
//
// Order matters for "nothing lost, nothing twice": the intake copy exists before anything else and
// goes only after the record is written, so a crash at any point leaves it to be processed again;
// the record is checked first, so a message already decided is never decided again. A crash
// between acting and recording would repeat a delivery or a bounce, never lose one; each door's
// mailer therefore notes every send as done (the local step journal, the AWS delivery claims),
// so a message taken up again after a crash skips what was already sent.
import { performance } from 'node:perf_hooks';
import { buildDecisionRecord } from '../audit/decision-record.ts';
import { logDecision } from '../audit/log-decision.ts';
import { errorFields } from '../log.ts';
import { scanEmail, type ScanResult } from '../pipeline/scan.ts';
import type { Envelope } from '../ports/envelope.ts';
import type { IntakeItem } from '../ports/message-store.ts';
import { DeliveryRefusedError, holdRefused, refusedRecord } from './delivery-refused.ts';
import { nowOf, type ActionDeps } from './deps.ts';
import { holdEmail } from './hold.ts';
import { KeyedLock } from './keyed-lock.ts';
import { emailDeliveryKey, headerMessageId, intakeKey } from './message-id.ts';
import { holdNotice, overrideNotice, overrideReference } from './notice.ts';
import { settleHeldCopies, tellAlreadyReleased, withHeldCopies } from './override-resend.ts';
import { removeOverrideTag } from './strip-override.ts';
import { rawSubject } from '../mime/subject.ts';

/**
 * 'refused': the rules passed it, the mail service would not send it, and it is held for IG.
 * 'already-released': an override re-send of a message IG had already released; not sent twice.
 */
export type EmailStatus = 'delivered' | 'held' | 'audit-delivered' | 'duplicate' | 'refused' | 'already-released';

export interface EmailOutcome {
  status: EmailStatus;
  /** Delivery key, the decision record's idempotency key. */
  key: string;
  reference?: string;
}

const locks = new KeyedLock();

/** Writes the raw message durably; once this resolves the message cannot be lost. */
export async function acceptEmail(deps: ActionDeps, raw: Buffer, envelope: Envelope): Promise<IntakeItem> {
  const item: IntakeItem = { key: intakeKey(raw, envelope), raw, envelope, receivedAt: nowOf(deps).toISOString() };
  await deps.store.putIntake(item);
  return item;
}

function statusOf(result: ScanResult): EmailStatus {
  if (!result.decision.deliver) return 'held';
  return result.decision.action === 'hold' ? 'audit-delivered' : 'delivered';
}

/** Scans, acts and records a stored message. Throws (and keeps the intake copy) when a step fails. */
export async function processEmail(deps: ActionDeps, item: IntakeItem): Promise<EmailOutcome> {
  // Keyed by content: a new message reusing an earlier Message-ID is still a new message.
  const messageId = headerMessageId(item.raw);
  const key = emailDeliveryKey(item.raw, item.envelope);
  return locks.run(key, async () => {
    if (await deps.decisions.has(key)) {
      deps.log.info('message already decided; not processed again', { key });
      await deps.store.deleteIntake(item.key);
      return { status: 'duplicate', key };
    }
    const result = await (deps.scan ?? scanEmail)(deps.engine, item.raw, { sender: item.envelope.from, recipients: item.envelope.to });
    if (result.error) deps.log.error('message could not be checked; holding it', { key, errorName: result.error.name });

    const started = performance.now();
    let reference: string | undefined;
    let refused: DeliveryRefusedError | undefined;
    // Before delivering: the held copies of this message stop being releasable first.
    const copies = await settleHeldCopies(deps, item, result);
    const alreadyReleased = copies.released.length > 0;
    if (alreadyReleased) {
      deps.log.info('override re-send of a message already released; not sent again', { key, released: copies.released });
      await tellAlreadyReleased(deps, item, result, copies.released, messageId);
    } else if (result.decision.deliver) {
      try {
        // The override tag is an instruction to the gateway, not part of the message.
        await deps.mailer.sendRaw(removeOverrideTag(item.raw), item.envelope);
      } catch (error) {
        if (!(error instanceof DeliveryRefusedError)) throw error;
        refused = error;
        deps.log.error('the mail service refused a passed message; holding it for IG', { key, serviceError: error.serviceError });
        reference = await holdRefused(deps, item, result, { messageId, key }, error, result.message?.subject ?? rawSubject(item.raw));
      }
    } else {
      reference = await holdEmail(deps, item, result, { messageId, key });
    }
    const built = buildDecisionRecord(result, {
      id: messageId,
      key,
      time: nowOf(deps),
      sender: item.envelope.from,
      recipients: item.envelope.to,
      ruleSetVersion: result.ruleSetVersion,
      actMs: performance.now() - started,
      ...(reference ? { holdReference: reference } : {}),
    });
    const decided = refused && reference ? refusedRecord(built, reference, refused) : built;
    const record = withHeldCopies(alreadyReleased ? { ...decided, delivered: false } : decided, copies);
    // Notify before recording: a crash in between repeats a notice rather than losing it.
    if (reference) await deps.notifier.notify(holdNotice(record, reference));
    if (result.decision.override?.applied) await deps.notifier.notify(overrideNotice(record, overrideReference(key, nowOf(deps)), copies));
    await deps.decisions.append(record);
    logDecision(deps.log, record);
    await deps.store.deleteIntake(item.key);
    const status: EmailStatus = alreadyReleased ? 'already-released' : refused ? 'refused' : statusOf(result);
    return { status, key, ...(reference ? { reference } : {}) };
  });
}

/** What a door calls: accept (durably), then process. */
export async function handleEmail(deps: ActionDeps, raw: Buffer, envelope: Envelope): Promise<EmailOutcome> {
  return processEmail(deps, await acceptEmail(deps, raw, envelope));
}

export interface RecoveryOptions {
  /** Processes one stored message; processEmail with the same deps unless a door adds to them. */
  process?: (item: IntakeItem) => Promise<unknown>;
  /** Asked before each message: true stops early (the rest waits for the next start). */
  stopping?: () => boolean;
}

/** Processes whatever a crash or a failed delivery left in the intake; returns how many remain. */
export async function recoverIntake(deps: ActionDeps, options: RecoveryOptions = {}): Promise<{ processed: number; failed: number }> {
  const processItem = options.process ?? ((item: IntakeItem) => processEmail(deps, item));
  let processed = 0;
  let failed = 0;
  for (const key of await deps.store.listIntake()) {
    if (options.stopping?.()) break;
    try {
      const item = await deps.store.getIntake(key);
      if (!item) continue;
      await processItem(item);
      processed += 1;
    } catch (error) {
      failed += 1;
      deps.log.error('could not process a stored message; it stays in the intake', { intakeKey: key, ...errorFields(error) });
    }
  }
  return { processed, failed };
}
