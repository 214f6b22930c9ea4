// Sent-before-review alerts on the local gateway: the notices the webhook wrote to the
// notifications folder (FileNotifier), with each acknowledgement in a file of its own under
// alerts/, so the notice is never rewritten and an acknowledgement survives a restart.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyedLock } from '../../actions/keyed-lock.ts';
import type { Acknowledgement, AlertQuery, AlertRecord, SentBeforeReviewAlerts } from '../../ports/alerts.ts';
import type { IgNotice } from '../../ports/notifier.ts';
import { ensureDirectory, writeFileDurably } from './durable-file.ts';
import { localLayout } from './layout.ts';

/** Alert references: the hold reference's shape with "A-" (see echo-scan.ts). */
export const ALERT_REFERENCE = /^A-\d{8}-[2-9A-HJKMNP-TV-Z]{6}$/;

const readJson = async (path: string): Promise<unknown> => {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

function alertOf(notice: IgNotice, acknowledgement: Acknowledgement | undefined): AlertRecord {
  const { record } = notice;
  return {
    ref: notice.reference,
    channel: record.channel,
    raisedAt: record.time,
    sender: record.sender,
    ...(notice.businessNumber ? { businessNumber: notice.businessNumber } : {}),
    recipients: notice.recipients ?? [],
    ruleIds: record.rules,
    findings: record.findings.filter((f) => f.counted > 0).map(({ type, counted }) => ({ type, counted })),
    unchecked: record.rules.includes('processing-error'),
    status: acknowledgement ? 'acknowledged' : 'open',
    ...(acknowledgement ? { acknowledgement } : {}),
  };
}

export class LocalSentBeforeReviewAlerts implements SentBeforeReviewAlerts {
  private readonly notifications: string;
  private readonly acknowledged: string;
  private readonly locks = new KeyedLock();

  constructor(dataDir: string) {
    const layout = localLayout(dataDir);
    this.notifications = layout.notifications;
    this.acknowledged = join(layout.root, 'alerts');
  }

  private async notice(ref: string): Promise<IgNotice | undefined> {
    const notice = (await readJson(join(this.notifications, `${ref}.json`))) as IgNotice | undefined;
    return notice?.kind === 'sent-before-review' ? notice : undefined;
  }

  async get(ref: string): Promise<AlertRecord | undefined> {
    if (!ALERT_REFERENCE.test(ref)) return undefined;
    const notice = await this.notice(ref);
    if (!notice) return undefined;
    return alertOf(notice, (await readJson(join(this.acknowledged, `${ref}.json`))) as Acknowledgement | undefined);
  }

  async list(query: AlertQuery): Promise<AlertRecord[]> {
    const names = await readdir(this.notifications).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const refs = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter((r) => ALERT_REFERENCE.test(r));
    const alerts = (await Promise.all(refs.map((r) => this.get(r)))).filter((a): a is AlertRecord => a !== undefined);
    return alerts
      .filter((a) => query.status === 'all' || a.status === query.status)
      .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || b.ref.localeCompare(a.ref));
  }

  acknowledge(ref: string, acknowledgement: Acknowledgement): Promise<boolean> {
    return this.locks.run(ref, async () => {
      const alert = await this.get(ref);
      if (!alert || alert.status !== 'open') return false;
      await ensureDirectory(this.acknowledged);
      await writeFileDurably(join(this.acknowledged, `${ref}.json`), `${JSON.stringify(acknowledgement, null, 2)}\n`);
      return true;
    });
  }
}
