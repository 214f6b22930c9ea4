// Calendar invitations (iCalendar, RFC 5545) and contact cards (vCard, RFC 6350 and the older
// 2.1) as a calendar or address book shows them. Long lines are folded (a line break followed by
// a space or tab continues the line), text values escape line breaks, commas and semicolons
// (`\n`, `\,`, `\;`), and vCard 2.1 writes values in quoted-printable, whose soft line breaks
// (`=` at the end of a line) also split a value. Read raw, a value split by any of these is
// never seen whole. Binary values (a contact's photo) are left out, as pictures are.
import { decodeText } from './text.ts';

const STARTS_CALENDAR = /^\s{0,64}BEGIN:(?:VCALENDAR|VCARD)\b/i;
/** A line break followed by one space or tab is a fold: both go. */
const FOLD = /\r?\n[ \t]/g;
const ESCAPE = /\\([nN,;:\\])/g;
const QP_BYTE = /=([0-9A-Fa-f]{2})/g;

export function isCalendarText(text: string): boolean {
  return STARTS_CALENDAR.test(text);
}

interface ContentLine {
  /** The name and parameters, as written: `TEL;TYPE=cell`. */
  head: string;
  value: string;
}

/** Splits a line at the first colon outside a quoted parameter value. */
function splitLine(line: string): ContentLine | undefined {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return { head: line.slice(0, i), value: line.slice(i + 1) };
  }
  return undefined;
}

function parameter(head: string, name: string): string | undefined {
  for (const part of head.split(';').slice(1)) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? part : part.slice(eq + 1);
    // vCard 2.1 also allows a bare parameter value: `TEL;QUOTED-PRINTABLE:…`.
    if (key.trim().toUpperCase() === name || (eq === -1 && value.trim().toUpperCase() === name)) return value.replace(/"/g, '').trim();
  }
  return undefined;
}

function isQuotedPrintable(head: string): boolean {
  return (parameter(head, 'ENCODING') ?? parameter(head, 'QUOTED-PRINTABLE'))?.toUpperCase() === 'QUOTED-PRINTABLE';
}

function isBinary(head: string): boolean {
  const encoding = parameter(head, 'ENCODING')?.toUpperCase();
  return encoding === 'B' || encoding === 'BASE64' || parameter(head, 'BASE64') !== undefined;
}

function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes = Buffer.from(value.replace(QP_BYTE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return decodeText(bytes, charset ?? 'utf-8');
}

/** Joins quoted-printable values continued by a soft line break (a line ending in `=`). */
function joinSoftBreaks(lines: readonly string[]): string[] {
  const joined: string[] = [];
  // The pieces of a value still being continued; kept apart so a long value costs linear time.
  let pending: string[] | undefined;
  for (const line of lines) {
    const piece = pending === undefined ? line : line.replace(/^[ \t]/, '');
    const head = pending === undefined ? splitLine(line)?.head : undefined;
    const continues = piece.endsWith('=') && (pending !== undefined || (head !== undefined && isQuotedPrintable(head)));
    if (continues) (pending ??= []).push(piece.slice(0, -1));
    else {
      joined.push(pending === undefined ? piece : [...pending, piece].join(''));
      pending = undefined;
    }
  }
  if (pending !== undefined) joined.push(pending.join(''));
  return joined;
}

/** One line per property, as `NAME;PARAMS:value` with the value decoded. */
export function calendarText(text: string): string {
  const lines = joinSoftBreaks(text.replace(FOLD, '').split(/\r?\n|\r/));
  const out: string[] = [];
  for (const line of lines) {
    const split = splitLine(line);
    if (split === undefined) {
      if (line.trim() !== '') out.push(line);
      continue;
    }
    const { head, value } = split;
    if (isBinary(head)) {
      out.push(`${head}:`);
      continue;
    }
    const decoded = isQuotedPrintable(head) ? decodeQuotedPrintable(value, parameter(head, 'CHARSET')) : value;
    out.push(`${head}:${decoded.replace(ESCAPE, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c))}`);
  }
  return out.join('\n');
}
