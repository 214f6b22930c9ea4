// Builders for the message tests: real MIME from nodemailer's composer, and variants of the shared
// test documents (test/helpers/documents.ts) that are damaged, encrypted or lie about their size.
import { strToU8, zipSync } from 'fflate';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { LimitsSchema, type Limits } from '../../lib/rules/schema.ts';
import { makePdf } from '../helpers/documents.ts';

export const DEFAULT_LIMITS: Limits = LimitsSchema.parse({});

export const VALEDICTIONS = ['Kind regards', 'Best wishes', 'Regards', 'Thanks', 'Many thanks', 'Yours sincerely', 'Cheers'];

export const COUNCILLOR = 'Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>';

/** A complete message as the councillor's mail client would send it. */
export async function compose(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({
    from: COUNCILLOR,
    to: 'editor@example.org',
    messageId: '<test-message@rushcliffe.gov.uk>',
    date: new Date('2025-11-24T09:00:00Z'),
    ...options,
  })
    .compile()
    .build();
}

/** Sets the uncompressed size an entry declares, in its local header and the central directory. */
export function declareSize(zip: Uint8Array, entryName: string, size: number): Uint8Array {
  const bytes = Buffer.from(zip);
  for (let at = 0; at + 46 <= bytes.length; at += 1) {
    const signature = bytes.readUInt32LE(at);
    if (signature === 0x04034b50 && bytes.toString('utf8', at + 30, at + 30 + bytes.readUInt16LE(at + 26)) === entryName) {
      bytes.writeUInt32LE(size, at + 22);
    } else if (signature === 0x02014b50 && bytes.toString('utf8', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) === entryName) {
      bytes.writeUInt32LE(size, at + 24);
    }
  }
  return bytes;
}

/** Marks every entry encrypted (general-purpose flag bit 0), as a password-protected ZIP does. */
export function flagEncrypted(zip: Uint8Array): Uint8Array {
  const bytes = Buffer.from(zip);
  for (let at = 0; at + 46 <= bytes.length; at += 1) {
    const signature = bytes.readUInt32LE(at);
    if (signature === 0x04034b50) bytes.writeUInt16LE(bytes.readUInt16LE(at + 6) | 1, at + 6);
    if (signature === 0x02014b50) bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) | 1, at + 8);
  }
  return bytes;
}

/**
 * A PDF that needs a password: an /Encrypt dictionary whose check value no empty user password
 * satisfies. The trailer follows the cross-reference table, so no offset moves.
 */
export function passwordPdf(): Uint8Array {
  const pdf = Buffer.from(makePdf(['Private notes'])).toString('latin1');
  const encrypt =
    `/Encrypt << /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >> ` +
    `/ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`;
  return Buffer.from(pdf.replace('/Root 1 0 R >>', `/Root 1 0 R ${encrypt} >>`), 'latin1');
}

/**
 * The start of a Compound File Binary container, as Office writes for a password-protected
 * document: the CFB signature, and the stream name "EncryptedPackage" in UTF-16.
 */
export function encryptedOfficeFile(): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header);
  return Buffer.concat([header, Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(64)]);
}

/** A zip of XML parts, for the formats test/helpers/documents.ts does not build. */
export function xmlZip(parts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files, { mtime: new Date('2024-06-03T09:00:00Z') });
}
