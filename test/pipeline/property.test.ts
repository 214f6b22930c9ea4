// Whatever arrives, the pipeline returns a decision and never throws.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../lib/message/types.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail, scanMessage, scanWhatsAppSend } from '../../lib/pipeline/scan.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

function bodyMessage(text: string): Message {
  return {
    channel: 'email',
    id: '<prop@example>',
    sender: { address: 'cllr.x@rushcliffe.gov.uk' },
    recipients: [{ address: 'x@example.org', field: 'to' }],
    subject: '',
    parts: [{ id: 'body', kind: 'body', label: 'the message body', text, segments: [{ start: 0, end: text.length, role: 'authored' }] }],
    unreadable: [],
    sizeBytes: text.length,
  };
}

/** Text made of the pieces identifiers are made of, so recognizers see near-misses, not just noise. */
const identifierish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom('JG', '10', '37 85', ' A', '@', '.', '-', '07700', '9001', 'NG2', '7YG', 'NHS', 'DOB', 'CW-', '2024', 'OFFICIAL', '-SENSITIVE', '\n', '> ', '-- \n', 'Mrs ', 'lives at '),
      fc.integer().map(String),
    ),
    { maxLength: 60 },
  )
  .map((pieces) => pieces.join(''));

describe('pipeline properties', () => {
  it('decides on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), identifierish), (text) => {
        const result = scanMessage(engine, bodyMessage(text));
        expect(['hold', 'pass']).toContain(result.decision.action);
        for (const f of result.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.score).toBeGreaterThan(0);
          expect(f.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decides on any bytes offered as an email, or reports them as not a message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), identifierish.map((t) => new TextEncoder().encode(`Subject: x\r\nTo: a@example.org\r\n\r\n${t}`))), async (bytes) => {
        const result = await scanEmail(engine, Buffer.from(bytes));
        expect(['hold', 'pass']).toContain(result.decision.action);
        if (result.error) expect(result.decision.action).toBe('hold');
      }),
      { numRuns: 200 },
    );
  });

  it('decides on any JSON offered as a WhatsApp send body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ messaging_product: fc.constant('whatsapp'), to: fc.string(), type: fc.constantFrom('text', 'image', 'document', 'interactive', 'template', 'bogus'), text: fc.record({ body: identifierish }) })), (body) => {
        const result = scanWhatsAppSend(engine, body, 'whatsapp-business');
        expect(['hold', 'pass']).toContain(result.decision.action);
      }),
      { numRuns: 200 },
    );
  });
});
