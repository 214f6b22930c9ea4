// The header lines a mail client shows, as text parts: every display name and group name in the
// address lines (From, Sender, Reply-To, To, Cc, Bcc), Keywords and Comments, and a second Subject
// where a message has two (clients differ over which they show). Each line is read from every
// field of its name, not only the one mailparser keeps.
//
// A participant's own mailbox ("Jane Porter (07700 900123)" <jane@…> in To) is their own contact
// detail, not a third party's: only its display name is read, on a line marked like a signature,
// so the policy does not count the contact details in it (identifiers still count). A group name, or a Reply-To naming someone
// who is not a participant, is ordinary text.
import type { ParsedMail } from 'mailparser';
import addressparser from 'nodemailer/lib/addressparser';
import { decodeEncodedWords } from '../mime/encoded-words.ts';
import { wholeAuthored, type PartDraft, type Segmenter } from './collector.ts';
import type { Segment } from './types.ts';

const ADDRESS_LINES: Readonly<Record<string, string>> = {
  from: 'From',
  sender: 'Sender',
  'reply-to': 'Reply-To',
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
};

const TEXT_LINES: Readonly<Record<string, string>> = { keywords: 'Keywords', comments: 'Comments' };

/** The addresses whose own lines are exempt as their own; a Reply-To is one only if it names one of them. */
const OWN_LINES = new Set(['from', 'sender', 'to', 'cc', 'bcc']);

export interface HeaderPart {
  draft: PartDraft;
  segmenter: Segmenter;
}

interface Line {
  text: string;
  own: boolean;
}

/** Every field of one name, unfolded and decoded, in order. */
function fieldValues(mail: ParsedMail, key: string): string[] {
  return mail.headerLines
    .filter((h) => h.key === key)
    .map((h) => h.line.slice(h.line.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, '').trim())
    .filter((v) => v !== '');
}

/** The mailboxes of an address field as lines: "Name <address>", a group's name on a line of its own. */
function mailboxLines(value: string, isOwn: (address: string) => boolean): Line[] {
  const lines: Line[] = [];
  // A participant's own address is theirs and exempt wherever it appears: only their name is read.
  const add = (name: string, address: string): void => {
    const decoded = decodeEncodedWords(name).trim();
    const own = address !== '' && isOwn(address);
    const text = own || address === '' ? decoded : decoded === '' ? address : `${decoded} <${address}>`;
    if (text !== '') lines.push({ text, own });
  };
  for (const entry of addressparser(value)) {
    if ('group' in entry && entry.group !== undefined) {
      const name = decodeEncodedWords(entry.name ?? '').trim();
      if (name !== '') lines.push({ text: `${name}:`, own: false });
      for (const member of entry.group) add(member.name ?? '', member.address ?? '');
    } else if ('address' in entry) add(entry.name ?? '', entry.address ?? '');
  }
  return lines;
}

function part(id: string, label: string, lines: Line[]): HeaderPart | undefined {
  if (lines.length === 0) return undefined;
  const text = lines.map((l) => l.text).join('\n');
  // Segments follow the lines of the text as the collector normalised it; should the lines not
  // match one for one, the whole part is ordinary text (nothing exempt: fail closed).
  const segmenter: Segmenter = (normalised) => {
    const split = normalised.split('\n');
    if (split.length !== lines.length) return wholeAuthored(normalised);
    const segments: Segment[] = [];
    let at = 0;
    split.forEach((line, i) => {
      const end = Math.min(at + line.length + 1, normalised.length);
      if (end > at) segments.push({ start: at, end, role: lines[i]!.own ? 'signature' : 'authored' });
      at = end;
    });
    return segments;
  };
  return { draft: { id, kind: 'header', label, text }, segmenter };
}

export interface HeaderScope {
  idPrefix: string;
  labelPrefix: string;
  /** Lower-cased addresses of the message's sender and recipients, envelope included. */
  participants: ReadonlySet<string>;
}

/** The address lines, Keywords, Comments and any second Subject of the message itself. */
export function headerParts(mail: ParsedMail, scope: HeaderScope): HeaderPart[] {
  const participants = new Set(scope.participants);
  for (const key of OWN_LINES) {
    for (const value of fieldValues(mail, key)) {
      for (const mailbox of addressparser(value, { flatten: true })) if (mailbox.address) participants.add(mailbox.address.toLowerCase());
    }
  }
  const isOwn = (address: string): boolean => participants.has(address.toLowerCase());
  const parts: Array<HeaderPart | undefined> = [];
  for (const [key, name] of Object.entries(ADDRESS_LINES)) {
    const lines = fieldValues(mail, key).flatMap((value) => mailboxLines(value, isOwn));
    parts.push(part(`${scope.idPrefix}header:${key}`, `${scope.labelPrefix}the ${name} line`, lines));
  }
  parts.push(...textParts(mail, scope));
  return parts.filter((p): p is HeaderPart => p !== undefined);
}

/** Keywords, Comments, and every Subject where there is more than one: plain text, nobody's own. */
export function textParts(mail: ParsedMail, scope: Omit<HeaderScope, 'participants'>): HeaderPart[] {
  const parts: Array<HeaderPart | undefined> = [];
  for (const [key, name] of Object.entries(TEXT_LINES)) {
    const lines = fieldValues(mail, key).map((value) => ({ text: decodeEncodedWords(value), own: false }));
    parts.push(part(`${scope.idPrefix}header:${key}`, `${scope.labelPrefix}the ${name} line`, lines));
  }
  const subjects = fieldValues(mail, 'subject');
  if (subjects.length > 1) {
    const lines = subjects.map((value) => ({ text: decodeEncodedWords(value), own: false }));
    parts.push(part(`${scope.idPrefix}header:subject`, `${scope.labelPrefix}the Subject lines (the message has more than one)`, lines));
  }
  return parts.filter((p): p is HeaderPart => p !== undefined);
}
