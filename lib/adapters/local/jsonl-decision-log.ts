// DecisionLog as a JSON-lines file: one record per line, appended and flushed. The keys already
// recorded are read once at start-up so has() answers from memory. Review actions are lines of
// the same file ("kind": "review", see lib/audit/review-record.ts); a decision record has no kind.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DecisionRecord } from '../../audit/decision-record.ts';
import type { ReviewLine, ReviewLog } from '../../audit/review-record.ts';
import type { DecisionLog } from '../../ports/decision-log.ts';
import { appendDurably, ensureDirectory, LineAppender } from './durable-file.ts';

export class JsonlDecisionLog implements DecisionLog, ReviewLog {
  private readonly keys: Set<string>;
  /** Records that arrive together share one write and flush; lines never interleave. */
  private readonly lines: LineAppender;

  private constructor(path: string, keys: Set<string>) {
    this.lines = new LineAppender(path);
    this.keys = keys;
  }

  static async open(path: string): Promise<JsonlDecisionLog> {
    await ensureDirectory(dirname(path));
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const keys = new Set<string>();
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const key = (JSON.parse(line) as Partial<DecisionRecord>).key;
        if (typeof key === 'string') keys.add(key);
      } catch {
        // A line cut short by a crash mid-append: that message was not finished, so it is
        // decided again from its intake copy. The line stays for the record.
      }
    }
    // Terminate a cut-short last line so the next record starts on a line of its own.
    if (text && !text.endsWith('\n')) await appendDurably(path, '\n');
    return new JsonlDecisionLog(path, keys);
  }

  append(record: DecisionRecord): Promise<void> {
    return this.line(record.key, record);
  }

  appendReview(line: ReviewLine): Promise<void> {
    return this.line(line.key, line);
  }

  private async line(key: string, value: unknown): Promise<void> {
    await this.lines.append(`${JSON.stringify(value)}\n`);
    this.keys.add(key);
  }

  has(key: string): Promise<boolean> {
    return Promise.resolve(this.keys.has(key));
  }
}
