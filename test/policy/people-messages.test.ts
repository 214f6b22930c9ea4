// Whole messages through the whole pipeline (real MIME from nodemailer's composer, mailparser,
// the attachment readers, the shipped rules): a list of residents in a CSV, a spreadsheet, a Word
// table, an HTML table or plain lines is held; the same shapes listing council officers or venues
// pass; a resident's details under their name alone, and a forwarded complaint, are held.
import { strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import { makeXlsx } from '../helpers/documents.ts';
import { compose, xmlZip } from '../message/mime-builders.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const HEADER = ['Name', 'Address', 'Phone', 'Email'];
const RESIDENTS = [
  ['Margaret Okafor', '14 Abbey Road, West Bridgford NG2 5AB', '07700 900461', 'm.okafor@example.com'],
  ['John Whitfield', '3 Mill Lane, Ruddington NG11 6AA', '07700 900462', 'jwhitfield@example.org'],
  ['Priya Shah', '21 Rectory Road, West Bridgford NG2 7BB', '07700 900463', 'priya.shah@example.net'],
];
const OFFICERS = [
  ['Sarah Brown', 'Planning', '0115 914 8000', 'sarah.brown@rushcliffe.gov.uk'],
  ['David Hill', 'Housing', '0115 914 8001', 'david.hill@rushcliffe.gov.uk'],
  ['Emma Jones', 'Waste', '0115 914 8002', 'emma.jones@rushcliffe.gov.uk'],
];
const VENUES = [
  ['Victoria Hall', '2 Church Street, West Bridgford NG2 5AB', '0115 496 0100', 'bookings@example-hall.org.uk'],
  ['Grace Academy', '9 Mill Lane, Ruddington NG11 6AA', '0115 496 0101', 'office@example-academy.org.uk'],
  ['Abbey Road Community Centre', '1 Abbey Road, West Bridgford NG2 5AB', '0115 496 0102', 'hire@example-centre.org.uk'],
];

function csv(rows: string[][]): string {
  return [HEADER, ...rows].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n');
}

function htmlTable(rows: string[][]): string {
  const tr = (cells: string[], tag: string): string => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
  return `<p>Here is the list for Saturday.</p><table>${tr(HEADER, 'th')}${rows.map((r) => tr(r, 'td')).join('')}</table>`;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A Word document holding one table, as Word writes a table: rows of cells of paragraphs. */
function docxTable(rows: string[][]): Uint8Array {
  const cell = (text: string): string => `<w:tc><w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:tc>`;
  const table = `<w:tbl>${[HEADER, ...rows].map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('')}</w:tbl>`;
  return xmlZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Visits</w:t></w:r></w:p>${table}</w:body></w:document>`,
  });
}

type Shape = (rows: string[][]) => Parameters<typeof compose>[0];

const SHAPES: Array<[string, Shape]> = [
  ['a CSV attachment', (rows) => ({ text: 'The canvass list is attached.', attachments: [{ filename: 'canvass.csv', content: csv(rows), contentType: 'text/csv' }] })],
  [
    'a spreadsheet attachment',
    (rows) => ({
      text: 'The visit list is attached.',
      attachments: [{ filename: 'visits.xlsx', content: Buffer.from(makeXlsx([HEADER, ...rows])), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    }),
  ],
  [
    'a Word table',
    (rows) => ({
      text: 'The visit list is attached.',
      attachments: [{ filename: 'visits.docx', content: Buffer.from(docxTable(rows)), contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
    }),
  ],
  ['an HTML table', (rows) => ({ html: htmlTable(rows) })],
  ['plain lines', (rows) => ({ text: `Here is the list for Saturday:\n\n${rows.map((r) => r.join(', ')).join('\n')}\n` })],
  ['a text attachment', (rows) => ({ text: 'List attached.', attachments: [{ filename: 'list.txt', content: Buffer.from(strToU8(rows.map((r) => r.join('\t')).join('\n'))), contentType: 'text/plain' }] })],
];

async function decide(options: Parameters<typeof compose>[0]) {
  const result = await scanEmail(engine, await compose({ subject: 'Saturday', ...options }));
  expect(result.error).toBeUndefined();
  return result.decision;
}

describe('lists of people in whole messages', () => {
  it.each(SHAPES)('holds residents in %s', async (_name, shape) => {
    const decision = await decide(shape(RESIDENTS));
    expect(decision.action).toBe('hold');
    const reason = decision.reasons.find((r) => r.rule === 'people-list');
    expect(reason?.findings.map((f) => f.explanation.note)).toEqual(['3 people with contact details']);
  });

  it.each(SHAPES)('passes council officers in %s', async (_name, shape) => {
    expect((await decide(shape(OFFICERS))).reasons.map((r) => r.rule)).toEqual([]);
  });

  it.each(SHAPES)('passes venues in %s', async (_name, shape) => {
    expect((await decide(shape(VENUES))).reasons.map((r) => r.rule)).toEqual([]);
  });
});

describe('residents named without a title', () => {
  it('holds a name with an address and a phone number', async () => {
    const decision = await decide({ text: 'Could you add this resident to the newsletter list?\n\nMargaret Okafor, 14 Abbey Road, West Bridgford, Nottingham NG2 5AB, 07700 900461\n' });
    expect(decision.reasons.map((r) => r.rule)).toEqual(['contact-profile']);
  });

  it('holds a forwarded complaint written in the first person', async () => {
    const text = [
      'For your information.',
      '',
      '---------- Forwarded message ---------',
      'From: Margaret Okafor <m.okafor@example.com>',
      'Date: Mon, 1 Dec 2025 at 18:04',
      'Subject: Streetlight',
      'To: Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>',
      '',
      'Dear Councillor,',
      '',
      'My name is Margaret Okafor, I live at 14 Abbey Road, West Bridgford NG2 5AB, my number is 07700 900461 and my email is m.okafor@example.com.',
      'I have COPD and my son has autism, and the broken streetlight means we cannot go out after dark.',
    ].join('\n');
    const decision = await decide({ to: 'agent@example-party.org.uk', subject: 'Fwd: Streetlight', text });
    expect(decision.action).toBe('hold');
    expect(decision.reasons.map((r) => r.rule)).toContain('contact-profile');
  });

  it("passes the councillor's own name and details in their signature", async () => {
    const text = 'The surgery is on Saturday at 10.\n\nKind regards,\nJane Porter\n07700 900123\njane.porter@example.org\n';
    expect((await decide({ text })).reasons.map((r) => r.rule)).toEqual([]);
  });
});
