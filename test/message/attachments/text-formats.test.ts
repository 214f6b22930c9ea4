// Text attachments read as the application that opens them shows them: RTF through an RTF
// parser, calendar and contact files unfolded and unescaped, text declared as text even when its
// first bytes spell a picture's signature, UTF-16 without a byte-order mark, and UTF-7.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText, looksLikeText } from '../../../lib/message/attachments/text.ts';
import { decodeUtf7 } from '../../../lib/message/attachments/utf7.ts';
import { extract, fullText, type TestInput } from './read-attachment.ts';

/** An RTF document as WordPad writes it: a font table, a code page, hex escapes and \u characters. */
const WORDPAD_RTF = String.raw`{\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil\fcharset0 Calibri;}}
{\*\generator Riched20 10.0.19041}\viewkind4\uc1
\pard\sa200\sl276\slmult1\f0\fs22\lang9 Resident: Mrs Edith Clarke\par
NI number: J\'47{\b 10}37{\i 85}A\par
Fee: \u8364?50 \endash  paid\par
}`;

/** Outlook's RTF body that wraps HTML (MS-OXRTFEX): the HTML is what the recipient sees. */
const ENCAPSULATED_HTML = String.raw`{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}
{\*\htmltag64 <html><body>}\htmlrtf {\htmlrtf0 Casework ref {\*\htmltag84 <b>}\htmlrtf \b \htmlrtf0 HB-2024-0412{\*\htmltag92 </b>}\htmlrtf }\htmlrtf0 \par
{\*\htmltag72 </body></html>}}`;

describe('RTF', () => {
  it('reads an RTF document through its control words', async () => {
    const text = await fullText({ content: strToU8(WORDPAD_RTF), filename: 'letter.rtf', contentType: 'application/rtf' });
    expect(text).toContain('Resident: Mrs Edith Clarke\n');
    expect(text).toContain('NI number: JG103785A');
    expect(text).toContain('Fee: €50 – paid');
    expect(text).not.toContain('fonttbl');
    expect(text).not.toContain('Riched20');
  });

  it('reads RTF sent as text/plain by its signature', async () => {
    expect(await fullText({ content: strToU8(WORDPAD_RTF), contentType: 'text/plain' })).toContain('NI number: JG103785A');
  });

  it('unwraps HTML encapsulated in RTF', async () => {
    const text = await fullText({ content: strToU8(ENCAPSULATED_HTML), filename: 'body.rtf' });
    expect(text).toContain('Casework ref HB-2024-0412');
    expect(text).not.toContain('htmltag');
  });

  it('reads the hidden text of HTML encapsulated in RTF, as of any HTML', async () => {
    const hidden = ENCAPSULATED_HTML.replace('Casework ref', String.raw`{\*\htmltag84 <span style="display:none">}\htmlrtf0 NI number JG103785A{\*\htmltag92 </span>} Casework ref`);
    expect(await fullText({ content: strToU8(hidden), filename: 'body.rtf' })).toContain('NI number JG103785A');
  });

  it('holds an RTF document with an embedded object, keeping its text', async () => {
    const rtf = String.raw`{\rtf1\ansi\ansicpg1252 Before {\object\objemb{\*\objclass Excel.Sheet.12}{\*\objdata 01050000020000000b000000}} after\par}`;
    const result = await extract({ content: strToU8(rtf), filename: 'x.rtf' });
    expect(result).toMatchObject({ kind: 'text', problem: { reason: 'unsupported' } });
    expect(result.kind === 'text' && result.text).toContain('Before');
  });

  it('refuses RTF nested deeper than any real document, in linear time', async () => {
    const depth = 200_000;
    const rtf = `{\\rtf1 ${'{'.repeat(depth)}x${'}'.repeat(depth)}}`;
    expect(await extract({ content: strToU8(rtf), filename: 'x.rtf' })).toMatchObject({ kind: 'unreadable', reason: 'too-deep' });
  });

  it('reads RTF with unbalanced braces as a word processor does', async () => {
    expect(await fullText({ content: strToU8('{\\rtf1\\ansi Edith Clarke'), filename: 'x.rtf' })).toBe('Edith Clarke');
  });

  it('reports RTF the parser rejects as unreadable, without its content', async () => {
    const result = await extract({ content: strToU8('{\\rtf1\\ansi Edith Clarke \\u99999999? x}'), filename: 'x.rtf' });
    expect(result).toEqual({ kind: 'unreadable', reason: 'corrupt', detail: 'the RTF document cannot be read' });
  });
});

describe('calendar and contact files', () => {
  it('unfolds an iCalendar line folded inside a value and decodes its escapes', async () => {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT',
      'SUMMARY:Home visit\\, Mrs Edith Clarke\\; NI JG10',
      ' 3785A',
      'DESCRIPTION:First line\\nNHS number 943 476\\n 5919',
      'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    const text = await fullText({ content: strToU8(ics), contentType: 'text/calendar', filename: 'invite.ics' });
    expect(text).toContain('SUMMARY:Home visit, Mrs Edith Clarke; NI JG103785A');
    expect(text).toContain('DESCRIPTION:First line\nNHS number 943 476\n 5919');
  });

  it('decodes a vCard 2.1 quoted-printable value with soft line breaks and its charset', async () => {
    const vcf = [
      'BEGIN:VCARD', 'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Clarke;Zo=C3=AB',
      'NOTE;ENCODING=QUOTED-PRINTABLE:NI number JG1037=',
      '85A=0D=0ANext line',
      'TEL;CELL:07700 900123',
      'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD',
      'END:VCARD', '',
    ].join('\r\n');
    const text = await fullText({ content: strToU8(vcf), contentType: 'text/x-vcard', filename: 'contact.vcf' });
    expect(text).toContain('Clarke;Zoë');
    expect(text).toContain('NI number JG103785A\r\nNext line');
    expect(text).toContain('TEL;CELL:07700 900123');
    expect(text).not.toContain('/9j/');
  });

  it('unfolds a vCard 4 line folded with a tab', async () => {
    const vcf = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Edith\r\n\tClarke\r\nEND:VCARD\r\n';
    expect(await fullText({ content: strToU8(vcf), contentType: 'text/vcard' })).toContain('FN:EdithClarke');
  });
});

describe('text declared as text', () => {
  it.each<[string, string]>([
    ['GIF8', 'GIF89a: NI JG103785A'],
    ['ID3', 'ID3 tag list: NI JG103785A'],
    ['ftyp', 'abcdftypical: NI JG103785A'],
    ['OggS', 'OggS notes: NI JG103785A'],
  ])('reads text/plain starting with %s as text', async (_signature, body) => {
    expect(await fullText({ content: strToU8(body), contentType: 'text/plain', filename: 'notes.txt' })).toBe(body);
  });

  it('still treats a real GIF declared as text as a picture', async () => {
    const gif = Buffer.from('474946383961010001000000002c00000000010001000002024401003b', 'hex');
    expect(await extract({ content: gif, contentType: 'text/plain' })).toEqual({ kind: 'none' });
  });
});

describe('charsets', () => {
  const utf16le = Buffer.from('Name: Edith Clarke\r\nNI: JG103785A\r\n', 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();

  it.each<[string, TestInput]>([
    ['UTF-16LE without a byte-order mark or charset', { content: utf16le, contentType: 'text/plain' }],
    ['UTF-16BE without a byte-order mark or charset', { content: utf16be, contentType: 'text/plain' }],
    ['UTF-16LE sent as octet-stream', { content: utf16le }],
    ['UTF-16BE labelled plain "utf-16"', { content: utf16be, contentType: 'text/plain', charset: 'UTF-16' }],
    ['UTF-16LE mislabelled as us-ascii', { content: utf16le, contentType: 'text/csv', charset: 'us-ascii' }],
    ['UTF-7 when declared', { content: strToU8('Name: Edith Clarke\r\nNI: +AEoARwAx-0378+ADUAQQ-\r\n'), contentType: 'text/plain', charset: 'utf-7' }],
  ])('reads %s', async (_name, input) => {
    const text = await fullText(input);
    expect(text).toContain('Edith Clarke');
    expect(text).toContain('NI: JG103785A');
  });

  it('does not take ordinary binary with NULs for UTF-16', () => {
    expect(looksLikeText(Uint8Array.from({ length: 256 }, (_, i) => i))).toBe(false);
  });

  it.each<[string, string]>([
    ['Hi Mom -+Jjo--!', 'Hi Mom -☺-!'],
    ['A+ImIDkQ.', 'A≢Α.'],
    ['+ZeVnLIqe-', '日本語'],
    ['1 +- 1 = 2', '1 + 1 = 2'],
    ['+2D3eAA-', '😀'],
  ])('decodes the UTF-7 %s (RFC 2152 examples and a surrogate pair)', (encoded, decoded) => {
    expect(decodeUtf7(Buffer.from(encoded, 'latin1'))).toBe(decoded);
    expect(decodeText(Buffer.from(encoded, 'latin1'), 'UTF-7')).toBe(decoded);
  });

  it('decodes a long UTF-7 run without building one huge argument list', () => {
    const long = Buffer.from('x'.repeat(300_000), 'utf16le').swap16();
    const encoded = `+${long.toString('base64').replace(/=+$/, '')}-`;
    expect(decodeUtf7(Buffer.from(encoded, 'latin1'))).toBe('x'.repeat(300_000));
  });
});

describe('bounded work on hostile text', () => {
  it('reads a vCard value continued over 200,000 soft line breaks as one value', async () => {
    const vcf = `BEGIN:VCARD\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${'ab=\r\n'.repeat(200_000)}end\r\nEND:VCARD\r\n`;
    const text = await fullText({ content: strToU8(vcf), contentType: 'text/vcard' });
    expect(text).toContain(`NOTE;ENCODING=QUOTED-PRINTABLE:${'ab'.repeat(200_000)}end\n`);
  });
});
