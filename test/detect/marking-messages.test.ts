// Whole messages through real MIME, the rule loader and the policy: councillors forward guidance,
// statements, constitutions, agendas and minutes that talk about markings, and those go out; a
// marking applied to the message or an attachment still holds it. The texts are real public
// documents, listed with their sources in test/fixtures/markings/README.md.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail, type ScanResult } from '../../lib/pipeline/scan.ts';
import { makeDocx, makePdf } from '../helpers/documents.ts';
import { compose, xmlZip } from '../message/mime-builders.ts';

const engine = await loadEngine();
const FIXTURES = new URL('../fixtures/markings/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort();

const FORWARD_NOTE = 'Hello,\n\nFor your information, the text is below.\n\n';

function markingFindings(result: ScanResult) {
  return result.decision.findings.filter((f) => f.category === 'marking');
}

async function scan(mail: Parameters<typeof compose>[0]): Promise<ScanResult> {
  return scanEmail(engine, await compose({ to: 'editor@example.org', subject: 'For information', ...mail }));
}

describe('markings talked about go out', () => {
  it.each(FIXTURE_FILES)('%s, pasted into a message to an outside address', async (file) => {
    const result = await scan({ text: `${FORWARD_NOTE}${fixture(file)}` });
    const markings = markingFindings(result);
    expect(markings.length).toBeGreaterThan(0);
    expect(markings.map((f) => f.notCounted)).toEqual(markings.map(() => 'mention-not-use'));
    expect(result.decision.action).toBe('pass');
  });

  it.each(FIXTURE_FILES)('%s, attached as a Word document', async (file) => {
    const result = await scan({ text: FORWARD_NOTE, attachments: [{ filename: 'guidance.docx', content: Buffer.from(makeDocx(fixture(file))) }] });
    expect(markingFindings(result).every((f) => f.notCounted === 'mention-not-use')).toBe(true);
    expect(result.decision.action).toBe('pass');
  });
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

/** A Word document whose page header holds `header`, the way councils' templates apply a marking. */
function docxWithHeader(header: string, body: string): Buffer {
  const paragraphs = body
    .split('\n')
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${line}</w:t></w:r></w:p>`)
    .join('');
  return Buffer.from(
    xmlZip({
      '[Content_Types].xml':
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${OFFICE_REL}" Target="word/document.xml"/></Relationships>`,
      'word/document.xml': `<w:document ${W}><w:body>${paragraphs}</w:body></w:document>`,
      'word/header1.xml': `<w:hdr ${W}><w:p><w:r><w:t>${header}</w:t></w:r></w:p></w:hdr>`,
      // The first page's own header: a title block of several lines.
      'word/header2.xml': `<w:hdr ${W}>${['Rushcliffe Borough Council', 'Cabinet', '9 July 2024'].map((t) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`).join('')}</w:hdr>`,
      // Footnotes after the body: the header must still read as the top of the document.
      'word/footnotes.xml': `<w:footnotes ${W}>${['One', 'Two', 'Three', 'Four'].map((n) => `<w:footnote><w:p><w:r><w:t>Footnote ${n}.</w:t></w:r></w:p></w:footnote>`).join('')}</w:footnotes>`,
    }),
  );
}

describe('markings applied still hold', () => {
  const guidance = fixture('lincolnshire-security-classification-policy.txt');

  it.each<[string, Parameters<typeof compose>[0], string]>([
    ['a classification tag in the subject, over guidance that only talks about it', { subject: '[OFFICIAL-SENSITIVE] Handling note', text: `${FORWARD_NOTE}${guidance}` }, 'security-classification'],
    [
      'a Word document whose page header is marked, in sentence case',
      { text: FORWARD_NOTE, attachments: [{ filename: 'briefing.docx', content: docxWithHeader('Official-sensitive', guidance) }] },
      'security-classification',
    ],
    [
      'a PDF report opening with a restriction notice, with a typo',
      {
        text: FORWARD_NOTE,
        attachments: [
          {
            filename: 'cabinet-item-9.pdf',
            content: Buffer.from(
              makePdf([
                'Cabinet - 9 July 2024',
                'Not for publication by virtue of paragraph 3of Part 1 of Schedule 12A of the Local Government Act 1972',
                'Disposal of land at Gamston depot',
              ]),
            ),
          },
        ],
      },
      'exempt-information',
    ],
    [
      'a restriction notice about the report, in the middle of a message',
      {
        text:
          `${FORWARD_NOTE}Cabinet, 9 July\n\nItem 9: Disposal of land at Gamston depot\n\nThe officers recommend a sale to the preferred bidder.\n\n` +
          `This report is not for publication because it contains exempt information about the financial affairs of the bidders.\n\n` +
          `The three bids are summarised in the table that follows.\n\nThe decision is due on 9 July.`,
      },
      'exempt-information',
    ],
    [
      'an appendix line marked exempt by paragraph',
      { text: `${FORWARD_NOTE}Appendix 2 is exempt by virtue of paragraph 3.\n\nAppendix 2: valuation of the depot site.\n\nValue: £1.85 million.` },
      'exempt-information',
    ],
    ['a PRIVATE AND CONFIDENTIAL banner', { text: `PRIVATE AND CONFIDENTIAL\n\n${fixture('anglesey-leaked-letter-statement.txt')}` }, 'confidentiality-notice'],
  ])('%s', async (_name, mail, type) => {
    const result = await scan(mail);
    expect(result.decision.action).toBe('hold');
    expect(result.decision.reasons.map((r) => r.rule)).toContain('marking');
    expect(markingFindings(result).some((f) => f.type === type && f.notCounted === undefined)).toBe(true);
  });
});
