// MessageStore on the local filesystem. Each item is a raw file plus a JSON file written after it:
// the JSON file's presence marks the item complete, so a crash between the two leaves nothing
// half-listed. Names are checked against their expected shape before any path is built from them
// (references arrive from the review page).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HOLD_REFERENCE } from '../../actions/hold-reference.ts';
import type { Envelope } from '../../ports/envelope.ts';
import type { HeldItem, HeldMeta, IntakeItem, MessageStore } from '../../ports/message-store.ts';
import { ensureDirectory, removeDurably, TEMP_PREFIX, writeFileDurably } from './durable-file.ts';
import { localLayout, type LocalLayout } from './layout.ts';

const KEY = /^[0-9a-f]{16,64}$/;

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function jsonNames(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.json') && !n.startsWith(TEMP_PREFIX)).map((n) => n.slice(0, -'.json'.length));
}

export class FsMessageStore implements MessageStore {
  private readonly layout: LocalLayout;

  private constructor(layout: LocalLayout) {
    this.layout = layout;
  }

  static async open(dataDir: string): Promise<FsMessageStore> {
    const layout = localLayout(dataDir);
    for (const dir of [layout.root, layout.intake, layout.held, layout.heldKeys]) await ensureDirectory(dir);
    return new FsMessageStore(layout);
  }

  async putIntake(item: IntakeItem): Promise<void> {
    if (!KEY.test(item.key)) throw new Error('intake key has an unexpected shape');
    await writeFileDurably(join(this.layout.intake, `${item.key}.eml`), item.raw);
    await writeFileDurably(join(this.layout.intake, `${item.key}.json`), JSON.stringify({ envelope: item.envelope, receivedAt: item.receivedAt }));
  }

  async getIntake(key: string): Promise<IntakeItem | undefined> {
    if (!KEY.test(key)) return undefined;
    const meta = await readOptional(join(this.layout.intake, `${key}.json`));
    const raw = await readOptional(join(this.layout.intake, `${key}.eml`));
    if (!meta || !raw) return undefined;
    const { envelope, receivedAt } = JSON.parse(meta.toString('utf8')) as { envelope: Envelope; receivedAt: string };
    return { key, raw, envelope, receivedAt };
  }

  async listIntake(): Promise<string[]> {
    return (await jsonNames(this.layout.intake)).filter((k) => KEY.test(k)).sort();
  }

  async deleteIntake(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    // The marker goes first: an interrupted delete leaves an unlisted raw file, not a broken item.
    await removeDurably(join(this.layout.intake, `${key}.json`));
    await removeDurably(join(this.layout.intake, `${key}.eml`));
  }

  /**
   * Removes what a crash left half-written in the intake: temporary files, and raw files without
   * their marker (cut off while being stored, so the sender never had its 250 and sends again; or
   * while being deleted, once decided). Only safe before anything else writes to the intake.
   */
  async removeIntakeLeftovers(): Promise<number> {
    const names = await readdir(this.layout.intake);
    const complete = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)));
    const leftovers = names.filter((n) => n.startsWith(TEMP_PREFIX) || (n.endsWith('.eml') && !complete.has(n.slice(0, -'.eml'.length))));
    for (const name of leftovers) await removeDurably(join(this.layout.intake, name));
    return leftovers.length;
  }

  async putHeld(item: HeldItem): Promise<void> {
    const { reference, key } = item.meta;
    if (!HOLD_REFERENCE.test(reference) || !KEY.test(key)) throw new Error('hold reference or key has an unexpected shape');
    // The key's reference first: a crash before the held copy is complete leaves the reference
    // bound to the delivery, so taking it up again completes this hold instead of adding a second.
    await writeFileDurably(join(this.layout.heldKeys, `${key}.json`), JSON.stringify({ reference }));
    await writeFileDurably(join(this.layout.held, `${reference}.eml`), item.raw);
    await writeFileDurably(join(this.layout.held, `${reference}.json`), `${JSON.stringify(item.meta, null, 2)}\n`);
  }

  async getHeldMeta(reference: string): Promise<HeldMeta | undefined> {
    if (!HOLD_REFERENCE.test(reference)) return undefined;
    const meta = await readOptional(join(this.layout.held, `${reference}.json`));
    return meta ? (JSON.parse(meta.toString('utf8')) as HeldMeta) : undefined;
  }

  async getHeld(reference: string): Promise<HeldItem | undefined> {
    const meta = await this.getHeldMeta(reference);
    if (!meta) return undefined;
    const raw = await readOptional(join(this.layout.held, `${reference}.eml`));
    return raw ? { meta, raw } : undefined;
  }

  async heldReference(key: string): Promise<string | undefined> {
    if (!KEY.test(key)) return undefined;
    const entry = await readOptional(join(this.layout.heldKeys, `${key}.json`));
    if (!entry) return undefined;
    const { reference } = JSON.parse(entry.toString('utf8')) as { reference: string };
    return HOLD_REFERENCE.test(reference) ? reference : undefined;
  }

  async listHeld(): Promise<HeldMeta[]> {
    const refs = (await jsonNames(this.layout.held)).filter((r) => HOLD_REFERENCE.test(r));
    const metas = await Promise.all(refs.map((r) => this.getHeldMeta(r)));
    return metas.filter((m): m is HeldMeta => m !== undefined).sort((a, b) => a.heldAt.localeCompare(b.heldAt));
  }
}
