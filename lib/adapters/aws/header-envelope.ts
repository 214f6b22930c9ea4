// The envelope of a message that arrived without one (SES Mail Manager writes only the bytes to
// S3): the recipients are every address in To, Cc and Bcc (groups flattened), the sender the
// From address. Read from the raw header section, so an unparseable body does not matter.
import addressparser from 'nodemailer/lib/addressparser';
import { decodeEncodedWords } from '../../mime/encoded-words.ts';
import { bytesToText, findFields, unfoldedValue } from '../../mime/raw-headers.ts';
import type { Envelope } from '../../ports/envelope.ts';

function addresses(raw: Buffer, name: string): string[] {
  return findFields(raw, name).flatMap((field) => {
    const value = decodeEncodedWords(bytesToText(unfoldedValue(raw, field)));
    return addressparser(value, { flatten: true })
      .map((a) => a.address.trim())
      .filter((a) => a.includes('@'));
  });
}

export function headerEnvelope(raw: Buffer): Envelope {
  const seen = new Set<string>();
  const to: string[] = [];
  for (const address of ['to', 'cc', 'bcc'].flatMap((name) => addresses(raw, name))) {
    if (seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    to.push(address);
  }
  return { from: addresses(raw, 'from')[0] ?? '', to };
}
