// Whatever bytes arrive, the parsers either produce a well-formed Message or refuse the input
// with an InputError; nothing else escapes, so a door can always fail closed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { parseEmail } from '../../lib/message/email.ts';
import { segmentText } from '../../lib/message/segments.ts';
import type { Message } from '../../lib/message/types.ts';
import { parseWhatsAppSend } from '../../lib/message/whatsapp.ts';
import { DEFAULT_LIMITS, VALEDICTIONS } from './mime-builders.ts';

const OPTIONS = { limits: { ...DEFAULT_LIMITS, maxTextChars: 100_000 }, valedictions: VALEDICTIONS };

function segmentsCover(message: Message): boolean {
  return message.parts.every((part) => {
    let at = 0;
    for (const s of part.segments) {
      if (s.start !== at || s.end <= s.start) return false;
      at = s.end;
    }
    return at === part.text.length;
  });
}

/** Outcome of parsing: 'message' (well-formed), 'input-error', or the unexpected error itself. */
async function outcome(raw: Uint8Array): Promise<string> {
  try {
    const message = await parseEmail(Buffer.from(raw), OPTIONS);
    return segmentsCover(message) ? 'message' : 'segments do not cover the parts';
  } catch (error) {
    return error instanceof InputError ? 'input-error' : `unexpected ${String(error)}`;
  }
}

/** Lines that look like MIME, shuffled into messages, reach far more of the parser than noise. */
const mimeLine = fc.oneof(
  fc.constantFrom(
    'From: a@example.org', 'To: b@example.org, Group: c@example.org;', 'Subject: Re: test', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary=B', 'Content-Type: multipart/alternative; boundary=C', 'Content-Type: text/html',
    'Content-Type: message/rfc822', 'Content-Type: application/pdf', 'Content-Type: text/plain; charset=utf-16',
    'Content-Transfer-Encoding: base64', 'Content-Transfer-Encoding: quoted-printable', 'Content-Disposition: attachment; filename="x.docx"',
    '--B', '--B--', '--C', '--C--', '', '', '<blockquote>q</blockquote>', '> quoted', 'On 4 Mar 2024 at 10:15, a wrote:', '-- ',
    'JVBERi0xLjQ=', 'UEsDBBQ=', '=E2=82=AC', '%PDF-1.4',
  ),
  fc.string({ maxLength: 40 }),
);
const mimeLike = fc.array(mimeLine, { maxLength: 40 }).map((lines) => new TextEncoder().encode(lines.join('\r\n')));

describe('parseEmail on arbitrary input', () => {
  it('never throws anything but InputError on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (raw) => {
        expect(['message', 'input-error']).toContain(await outcome(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but InputError on MIME-like input', async () => {
    await fc.assert(
      fc.asyncProperty(mimeLike, async (raw) => {
        expect(['message', 'input-error']).toContain(await outcome(raw));
      }),
      { numRuns: 300 },
    );
  });
});

describe('segmentText on arbitrary text', () => {
  it('covers the text exactly, in order', () => {
    const text = fc.array(fc.oneof(fc.string({ maxLength: 30 }), mimeLine, fc.constantFrom('Kind regards', 'Jane', 'Cllr Porter', 'From: x', 'Sent: y', '________________')), { maxLength: 30 });
    fc.assert(
      fc.property(text, fc.boolean(), (lines, isReply) => {
        const joined = lines.join('\n');
        const message = { parts: [{ text: joined, segments: segmentText(joined, { senderName: 'Jane Porter', valedictions: VALEDICTIONS, isReply }) }] };
        expect(segmentsCover(message as unknown as Message)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseWhatsAppSend on arbitrary JSON', () => {
  it('never throws anything but InputError', () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ messaging_product: fc.constant('whatsapp'), to: fc.string(), type: fc.constantFrom('text', 'image', 'interactive', 'template', 'contacts'), text: fc.jsonValue(), interactive: fc.jsonValue(), template: fc.jsonValue(), contacts: fc.jsonValue() }, { requiredKeys: ['messaging_product'] }),
    );
    fc.assert(
      fc.property(body, (value) => {
        try {
          parseWhatsAppSend(value, { sender: '+441159819911' });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
