// WhatsAppEventLog as a JSON-lines file beside the decision log: one record per webhook event,
// appended and flushed; the keys already recorded are read once when it is opened.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WhatsAppEventLog, WhatsAppEventRecord } from '../../ports/whatsapp-event-log.ts';
import { appendDurably, ensureDirectory, LineAppender } from './durable-file.ts';

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
  /** Events that arrive together share one write and flush; lines never interleave. */
  private readonly lines: LineAppender;
  /** Events being written: a second record of one of them waits for the first instead of adding a line. */
  private readonly writing = new Map<string, Promise<void>>();

  private constructor(
    path: string,
    private readonly keys: Set<string>,
  ) {
    this.lines = new LineAppender(path);
  }

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
    if (this.keys.has(event.key)) return Promise.resolve();
    let run = this.writing.get(event.key);
    if (!run) {
      run = this.lines.append(`${JSON.stringify(event)}\n`).then(
        () => {
          this.keys.add(event.key);
          this.writing.delete(event.key);
        },
        (error: unknown) => {
          this.writing.delete(event.key);
          throw error;
        },
      );
      this.writing.set(event.key, run);
    }
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
