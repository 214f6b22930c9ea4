// The ZIP reader trusts nothing: declared sizes are checked before inflating and verified after.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UnreadableContentError } from '../../../lib/message/attachments/types.ts';
import { isZip, listZip, readEntries } from '../../../lib/message/attachments/zip.ts';
import { declareSize, flagEncrypted } from '../mime-builders.ts';

const SAMPLE = zipSync({
  'word/document.xml': strToU8('<w:document>Edith Clarke</w:document>'),
  'stored.txt': [strToU8('kept as is'), { level: 0 }],
  'empty.txt': new Uint8Array(0),
});

function readAll(zip: Uint8Array, max = 1_000_000): Record<string, string> {
  const files = readEntries(zip, listZip(zip), max);
  return Object.fromEntries([...files].map(([name, data]) => [name, Buffer.from(data).toString('utf8')]));
}

function reasonOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof UnreadableContentError) return error.reason;
    throw error;
  }
  return 'read';
}

describe('zip reader', () => {
  it('lists entries with their declared sizes without inflating', () => {
    expect(listZip(SAMPLE).map((e) => [e.name, e.size, e.method])).toEqual([
      ['word/document.xml', 37, 8],
      ['stored.txt', 10, 0],
      ['empty.txt', 0, 8],
    ]);
  });

  it('inflates deflated, stored and empty entries', () => {
    expect(readAll(SAMPLE)).toEqual({ 'word/document.xml': '<w:document>Edith Clarke</w:document>', 'stored.txt': 'kept as is', 'empty.txt': '' });
  });

  it.each([
    ['declared sizes over the limit (a zip bomb)', () => readAll(zipSync({ 'a.xml': new Uint8Array(100_000) }), 50_000), 'too-large'],
    ['an entry inflating past its declared size', () => readAll(declareSize(zipSync({ 'a.xml': new Uint8Array(100_000) }), 'a.xml', 10)), 'corrupt'],
    ['an entry inflating short of its declared size', () => readAll(declareSize(SAMPLE, 'word/document.xml', 500)), 'corrupt'],
    ['a password-protected archive', () => readAll(flagEncrypted(SAMPLE)), 'encrypted'],
    ['a truncated archive', () => readAll(SAMPLE.subarray(0, 60)), 'corrupt'],
    ['bytes that are not a zip', () => readAll(strToU8('just some text, no directory at all')), 'corrupt'],
  ])('refuses %s', (_name, action, reason) => {
    expect(reasonOf(action)).toBe(reason);
  });

  it('refuses an entry with an unknown compression method', () => {
    const bytes = Buffer.from(SAMPLE);
    const directory = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt16LE(99, directory + 10);
    expect(reasonOf(() => readAll(bytes))).toBe('unsupported');
  });

  it('refuses ZIP64 archives rather than misreading them', () => {
    const bytes = Buffer.from(SAMPLE);
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bytes.writeUInt32LE(0xffffffff, end + 16);
    expect(reasonOf(() => listZip(bytes))).toBe('unsupported');
  });

  it.each([
    ['a zip', SAMPLE, true],
    ['an empty zip', zipSync({}), true],
    ['a PDF', strToU8('%PDF-1.4'), false],
    ['three bytes', strToU8('PK\x03'), false],
  ])('isZip recognises %s', (_name, bytes, expected) => {
    expect(isZip(bytes)).toBe(expected);
  });
});
