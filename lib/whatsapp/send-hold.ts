// Holding a WhatsApp send: keep the body exactly as posted for information governance (release
// sends these bytes to Graph), record, notify, and answer the tooling with a Graph-style 403.
//
// A WhatsApp send body has no message id, so a held body is identified by its content, sender and
// recipient. Posting it again while that hold is open is the same hold (same reference, no second
// notice); once it has been released or rejected, posting it again is a new message, whose key is
// derived from the closed hold's reference, so retries of it are recognised too.
import { performance } from 'node:perf_hooks';
import { KeyedLock } from '../actions/keyed-lock.ts';
import { deliveryKey } from '../actions/message-id.ts';
import { holdNotice } from '../actions/notice.ts';
import { storeHeld } from '../actions/hold.ts';
import type { ScanResult } from '../pipeline/scan.ts';
import type { MessageStore } from '../ports/message-store.ts';
import type { GraphTarget } from '../ports/whatsapp-api.ts';
import type { SendDeps } from './deps.ts';
import { graphError, HOLD_SUBCODES } from './graph-error.ts';
import { holdExplanation } from './hold-explanation.ts';
import type { WhatsAppResponse } from './http.ts';
import { logDecision } from '../audit/log-decision.ts';
import { sendRecord, type SendIds } from './send-record.ts';

const locks = new KeyedLock();

/** Far more re-sends of one identical held message than anyone makes; past it something is wrong. */
const MAX_EARLIER_HOLDS = 100;

interface HoldKey {
  key: string;
  /** The reference of this key's hold when it is still awaiting review. */
  open?: string;
}

async function holdKey(store: MessageStore, messageId: string, recipients: readonly string[]): Promise<HoldKey> {
  let seed = messageId;
  for (let i = 0; i < MAX_EARLIER_HOLDS; i += 1) {
    const key = deliveryKey(seed, recipients);
    const reference = await store.heldReference(key);
    if (!reference) return { key };
    const meta = await store.getHeldMeta(reference);
    if (!meta || meta.status === 'held') return { key, open: reference };
    seed = `${messageId}#${reference}`;
  }
  throw new Error('too many earlier holds of the same WhatsApp message');
}

export function heldResponse(result: ScanResult, reference: string): WhatsAppResponse {
  const unchecked = result.decision.reasons.some((r) => r.category === 'processing');
  return graphError(403, {
    message: holdExplanation(result, reference),
    type: 'GatewayHold',
    code: 403,
    subcode: unchecked ? HOLD_SUBCODES.unchecked : HOLD_SUBCODES.content,
    traceId: reference,
  });
}

export async function holdSend(deps: SendDeps, target: GraphTarget, raw: Buffer, result: ScanResult, messageId: string, tooling: string): Promise<WhatsAppResponse> {
  const to = result.message?.recipients.map((r) => r.address) ?? [];
  const scope = [target.phoneNumberId, ...to];
  return locks.run(deliveryKey(messageId, scope), async () => {
    const started = performance.now();
    const { key, open } = await holdKey(deps.store, messageId, scope);
    if (open && (await deps.decisions.has(key))) {
      deps.log.info('WhatsApp message already held; not held again', { key, holdReference: open });
      return heldResponse(result, open);
    }
    const ids: SendIds = { messageId, key, phoneNumberId: target.phoneNumberId, recipients: to, tooling };
    const reference = await storeHeld(
      deps,
      { raw, envelope: { from: target.phoneNumberId, to }, subject: '', graphVersion: target.version, tooling },
      result,
      { messageId, key },
    );
    const record = sendRecord(result, ids, deps.now?.() ?? new Date(), result.ruleSetVersion, performance.now() - started, reference);
    // Notify before recording: a crash in between repeats a notice rather than losing it.
    await deps.notifier.notify(holdNotice(record, reference));
    await deps.decisions.append(record);
    logDecision(deps.log, record, { tooling });
    return heldResponse(result, reference);
  });
}
