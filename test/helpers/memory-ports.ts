// In-memory ports for tests of the act step: they remember what was done to them, and can be told
// to fail.
import type { ActionDeps } from '../../lib/actions/deps.ts';
import type { DecisionRecord } from '../../lib/audit/decision-record.ts';
import { silentLogger } from '../../lib/log.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import type { DecisionLog } from '../../lib/ports/decision-log.ts';
import type { Envelope } from '../../lib/ports/envelope.ts';
import type { ComposedMessage, Mailer } from '../../lib/ports/mailer.ts';
import type { HeldItem, HeldMeta, IntakeItem, MessageStore } from '../../lib/ports/message-store.ts';
import type { IgNotice, Notifier } from '../../lib/ports/notifier.ts';

export class MemoryStore implements MessageStore {
  readonly intake = new Map<string, IntakeItem>();
  readonly held = new Map<string, HeldItem>();
  readonly keys = new Map<string, string>();
  failPutIntake = false;

  async putIntake(item: IntakeItem): Promise<void> {
    if (this.failPutIntake) throw new Error('disk full');
    this.intake.set(item.key, item);
  }
  async getIntake(key: string): Promise<IntakeItem | undefined> {
    return this.intake.get(key);
  }
  async listIntake(): Promise<string[]> {
    return [...this.intake.keys()];
  }
  async deleteIntake(key: string): Promise<void> {
    this.intake.delete(key);
  }
  async putHeld(item: HeldItem): Promise<void> {
    this.held.set(item.meta.reference, item);
    this.keys.set(item.meta.key, item.meta.reference);
  }
  async getHeld(reference: string): Promise<HeldItem | undefined> {
    return this.held.get(reference);
  }
  async getHeldMeta(reference: string): Promise<HeldMeta | undefined> {
    return this.held.get(reference)?.meta;
  }
  async heldReference(key: string): Promise<string | undefined> {
    return this.keys.get(key);
  }
  async listHeld(): Promise<HeldMeta[]> {
    return [...this.held.values()].map((h) => h.meta);
  }
}

export class MemoryMailer implements Mailer {
  readonly raw: { raw: Buffer; envelope: Envelope }[] = [];
  readonly composed: ComposedMessage[] = [];
  /** How many more calls fail before calls succeed again. */
  failures = 0;

  private maybeFail(): void {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('relay unavailable');
    }
  }
  async sendRaw(raw: Buffer, envelope: Envelope): Promise<void> {
    this.maybeFail();
    this.raw.push({ raw, envelope });
  }
  async send(message: ComposedMessage): Promise<void> {
    this.maybeFail();
    this.composed.push(message);
  }
}

export class MemoryDecisionLog implements DecisionLog {
  readonly records: DecisionRecord[] = [];
  async append(record: DecisionRecord): Promise<void> {
    this.records.push(record);
  }
  async has(key: string): Promise<boolean> {
    return this.records.some((r) => r.key === key);
  }
}

export class MemoryNotifier implements Notifier {
  readonly notices: IgNotice[] = [];
  async notify(notice: IgNotice): Promise<void> {
    this.notices.push(notice);
  }
}

export interface MemoryDeps extends ActionDeps {
  store: MemoryStore;
  mailer: MemoryMailer;
  decisions: MemoryDecisionLog;
  notifier: MemoryNotifier;
}

export function memoryDeps(engine: Engine): MemoryDeps {
  return {
    engine,
    store: new MemoryStore(),
    mailer: new MemoryMailer(),
    decisions: new MemoryDecisionLog(),
    notifier: new MemoryNotifier(),
    log: silentLogger,
    bounceFrom: 'Mail gateway <postmaster@rushcliffe.gov.uk>',
  };
}
