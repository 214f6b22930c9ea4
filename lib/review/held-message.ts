// Reads held content back into the Message the gateway scanned, so findings' offsets point into
// the same text again: email through the same MIME parser and limits, WhatsApp from the send body.
import { parseEmail } from '../message/email.ts';
import type { Message } from '../message/types.ts';
import { parseWhatsAppSend } from '../message/whatsapp.ts';
import type { Engine } from '../pipeline/engine.ts';
import type { HeldRecord } from '../ports/held-items.ts';

/** Undefined when the content cannot be read as a message at all. */
export async function readHeldMessage(engine: Engine, item: HeldRecord, raw: Buffer): Promise<Message | undefined> {
  try {
    if (item.channel === 'whatsapp') {
      return parseWhatsAppSend(JSON.parse(raw.toString('utf8')) as unknown, { sender: item.sender });
    }
    return await parseEmail(raw, {
      limits: engine.ruleSet.limits,
      valedictions: engine.ruleSet.policy.valedictions,
      envelope: { sender: item.sender, ...(item.recipients ? { recipients: item.recipients } : {}) },
    });
  } catch {
    // Held because it could not be read in the first place (a processing error): nothing to show.
    return undefined;
  }
}
