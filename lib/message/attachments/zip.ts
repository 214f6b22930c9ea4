// Reads ZIP containers (DOCX, XLSX, PPTX, OpenDocument) without trusting them. Sizes are taken
// from the central directory and checked against the limit before anything is inflated, and
// inflation stops as soon as an entry produces more than it declared, so a small file that
// expands to gigabytes (a zip bomb) costs neither memory nor much time.
import { Inflate } from 'fflate';
import { UnreadableContentError } from './types.ts';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** Uncompressed size as declared; an entry that inflates to anything else is corrupt. */
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** Far more files than any office document has; listing more is not worth the time. */
const MAX_ENTRIES = 10_000;
/** Compressed input is fed in slices this big, so a lying entry is caught after little work. */
const SLICE_BYTES = 16 * 1024;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;

function corrupt(detail: string, cause?: unknown): UnreadableContentError {
  return new UnreadableContentError('corrupt', detail, { cause });
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether the bytes start like a ZIP file (a local header, or the end record of an empty one). */
export function isZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const signature = view(bytes).getUint32(0, true);
  return signature === LOCAL_HEADER || signature === END_OF_DIRECTORY;
}

function findEndOfDirectory(data: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const last = data.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 65535; at -= 1) {
    if (data.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw corrupt('the archive has no central directory');
}

/** The entries of the central directory; nothing is inflated. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const data = view(bytes);
  const end = findEndOfDirectory(data);
  const count = data.getUint16(end + 10, true);
  const directoryOffset = data.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === ZIP64_MARKER) {
    throw new UnreadableContentError('unsupported', 'ZIP64 archives are not read');
  }
  if (count > MAX_ENTRIES) throw new UnreadableContentError('too-large', `the archive lists more than ${MAX_ENTRIES} files`);
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== DIRECTORY_ENTRY) {
      throw corrupt('the central directory is damaged');
    }
    const nameLength = data.getUint16(at + 28, true);
    const next = at + 46 + nameLength + data.getUint16(at + 30, true) + data.getUint16(at + 32, true);
    if (next > bytes.length) throw corrupt('the central directory is damaged');
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: data.getUint16(at + 10, true),
      encrypted: (data.getUint16(at + 8, true) & 1) === 1,
      compressedSize: data.getUint32(at + 20, true),
      size: data.getUint32(at + 24, true),
      offset: data.getUint32(at + 42, true),
    };
    if (entry.size === ZIP64_MARKER || entry.compressedSize === ZIP64_MARKER || entry.offset === ZIP64_MARKER) {
      throw new UnreadableContentError('unsupported', 'ZIP64 archives are not read');
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = view(bytes);
  if (entry.offset + 30 > bytes.length || data.getUint32(entry.offset, true) !== LOCAL_HEADER) {
    throw corrupt('an archive entry is damaged');
  }
  const start = entry.offset + 30 + data.getUint16(entry.offset + 26, true) + data.getUint16(entry.offset + 28, true);
  if (start + entry.compressedSize > bytes.length) throw corrupt('an archive entry is truncated');
  return bytes.subarray(start, start + entry.compressedSize);
}

function inflateEntry(compressed: Uint8Array, declared: number): Uint8Array {
  const out = new Uint8Array(declared);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declared) throw corrupt('an archive entry is larger than it declares');
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < compressed.length; at += SLICE_BYTES) {
      inflater.push(compressed.subarray(at, at + SLICE_BYTES), at + SLICE_BYTES >= compressed.length);
    }
    if (compressed.length === 0) inflater.push(compressed, true);
  } catch (error) {
    if (error instanceof UnreadableContentError) throw error;
    throw corrupt('an archive entry cannot be decompressed', error);
  }
  if (written !== declared) throw corrupt('an archive entry is smaller than it declares');
  return out;
}

/**
 * Inflates the given entries, keyed by name. Throws when an entry is encrypted or uses another
 * compression method, when their declared sizes add up to more than `maxTotalBytes`, or when an
 * entry's content does not match its declared size.
 */
export function readEntries(bytes: Uint8Array, entries: readonly ZipEntry[], maxTotalBytes: number): Map<string, Uint8Array> {
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > maxTotalBytes) {
    throw new UnreadableContentError('too-large', `the archive expands to ${total} bytes, over the limit of ${maxTotalBytes}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.encrypted) throw new UnreadableContentError('encrypted', 'the archive is password-protected');
    const compressed = compressedData(bytes, entry);
    if (entry.method === 0) {
      if (compressed.length !== entry.size) throw corrupt('an archive entry is damaged');
      files.set(entry.name, compressed);
    } else if (entry.method === 8) {
      files.set(entry.name, inflateEntry(compressed, entry.size));
    } else {
      throw new UnreadableContentError('unsupported', `archive compression method ${entry.method} is not read`);
    }
  }
  return files;
}
