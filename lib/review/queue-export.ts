// The queue as a CSV file, for an IG team's own records and spreadsheets: the same filters as the
// page, every matching item, and only what the queue shows as metadata. No subject, no note or
// reason (free text that may quote the message), no findings: nothing of what the message says.
//
// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula,
// so a sender or recipient such as "=HYPERLINK(…)@example.org" could run in an officer's
// spreadsheet. Such cells get a leading apostrophe, which spreadsheets show as text (OWASP, "CSV
// Injection"); every cell is then quoted as RFC 4180 says.
import type { HeldQuery } from '../ports/held-items.ts';
import type { HeldSummary } from './views.ts';

/** More rows than a council's holds in years; past it the export stops and says so. */
export const MAX_EXPORT_ROWS = 20_000;

export const EXPORT_COLUMNS = [
  'reference',
  'held at',
  'status',
  'channel',
  'councillor',
  'recipients',
  'outside recipients',
  'recipient domains',
  'rules',
  'decided by',
  'decided at',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, safe to open in a spreadsheet. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Who sent it, as the page shows it: the tooling's name for WhatsApp, else the sender's address. */
const councillorOf = (item: HeldSummary): string => (item.channel === 'whatsapp' && item.tooling ? `${item.tooling} (number id ${item.sender})` : item.sender);

export function csvRow(item: HeldSummary): string {
  const cells = [
    item.reference,
    item.heldAt,
    item.status,
    item.channel,
    councillorOf(item),
    item.recipients.map((r) => r.shown).join('; '),
    String(item.recipients.filter((r) => r.outside).length),
    item.recipientDomains.join('; '),
    item.ruleIds.join('; '),
    item.review?.by ?? '',
    item.review?.at ?? '',
  ];
  return cells.map(csvCell).join(',');
}

export interface QueueExport {
  csv: string;
  rows: number;
  /** True when MAX_EXPORT_ROWS was reached and later items were left out. */
  truncated: boolean;
}

/** Every matching item, page by page, as CSV with a header row and CRLF line ends. */
export async function exportQueue(
  query: HeldQuery,
  pages: (query: HeldQuery) => Promise<{ items: HeldSummary[]; nextCursor?: string }>,
  maxRows = MAX_EXPORT_ROWS,
): Promise<QueueExport> {
  const lines = [EXPORT_COLUMNS.map(csvCell).join(',')];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await pages({ ...query, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) {
      if (rows === maxRows) return { csv: `${lines.join('\r\n')}\r\n`, rows, truncated: true };
      lines.push(csvRow(item));
      rows += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { csv: `${lines.join('\r\n')}\r\n`, rows, truncated: false };
}
