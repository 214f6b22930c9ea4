// normalise → detect → decide, for every door. Fails closed: any failure while reading or scanning
// a message becomes a hold with reason 'processing-error', never a pass and never a lost message.
import { performance } from 'node:perf_hooks';
import type { Finding } from '../detect/types.ts';
import { parseEmail } from '../message/email.ts';
import type { Channel, Message } from '../message/types.ts';
import { parseWhatsAppSend } from '../message/whatsapp.ts';
import type { Decision } from '../policy/types.ts';
import type { RuleSet } from '../rules/schema.ts';
import type { Engine } from './engine.ts';

export interface Timings {
  parseMs: number;
  detectMs: number;
  decideMs: number;
}

export interface ScanResult {
  channel: Channel;
  /** Absent only when the input could not be read at all. */
  message?: Message;
  findings: Finding[];
  decision: Decision;
  timings: Timings;
  /** Set on a processing error: the error's name and message (which never quote content). */
  error?: { name: string; message: string };
  /** The rule set it was scanned with: the one in force when the scan started, whatever changed since. */
  ruleSetVersion: string;
}

export interface EmailEnvelope {
  sender?: string;
  recipients?: string[];
}

/** What the scan step says about a message it could not check: held, for every door and every mode. */
export function processingError(channel: Channel, error: unknown, ruleSet: Pick<RuleSet, 'version' | 'policy'>, timings: Timings, message?: Message): ScanResult {
  const err = error instanceof Error ? error : new Error(String(error));
  const { mode } = ruleSet.policy;
  return {
    channel,
    ruleSetVersion: ruleSet.version,
    ...(message ? { message } : {}),
    findings: [],
    timings,
    error: { name: err.name, message: err.message },
    decision: {
      action: 'hold',
      // Even in audit mode nothing unscanned is delivered: audit measures rules, not failures.
      deliver: false,
      mode,
      external: true,
      findings: [],
      reasons: [
        {
          rule: 'processing-error',
          category: 'processing',
          type: 'processing-error',
          explanation: 'The gateway could not check this message, so it has been held for information governance to review.',
          allowOverride: false,
          findings: [],
        },
      ],
    },
  };
}

/** Detects and decides on an already normalised message. */
export function scanMessage(engine: Engine, message: Message, parseMs = 0): ScanResult {
  const timings: Timings = { parseMs, detectMs: 0, decideMs: 0 };
  try {
    let t = performance.now();
    const findings = engine.detector.detect(message);
    timings.detectMs = performance.now() - t;
    t = performance.now();
    const decision = engine.policy.decide(message, findings);
    timings.decideMs = performance.now() - t;
    return { channel: message.channel, message, findings, decision, timings, ruleSetVersion: engine.ruleSet.version };
  } catch (error) {
    return processingError(message.channel, error, engine.ruleSet, timings, message);
  }
}

export async function scanEmail(engine: Engine, raw: Buffer, envelope: EmailEnvelope = {}): Promise<ScanResult> {
  const t = performance.now();
  let message: Message;
  try {
    message = await parseEmail(raw, {
      limits: engine.ruleSet.limits,
      valedictions: engine.ruleSet.policy.valedictions,
      envelope,
    });
  } catch (error) {
    return processingError('email', error, engine.ruleSet, { parseMs: performance.now() - t, detectMs: 0, decideMs: 0 });
  }
  return scanMessage(engine, message, performance.now() - t);
}

export function scanWhatsAppSend(engine: Engine, body: unknown, sender: string, phoneNumberId?: string): ScanResult {
  const t = performance.now();
  let message: Message;
  try {
    message = parseWhatsAppSend(body, { sender, ...(phoneNumberId ? { phoneNumberId } : {}) });
  } catch (error) {
    return processingError('whatsapp', error, engine.ruleSet, { parseMs: performance.now() - t, detectMs: 0, decideMs: 0 });
  }
  return scanMessage(engine, message, performance.now() - t);
}
