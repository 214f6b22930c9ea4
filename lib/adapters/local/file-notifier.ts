// Notifier writing one JSON file per notice into a folder information governance (or a script
// that mails or posts them on) watches.
import { join } from 'node:path';
import type { IgNotice, Notifier } from '../../ports/notifier.ts';
import { ensureDirectory, writeFileDurably } from './durable-file.ts';

export class FileNotifier implements Notifier {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<FileNotifier> {
    await ensureDirectory(dir);
    return new FileNotifier(dir);
  }

  async notify(notice: IgNotice): Promise<void> {
    // One file per reference (which starts with the date): a retry replaces, never duplicates.
    await writeFileDurably(join(this.dir, `${notice.reference}.json`), `${JSON.stringify(notice, null, 2)}\n`);
  }
}
