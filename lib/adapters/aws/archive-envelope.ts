// The SMTP envelope of a message that reached the Mail Manager door. Mail Manager's Write to S3
// action stores only the MIME content, and AWS does not document what its Invoke Lambda action
// passes; the one place Mail Manager documents the envelope is an archived message ("Envelope":
// the MAIL FROM and all RCPT TO entries given by the sending host). The rule set archives every
// message before writing it to S3, and this looks the message up in that archive by its
// Message-ID, the ingress endpoint it came through and a window around its arrival.
//
// Never a guess: no row, several rows disagreeing, or a row without recipients is "unknown",
// and the caller holds the message. Headers are never read for recipients (Bcc is in no header).
import {
  GetArchiveSearchCommand,
  GetArchiveSearchResultsCommand,
  StartArchiveSearchCommand,
  type MailManagerClient,
  type Row,
} from '@aws-sdk/client-mailmanager';
import type { Envelope } from '../../ports/envelope.ts';
import { RetryableError } from './errors.ts';

export interface ArchiveEnvelopeOptions {
  client: MailManagerClient;
  archiveId: string;
  /** Rows from another ingress endpoint sharing the archive are not this message. */
  ingressPointId: string;
  /** Pause between status checks of a search; tests pass 0. */
  pollMs?: number;
  /** Status checks before giving up for this attempt (the invocation is retried). */
  maxPolls?: number;
}

export interface EnvelopeQuery {
  /** The Message-ID header, angle brackets included, exactly as in the message. */
  messageId: string;
  /** The header From address (the archive search filters on it to keep the result small). */
  from: string;
  /** When the message was written to the intake (the S3 object's last-modified time). */
  storedAt: Date;
}

export type EnvelopeLookup =
  | { found: true; envelope: Envelope }
  | { found: false; reason: 'not-archived' | 'ambiguous' | 'no-recipients' };

/** Archive time and intake time are a few seconds apart; the window allows for clock skew. */
const WINDOW_BEFORE_MS = 15 * 60 * 1000;
const WINDOW_AFTER_MS = 5 * 60 * 1000;
/** One message normally gives one row; room for the same message delivered twice. */
const MAX_ROWS = 25;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The SMTP envelope recipients of a row, in order, without duplicates; undefined when absent. */
function rowEnvelope(row: Row): Envelope | undefined {
  const to = row.Envelope?.To?.map((a) => a.trim()).filter((a) => a.includes('@')) ?? [];
  if (to.length === 0) return undefined;
  const seen = new Set<string>();
  const unique = to.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
  return { from: row.Envelope?.From?.trim() ?? '', to: unique };
}

/** Message-IDs compared without their angle brackets: the archive's spelling of them is not documented. */
const bareId = (id: string | undefined): string => (id ?? '').trim().replace(/^<(.*)>$/, '$1');

const sameEnvelope = (a: Envelope, b: Envelope): boolean =>
  a.from.toLowerCase() === b.from.toLowerCase() &&
  a.to.length === b.to.length &&
  a.to.every((address, i) => address.toLowerCase() === b.to[i]!.toLowerCase());

export class ArchiveEnvelopes {
  constructor(private readonly options: ArchiveEnvelopeOptions) {}

  async lookup(query: EnvelopeQuery): Promise<EnvelopeLookup> {
    const { client, archiveId } = this.options;
    const started = await client.send(
      new StartArchiveSearchCommand({
        ArchiveId: archiveId,
        FromTimestamp: new Date(query.storedAt.getTime() - WINDOW_BEFORE_MS),
        ToTimestamp: new Date(query.storedAt.getTime() + WINDOW_AFTER_MS),
        MaxResults: MAX_ROWS,
        Filters: { Include: [{ StringExpression: { Evaluate: { Attribute: 'FROM' }, Operator: 'CONTAINS', Values: [query.from] } }] },
      }),
    );
    if (!started.SearchId) throw new RetryableError('the archive search did not start');
    await this.finished(started.SearchId);
    const results = await client.send(new GetArchiveSearchResultsCommand({ SearchId: started.SearchId }));
    const rows = (results.Rows ?? []).filter((row) => bareId(row.MessageId) === bareId(query.messageId) && row.IngressPointId === this.options.ingressPointId);
    if (rows.length === 0) return { found: false, reason: 'not-archived' };
    const envelopes = rows.map(rowEnvelope);
    if (envelopes.some((e) => e === undefined)) return { found: false, reason: 'no-recipients' };
    const [first, ...rest] = envelopes as Envelope[];
    // The same Message-ID with other recipients is another message: which one this is, is unknown.
    if (rest.some((e) => !sameEnvelope(first!, e))) return { found: false, reason: 'ambiguous' };
    return { found: true, envelope: first! };
  }

  private async finished(searchId: string): Promise<void> {
    const polls = this.options.maxPolls ?? 20;
    for (let i = 0; i < polls; i += 1) {
      const { Status } = await this.options.client.send(new GetArchiveSearchCommand({ SearchId: searchId }));
      const state = Status?.State;
      if (state === 'COMPLETED') return;
      if (state === 'FAILED' || state === 'CANCELLED') throw new RetryableError(`the archive search ended ${state}`);
      await sleep(this.options.pollMs ?? 1000);
    }
    throw new RetryableError('the archive search did not finish in time');
  }
}
