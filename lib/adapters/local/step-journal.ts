// Which side effects of a delivery are done (its delivery, its bounce), kept on disk so a message
// taken up again after a crash does not repeat them. Without it a kill in a burst repeats every
// send made since the last decision record was written: with hundreds of messages queued for the
// decision log, hundreds of duplicates.
//
// One append-only file per delivery key, one step per line ("deliver;"), each line flushed before
// the step counts as done. A line cut short by a crash lacks its closing ";" and does not count:
// that step is done again, which only the send in flight at the moment of the crash can need.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { appendDurably, ensureDirectory, syncDirectory } from './durable-file.ts';

/** Runs a side effect at most once per delivery; step names are stable and carry no personal data. */
export type Once = (step: string, effect: () => Promise<unknown>) => Promise<void>;

const KEY = /^[0-9a-f]{16,64}$/;
const STEP = /^[a-z0-9-]{1,64}$/;
/** Closes a complete line. */
const END = ';';

export class StepJournal {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<StepJournal> {
    await ensureDirectory(dir);
    return new StepJournal(dir);
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error('delivery key has an unexpected shape');
    return join(this.dir, key);
  }

  /** The steps recorded as done for this delivery. */
  async done(key: string): Promise<Set<string>> {
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
      throw error;
    }
    const steps = text.split('\n').filter((line) => line.endsWith(END)).map((line) => line.slice(0, -END.length));
    return new Set(steps.filter((step) => STEP.test(step)));
  }

  /** A Once for one delivery. Calls for one key must not overlap (the act step holds a lock per key). */
  once(key: string): Once {
    const path = this.path(key);
    let steps: Promise<Set<string>> | undefined;
    return async (step, effect) => {
      if (!STEP.test(step)) throw new Error('step name has an unexpected shape');
      steps ??= this.done(key);
      const done = await steps;
      if (done.has(step)) return;
      await effect();
      // A line of its own even after a cut-short line; a first line also flushes the new file's entry.
      await appendDurably(path, `\n${step}${END}\n`);
      if (done.size === 0) await syncDirectory(this.dir);
      done.add(step);
    };
  }

  /** Forgets a delivery once its decision is recorded (a later retry is caught by the record). */
  async forget(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async keys(): Promise<string[]> {
    return (await readdir(this.dir)).filter((name) => KEY.test(name));
  }
}
