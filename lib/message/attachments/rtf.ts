// Text of an RTF document as a word processor shows it, through rtf-stream-parser: control words
// are interpreted (`\'47` is "G", `\u8364?` is "€", `\par` ends a paragraph) rather than read as
// characters, so a value split by formatting codes is seen whole. RTF that wraps an HTML or text
// body (Outlook's encapsulated format, `\fromhtml`) is unwrapped first. Objects embedded in the
// RTF (`\objdata`, an OLE object a reader can open) are not read, so the document is held.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { deEncapsulateSync, Tokenize } from 'rtf-stream-parser';
import { ToPlainText } from 'rtf-stream-parser/dist/src/ToPlainText.js';
import { htmlToAllText } from '../html-text.ts';
import { UnreadableContentError, type Unreadable } from './types.ts';

/**
 * The parser keeps one state object per open group, chained through prototypes, so a property
 * read costs as much as the nesting is deep. Real documents nest a few dozen groups; far deeper
 * nesting is refused before parsing, keeping the work linear in the document's size.
 */
const MAX_GROUP_DEPTH = 1000;

const OPEN = 0x7b;
const CLOSE = 0x7d;
const BACKSLASH = 0x5c;

/** Windows code pages by number, as the TextDecoder names them. */
const CODE_PAGES: Readonly<Record<string, string>> = {
  cp0: 'windows-1252',
  cp437: 'ibm866',
  cp932: 'shift_jis',
  cp936: 'gbk',
  cp949: 'euc-kr',
  cp950: 'big5',
  cp10000: 'macintosh',
};

export interface RtfText {
  text: string;
  problem?: Unreadable;
}

/** The deepest group nesting, counting braces that are not escaped as `\{` or `\}`. */
function groupDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (byte === BACKSLASH) i += 1;
    else if (byte === OPEN) deepest = Math.max(deepest, ++depth);
    else if (byte === CLOSE) depth -= 1;
  }
  return deepest;
}

function decodeCodePage(data: Buffer, encoding: string): string {
  const label = CODE_PAGES[encoding] ?? encoding.replace(/^cp/, 'windows-');
  try {
    return new TextDecoder(label).decode(data);
  } catch {
    // A code page the decoder does not know: Windows-1252 keeps ASCII right and loses no byte.
    return new TextDecoder('windows-1252').decode(data);
  }
}

const PARSER_OPTIONS = { decode: decodeCodePage, warn: (): void => undefined, allowCp0: true };

/**
 * Outlook's RTF that wraps HTML or text. HTML is read as every HTML attachment is: the rendered
 * text, then its hidden and revealed text, with any problem converting it.
 */
function encapsulated(buffer: Buffer): { text: string; problem?: string } | undefined {
  const head = buffer.subarray(0, 1024).toString('latin1');
  if (!head.includes('\\fromhtml') && !head.includes('\\fromtext')) return undefined;
  const result = deEncapsulateSync(buffer, PARSER_OPTIONS);
  const text = typeof result.text === 'string' ? result.text : result.text.toString('utf-8');
  return result.mode === 'html' ? htmlToAllText(text) : { text };
}

async function plainText(buffer: Buffer): Promise<string> {
  const chunks: string[] = [];
  const sink = new Writable({
    objectMode: true,
    write(chunk: unknown, _encoding, done): void {
      chunks.push(String(chunk));
      done();
    },
  });
  await pipeline(Readable.from([buffer]), new Tokenize(), new ToPlainText(PARSER_OPTIONS), sink);
  return chunks.join('');
}

export async function rtfText(bytes: Uint8Array): Promise<RtfText> {
  if (groupDepth(bytes) > MAX_GROUP_DEPTH) {
    throw new UnreadableContentError('too-deep', `the RTF document nests groups more than ${MAX_GROUP_DEPTH} deep`);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let read: { text: string; problem?: string };
  try {
    read = encapsulated(buffer) ?? { text: await plainText(buffer) };
  } catch (error) {
    throw new UnreadableContentError('corrupt', 'the RTF document cannot be read', { cause: error });
  }
  const text = read.text.replace(/\r\n?/g, '\n');
  if (buffer.includes('\\objdata')) return { text, problem: { reason: 'unsupported', detail: 'an object embedded in the RTF document is not read' } };
  return read.problem === undefined ? { text } : { text, problem: { reason: 'corrupt', detail: read.problem } };
}
