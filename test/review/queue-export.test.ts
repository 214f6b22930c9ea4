// The queue's CSV export: every matching item across pages, only the metadata the queue shows
// (no subject, note, reason or finding), recipients as the page shows them (WhatsApp numbers
// masked), and no cell a spreadsheet would run as a formula.
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger, silentLogger, type Logger } from '../../lib/log.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import type { HeldQuery, HeldRecord } from '../../lib/ports/held-items.ts';
import { csvCell, exportQueue, EXPORT_COLUMNS } from '../../lib/review/queue-export.ts';
import { ReviewService } from '../../lib/review/service.ts';
import { MemoryMailer } from '../helpers/memory-ports.ts';
import { engineWith } from '../local/gateway-harness.ts';
import { MemoryHeldItems } from './memory-held-items.ts';

const NINO = 'JG 10 37 85 A';
const RAW = Buffer.from(['From: cllr.jporter@rushcliffe.gov.uk', 'To: editor@example.org', 'Subject: Claim for Mrs Clarke', '', `Her NI number is ${NINO}.`, ''].join('\r\n'));

function record(ref: string, extra: Partial<HeldRecord> = {}): HeldRecord {
  return {
    ref,
    status: 'held',
    channel: 'email',
    heldAt: '2026-11-24T09:00:00.000Z',
    sender: 'cllr.jporter@rushcliffe.gov.uk',
    recipientDomains: ['example.org', 'rushcliffe.gov.uk'],
    recipients: ['editor@example.org', 'housing@rushcliffe.gov.uk'],
    subject: 'Claim for Mrs Clarke',
    ruleIds: ['strong-identifier'],
    contentKey: ref,
    expiresAt: '2026-12-24T09:00:00.000Z',
    findings: [{ type: 'uk-nino', category: 'personal', partId: 'body', start: 17, end: 30, score: 1 }],
    reasons: [{ rule: 'strong-identifier', category: 'personal', type: 'uk-nino', explanation: 'A National Insurance number identifies a person.' }],
    ...extra,
  };
}

/** RFC 4180 rows back into cells, to check what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1]!.replace(/""/g, '"')));
}

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+447700900123', `'+447700900123`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['cllr.jporter@rushcliffe.gov.uk', 'cllr.jporter@rushcliffe.gov.uk'],
    ['a=b', 'a=b'],
  ])('makes %j safe to open in a spreadsheet', (value, shown) => {
    expect(parseCsv(csvCell(value))[0]).toEqual([shown]);
  });

  it('quotes commas, quotes and line breaks so a cell stays one cell', () => {
    expect(csvCell('a, "b"\r\nc')).toBe('"a, ""b""\r\nc"');
  });
});

describe('queue export', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineWith();
  });

  const serviceOver = (items: MemoryHeldItems, log: Logger = silentLogger): ReviewService =>
    new ReviewService({ items, content: items, mailer: new MemoryMailer(), engine, noticeFrom: 'postmaster@rushcliffe.gov.uk', log, now: () => new Date('2026-11-24T10:00:00.000Z') });
  const all: HeldQuery = { status: 'all', sort: 'newest', limit: 50 };

  it('has every matching item, without the subject, the decision note, or any finding', async () => {
    const items = new MemoryHeldItems();
    items.add(record('H-20261124-AAAAAA'), RAW);
    items.add(
      record('H-20261123-BBBBBB', {
        heldAt: '2026-11-23T09:00:00.000Z',
        status: 'rejected',
        review: { by: 'ig.officer@rushcliffe.gov.uk', at: '2026-11-23T10:00:00.000Z', action: 'rejected', note: `Mrs Clarke's NI number ${NINO} must not go out` },
        unmasked: [{ by: 'ig.officer@rushcliffe.gov.uk', at: '2026-11-23T09:30:00.000Z', finding: 0, type: 'uk-nino' }],
      }),
    );
    const answer = await serviceOver(items).exportCsv(all);
    expect(answer.file).toMatchObject({ contentType: 'text/csv; charset=utf-8', name: 'held-messages-2026-11-24.csv' });
    const rows = parseCsv(answer.file.body);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      ['H-20261124-AAAAAA', '2026-11-24T09:00:00.000Z', 'held', 'email', 'cllr.jporter@rushcliffe.gov.uk', 'editor@example.org; housing@rushcliffe.gov.uk', '1', 'example.org; rushcliffe.gov.uk', 'strong-identifier', '', ''],
      ['H-20261123-BBBBBB', '2026-11-23T09:00:00.000Z', 'rejected', 'email', 'cllr.jporter@rushcliffe.gov.uk', 'editor@example.org; housing@rushcliffe.gov.uk', '1', 'example.org; rushcliffe.gov.uk', 'strong-identifier', 'ig.officer@rushcliffe.gov.uk', '2026-11-23T10:00:00.000Z'],
    ]);
    for (const absent of ['Clarke', 'Claim', NINO, 'JG', 'uk-nino', 'must not go out', 'identifies a person']) expect(answer.file.body).not.toContain(absent);
  });

  it('shows a WhatsApp recipient by the last four digits only, as the page does', async () => {
    const items = new MemoryHeldItems();
    items.add(record('H-20261124-CCCCCC', { channel: 'whatsapp', sender: '106540352242922', tooling: 'cllr-porter-phone', recipients: ['447700900123'], recipientDomains: [], subject: undefined }));
    const body = (await serviceOver(items).exportCsv(all)).file.body;
    expect(parseCsv(body)[1]!.slice(3, 7)).toEqual(['whatsapp', 'cllr-porter-phone (number id 106540352242922)', '•••• 0123', '1']);
    expect(body).not.toContain('447700900123');
    expect(body).not.toContain('7700900');
  });

  it('makes a hostile address harmless in the file', async () => {
    const items = new MemoryHeldItems();
    items.add(record('H-20261124-DDDDDD', { sender: '=cmd|" /C calc"!A0@example.org', recipients: ['@SUM(1+1)@example.org'] }));
    const row = parseCsv((await serviceOver(items).exportCsv(all)).file.body)[1]!;
    expect(row[4]).toBe(`'=cmd|" /C calc"!A0@example.org`);
    expect(row[5]).toBe(`'@SUM(1+1)@example.org`);
  });

  it('reads every page and uses the same filters as the queue', async () => {
    const items = new MemoryHeldItems();
    for (let i = 0; i < 7; i += 1) items.add(record(`H-2026112${i}-AAAAA${'ABCDEFG'[i]}`, { heldAt: `2026-11-2${i}T09:00:00.000Z`, ruleIds: [i % 2 ? 'casework' : 'marking'] }));
    const pages: (string | undefined)[] = [];
    const service = serviceOver(items);
    const result = await exportQueue({ ...all, rule: 'marking', limit: 2 }, (q) => {
      pages.push(q.cursor);
      return service.page(q);
    });
    expect(result).toMatchObject({ rows: 4, truncated: false });
    // Two pages of two: the second asked for with the first's cursor.
    expect(pages).toHaveLength(2);
    expect(pages[0]).toBeUndefined();
    expect(pages[1]).toEqual(expect.any(String));
    expect(parseCsv(result.csv).slice(1).map((r) => r[0])).toEqual(['H-20261126-AAAAAG', 'H-20261124-AAAAAE', 'H-20261122-AAAAAC', 'H-20261120-AAAAAA']);
  });

  it('logs that an export was made, with no search, address or content', async () => {
    const items = new MemoryHeldItems();
    items.add(record('H-20261124-AAAAAA'), RAW);
    const lines: string[] = [];
    await serviceOver(items, jsonLogger((line) => lines.push(line))).exportCsv({ ...all, q: 'editor@example.org', cursor: 'ignored' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: 'held queue exported', rows: 1, truncated: false, status: 'all' });
    for (const absent of ['editor', 'jporter', 'Clarke', 'H-20261124']) expect(lines[0]).not.toContain(absent);
  });

  it('stops at its row limit and says so', async () => {
    const items = new MemoryHeldItems();
    for (let i = 0; i < 3; i += 1) items.add(record(`H-2026112${i}-AAAAA${'ABC'[i]}`, { heldAt: `2026-11-2${i}T09:00:00.000Z` }));
    const result = await exportQueue(all, (q) => serviceOver(items).page(q), 2);
    expect(result).toMatchObject({ rows: 2, truncated: true });
    expect(parseCsv(result.csv)).toHaveLength(3);
  });
});
