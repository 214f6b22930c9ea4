// What information governance does with "sent before review" alerts: list them (open ones first
// in mind: the default) and acknowledge each with a note of what was done — told the councillor,
// contacted the recipient, reported a breach. Each alert is acknowledged once, by a named person.
import { HttpError } from '../local/router.ts';
import type { Logger } from '../log.ts';
import type { AlertRecord, AlertStatus, SentBeforeReviewAlerts } from '../ports/alerts.ts';
import type { Reviewer } from './service.ts';

const STATUSES: readonly (AlertStatus | 'all')[] = ['open', 'acknowledged', 'all'];

export interface AlertListView {
  items: AlertRecord[];
  counts: Record<AlertStatus, number>;
}

export function parseAlertStatus(params: URLSearchParams): AlertStatus | 'all' {
  const value = params.get('status') || 'open';
  if (!(STATUSES as readonly string[]).includes(value)) throw new HttpError(400, 'bad-request', `status must be one of ${STATUSES.join(', ')}.`);
  return value as AlertStatus | 'all';
}

export class AlertService {
  constructor(
    private readonly deps: { alerts: SentBeforeReviewAlerts; log: Logger; now?: () => Date },
  ) {}

  async list(status: AlertStatus | 'all'): Promise<AlertListView> {
    const all = await this.deps.alerts.list({ status: 'all' });
    const counts: Record<AlertStatus, number> = { open: 0, acknowledged: 0 };
    for (const alert of all) counts[alert.status] += 1;
    return { items: all.filter((a) => status === 'all' || a.status === status), counts };
  }

  async acknowledge(ref: string, note: string, reviewer: Reviewer): Promise<{ item: AlertRecord }> {
    const alert = await this.deps.alerts.get(ref);
    if (!alert) throw new HttpError(404, 'not-found', 'No sent-before-review alert has this reference.');
    const acknowledgement = { by: reviewer.id, at: (this.deps.now?.() ?? new Date()).toISOString(), note };
    if (!(await this.deps.alerts.acknowledge(ref, acknowledgement))) {
      throw new HttpError(409, 'already-acknowledged', 'This alert has already been acknowledged.');
    }
    this.deps.log.info('sent-before-review alert acknowledged', { alertReference: ref });
    return { item: { ...alert, status: 'acknowledged', acknowledgement } };
  }
}

/** Where alerts are not kept (on AWS they go to the IG alert topic only), the API says so. */
export const NO_ALERTS = new HttpError(
  501,
  'alerts-not-available',
  'Sent-before-review alerts are listed on the local gateway; here they are sent to the information governance alert topic.',
);
