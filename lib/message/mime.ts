// Runs mailparser over raw bytes. Nested messages are kept as attachments (read separately, so
// their parts can be labelled), bodies are left unconverted (HTML is converted by html-text.ts),
// and a message whose MIME structure defeats the parser is read again as its header section
// alone, so the sender, recipients and subject are still known when it is held.
import { simpleParser, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { mimeDifferentials, type Differentials } from '../mime/differentials.ts';
import type { Limits } from '../rules/schema.ts';
import type { UnreadablePart } from './types.ts';

/** mailparser's own default: the largest header block of one part. */
const MAX_HEADER_BYTES = 1024 * 1024;

export interface ParsedMime {
  mail: ParsedMail;
  /** Set when only the header section could be parsed. */
  problem?: Pick<UnreadablePart, 'reason' | 'detail'>;
  /** Where other MIME readers would read the same bytes differently. */
  differentials: Differentials;
}

function parserOptions(limits: Limits): SimpleParserOptions {
  return {
    ignoreEmbedded: true,
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    keepCidLinks: true,
    checksumAlgo: false,
    // MIME nodes include the multipart containers around the attachments, hence the margin.
    maxChildNodes: Math.max(1000, limits.maxParts * 4),
  };
}

/** The bytes up to and including the blank line that ends the header section. */
export function headerSection(raw: Buffer): Buffer {
  const window = raw.subarray(0, MAX_HEADER_BYTES);
  const ends = [window.indexOf('\n\n'), window.indexOf('\n\r\n')].filter((at) => at !== -1);
  if (ends.length === 0) return window;
  const end = Math.min(...ends);
  return window.subarray(0, end + (window[end + 1] === 13 ? 3 : 2));
}

function problemOf(error: unknown): Pick<UnreadablePart, 'reason' | 'detail'> {
  const tooMany = error instanceof Error && /child nodes/i.test(error.message);
  return tooMany
    ? { reason: 'too-many-parts', detail: 'the message has more MIME parts than the parser accepts' }
    : { reason: 'corrupt', detail: 'the MIME structure of the message cannot be parsed' };
}

/** Undefined when the bytes are not an email at all: no header field could be read. */
export async function parseMime(raw: Buffer, limits: Limits): Promise<ParsedMime | undefined> {
  const options = parserOptions(limits);
  let parsed: ParsedMime;
  const differentials = mimeDifferentials(raw);
  try {
    parsed = { mail: await simpleParser(raw, options), differentials };
  } catch (error) {
    try {
      parsed = { mail: await simpleParser(headerSection(raw), options), problem: problemOf(error), differentials };
    } catch {
      return undefined;
    }
  }
  return parsed.mail.headers.size === 0 ? undefined : parsed;
}
