// WhatsAppEventLog as a JSON-lines file beside the decision log: one record per webhook event,
// appended and flushed; the keys already recorded are read once when it is opened.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WhatsAppEventLog, WhatsAppEventRecord } from '../../ports/whatsapp-event-log.ts';
import { appendDurably, ensureDirectory } from './durable-file.ts';

async function recordedKeys(path: string): Promise<{ keys: Set<string>; cutShort: boolean }> {
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = new Set<string>();
  for (const line of text.split('\n')) {
    try {
      const key = line.trim() ? (JSON.parse(line) as Partial<WhatsAppEventRecord>).key : undefined;
      if (typeof key === 'string') keys.add(key);
    } catch {
      // A line cut short by a crash: that event was not finished and is processed when Meta retries.
    }
  }
  return { keys, cutShort: text !== '' && !text.endsWith('\n') };
}

export class JsonlWhatsAppEventLog implements WhatsAppEventLog {
  /** Appends run one at a time, so lines never interleave. */
  private tail: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly keys: Set<string>,
  ) {}

  static async open(path: string): Promise<JsonlWhatsAppEventLog> {
    await ensureDirectory(dirname(path));
    const { keys, cutShort } = await recordedKeys(path);
    if (cutShort) await appendDurably(path, '\n');
    return new JsonlWhatsAppEventLog(path, keys);
  }

  has(key: string): Promise<boolean> {
    return Promise.resolve(this.keys.has(key));
  }

  record(event: WhatsAppEventRecord): Promise<void> {
    const run = this.tail.then(async () => {
      if (this.keys.has(event.key)) return;
      await appendDurably(this.path, `${JSON.stringify(event)}\n`);
      this.keys.add(event.key);
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** The log opened on first use (routes are built synchronously); a failed open is tried again next time. */
export function lazyWhatsAppEventLog(path: string): WhatsAppEventLog {
  let opened: Promise<JsonlWhatsAppEventLog> | undefined;
  const log = (): Promise<JsonlWhatsAppEventLog> =>
    (opened ??= JsonlWhatsAppEventLog.open(path).catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  return {
    has: async (key) => (await log()).has(key),
    record: async (event) => (await log()).record(event),
  };
}
