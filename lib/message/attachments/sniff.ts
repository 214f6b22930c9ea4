// Decides how to read an attachment. The bytes are believed before the declared type and file
// name, so a spreadsheet labelled as a picture is still read as a spreadsheet. The one exception:
// a part declared as text whose bytes read as text is text, even when its first bytes happen to
// spell a picture's or a song's signature (`GIF8`, `ID3`, `ftyp`), because a mail client shows
// it as text.
import { looksLikeText } from './text.ts';
import { isZip, listZip } from './zip.ts';

export type Format =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'opendocument'
  | 'html'
  | 'rtf'
  | 'text'
  | 'message'
  /** Pictures, sound, video: no text to read. */
  | 'media'
  /** A detached signature (S/MIME, PGP): no content of its own. */
  | 'signature'
  /** Encrypted content (S/MIME, PGP, a password-protected Office file). */
  | 'encrypted'
  /** ZIP and other archives, legacy Office files, unknown binaries: not read, so held. */
  | 'unsupported';

export interface AttachmentDescription {
  contentType: string;
  filename?: string;
}

const MEDIA_SIGNATURES: ReadonlyArray<readonly [number, string]> = [
  [0, '\x89PNG'],
  [0, '\xff\xd8\xff'],
  [0, 'GIF8'],
  [0, 'II*\x00'],
  [0, 'MM\x00*'],
  [0, 'ID3'],
  [0, 'OggS'],
  [0, 'fLaC'],
  [0, '\x1aE\xdf\xa3'], // Matroska / WebM
  [4, 'ftyp'], // MP4, MOV, HEIC, M4A
];
const ARCHIVE_SIGNATURES = ['\x1f\x8b', '7z\xbc\xaf\x27\x1c', 'Rar!', 'BZh'];
/** Compound File Binary: legacy Office files, Outlook .msg, and password-protected OOXML. */
const CFB_SIGNATURE = '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1';
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const BY_EXTENSION: Readonly<Record<string, Format>> = {
  pdf: 'pdf',
  docx: 'docx', docm: 'docx', dotx: 'docx', dotm: 'docx',
  xlsx: 'xlsx', xlsm: 'xlsx', xltx: 'xlsx', xltm: 'xlsx',
  pptx: 'pptx', pptm: 'pptx', ppsx: 'pptx',
  odt: 'opendocument', ods: 'opendocument', odp: 'opendocument',
  htm: 'html', html: 'html', xhtml: 'html',
  eml: 'message',
  txt: 'text', text: 'text', csv: 'text', tsv: 'text', ics: 'text', vcf: 'text', json: 'text', xml: 'text',
  md: 'text', log: 'text', rtf: 'text', yaml: 'text', yml: 'text',
  p7s: 'signature', sig: 'signature', asc: 'signature',
  p7m: 'encrypted', gpg: 'encrypted', pgp: 'encrypted',
};

const BY_TYPE: Readonly<Record<string, Format>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'opendocument',
  'application/vnd.oasis.opendocument.spreadsheet': 'opendocument',
  'application/vnd.oasis.opendocument.presentation': 'opendocument',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'message/rfc822': 'message',
  'message/global': 'message',
  'application/json': 'text',
  'application/xml': 'text',
  'application/rtf': 'text',
  'application/csv': 'text',
  'application/ics': 'text',
  'application/pkcs7-signature': 'signature',
  'application/x-pkcs7-signature': 'signature',
  'application/pgp-signature': 'signature',
  'application/pkcs7-mime': 'encrypted',
  'application/x-pkcs7-mime': 'encrypted',
  'application/pgp-encrypted': 'encrypted',
};

function startsWith(bytes: Uint8Array, at: number, signature: string): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i += 1) {
    if (bytes[at + i] !== signature.charCodeAt(i)) return false;
  }
  return true;
}

function extensionOf(filename: string | undefined): string {
  const dot = filename?.lastIndexOf('.') ?? -1;
  return dot === -1 || filename === undefined ? '' : filename.slice(dot + 1).toLowerCase();
}

/** Which office format a ZIP container holds, from its file list. */
function zipFormat(bytes: Uint8Array, declared: Format | undefined): Format {
  let names: Set<string>;
  try {
    names = new Set(listZip(bytes).map((entry) => entry.name));
  } catch {
    // A damaged container that claims to be an office file is reported as such by its reader.
    return declared === 'docx' || declared === 'xlsx' || declared === 'pptx' ? declared : 'unsupported';
  }
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  if (names.has('content.xml') && (names.has('mimetype') || names.has('META-INF/manifest.xml'))) return 'opendocument';
  return 'unsupported';
}

function declaredFormat(description: AttachmentDescription): Format | undefined {
  const type = description.contentType.toLowerCase();
  const byType = BY_TYPE[type];
  if (byType !== undefined) return byType;
  if (type.endsWith('+xml') || type.endsWith('+json')) return 'text';
  const byExtension = BY_EXTENSION[extensionOf(description.filename)];
  if (byExtension !== undefined) return byExtension;
  if (type.startsWith('text/')) return 'text';
  if (type.startsWith('image/') || type.startsWith('audio/') || type.startsWith('video/') || type.startsWith('font/')) {
    return 'media';
  }
  return undefined;
}

export function detectFormat(bytes: Uint8Array, description: AttachmentDescription): Format {
  const declared = declaredFormat(description);
  if (startsWith(bytes, 0, '%PDF-')) return 'pdf';
  if (isZip(bytes)) return zipFormat(bytes, declared);
  if (startsWith(bytes, 0, CFB_SIGNATURE)) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'unsupported';
  }
  if (startsWith(bytes, 0, '{\\rtf')) return 'rtf';
  if ((declared === 'text' || declared === 'html') && looksLikeText(bytes)) return declared;
  if (MEDIA_SIGNATURES.some(([at, signature]) => startsWith(bytes, at, signature))) return 'media';
  if (ARCHIVE_SIGNATURES.some((signature) => startsWith(bytes, 0, signature))) return 'unsupported';
  // A signature is DER (an ASN.1 sequence) or ASCII armour; anything else only claims to be one.
  if (declared === 'signature') {
    if (bytes[0] === 0x30 || startsWith(bytes, 0, '-----BEGIN ')) return 'signature';
    return looksLikeText(bytes) ? 'text' : 'unsupported';
  }
  // A declared office or PDF file whose bytes are not one is damaged: let its reader say so.
  if (declared !== undefined && declared !== 'media') return declared;
  // Declared media (or nothing) that turns out to be text is read as text; binary stays unread.
  if (looksLikeText(bytes)) return 'text';
  return declared === 'media' ? 'media' : 'unsupported';
}
