// The step journal and the intake clean-up on their own: what a crash can leave on disk, and what
// is made of it at the next start.
import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempFiles } from '../../lib/adapters/local/durable-file.ts';
import { FsMessageStore } from '../../lib/adapters/local/fs-message-store.ts';
import { deliveryMailer, OutboxMailer } from '../../lib/adapters/local/mailers.ts';
import { StepJournal } from '../../lib/adapters/local/step-journal.ts';
import { EXTERNAL, newDataDir, outbox, removeDataDirs, SENDER } from './gateway-harness.ts';

afterEach(removeDataDirs);

const KEY = 'a'.repeat(32);

describe('StepJournal', () => {
  it('runs a step once, also for a journal opened again after a restart', async () => {
    const dir = await newDataDir();
    let runs = 0;
    const effect = async (): Promise<void> => void (runs += 1);
    const first = (await StepJournal.open(dir)).once(KEY);
    await first('deliver', effect);
    await first('deliver', effect);
    await (await StepJournal.open(dir)).once(KEY)('deliver', effect);
    expect(runs).toBe(1);
    expect(await (await StepJournal.open(dir)).done(KEY)).toEqual(new Set(['deliver']));
  });

  it('does not note a step whose effect failed', async () => {
    const journal = await StepJournal.open(await newDataDir());
    await expect(journal.once(KEY)('deliver', () => Promise.reject(new Error('relay down')))).rejects.toThrow('relay down');
    expect(await journal.done(KEY)).toEqual(new Set());
  });

  it('ignores a line a crash cut short, and the next step still counts', async () => {
    const dir = await newDataDir();
    const journal = await StepJournal.open(dir);
    await journal.once(KEY)('mail-0123456789abcdef', async () => {});
    await appendFile(join(dir, KEY), '\ndeliv'); // the crash came mid-write
    expect(await journal.done(KEY)).toEqual(new Set(['mail-0123456789abcdef']));
    await journal.once(KEY)('deliver', async () => {});
    expect(await journal.done(KEY)).toEqual(new Set(['mail-0123456789abcdef', 'deliver']));
  });

  it('forgets a delivery and lists the ones it remembers', async () => {
    const journal = await StepJournal.open(await newDataDir());
    await journal.once(KEY)('deliver', async () => {});
    await journal.once('b'.repeat(32))('deliver', async () => {});
    await journal.forget(KEY);
    expect(await journal.keys()).toEqual(['b'.repeat(32)]);
  });

  it('refuses keys and step names that could name another file', async () => {
    const journal = await StepJournal.open(await newDataDir());
    expect(() => journal.once('../../etc/passwd')).toThrow(/unexpected shape/);
    await expect(journal.once(KEY)('../deliver', async () => {})).rejects.toThrow(/unexpected shape/);
  });
});

describe('deliveryMailer with the outbox', () => {
  it('names each send after the delivery, so a send repeated after a crash replaces its own file', async () => {
    const dir = await newDataDir();
    const mailer = await OutboxMailer.open(join(dir, 'outbox'));
    const envelope = { from: SENDER, to: [EXTERNAL] };
    const raw = Buffer.from('Subject: x\r\n\r\nbody\r\n');
    // The crash came after the file was written and before the step was noted: no journal at all.
    const forgetful = (_step: string, effect: () => Promise<unknown>): Promise<void> => effect().then(() => undefined);
    await deliveryMailer(mailer, forgetful, KEY).sendRaw(raw, envelope);
    await deliveryMailer(mailer, forgetful, KEY).sendRaw(raw, envelope);
    expect((await outbox(dir)).map((i) => i.name)).toEqual([`${KEY}-deliver`]);
  });
});

describe('FsMessageStore.removeIntakeLeftovers', () => {
  it('removes temporary files and raw files without their marker, and keeps complete items', async () => {
    const dir = await newDataDir();
    const store = await FsMessageStore.open(dir);
    const intake = join(dir, 'intake');
    await store.putIntake({ key: 'c'.repeat(40), raw: Buffer.from('Subject: kept\r\n\r\n'), envelope: { from: SENDER, to: [EXTERNAL] }, receivedAt: new Date().toISOString() });
    await writeFile(join(intake, `${'d'.repeat(40)}.eml`), 'cut off before its marker');
    await writeFile(join(intake, `.tmp-${'e'.repeat(40)}.eml-0a1b2c`), 'cut off mid-write');
    expect(await store.removeIntakeLeftovers()).toBe(2);
    expect((await readdir(intake)).sort()).toEqual([`${'c'.repeat(40)}.eml`, `${'c'.repeat(40)}.json`]);
    expect(await store.listIntake()).toEqual(['c'.repeat(40)]);
  });
});

describe('removeTempFiles', () => {
  it('removes only what a write cut short left behind', async () => {
    const dir = await newDataDir();
    await writeFile(join(dir, 'H-20261203-7KQ3PZ.json'), '{}');
    await writeFile(join(dir, '.tmp-H-20261203-7KQ3PZ.json-0a1b2c'), '{');
    expect(await removeTempFiles(dir)).toBe(1);
    expect(await readdir(dir)).toEqual(['H-20261203-7KQ3PZ.json']);
  });
});
