// Decodes RFC 2047 encoded-words ("=?UTF-8?B?...?=") in a header value. Adjacent encoded-words in
// the same charset are joined before decoding, because a multi-byte character may be split across
// two of them; the whitespace between adjacent encoded-words is not part of the text.

// Each piece is a bounded negated class ending at a delimiter it cannot contain: linear time.
const ENCODED_WORD = /=\?([^?\s]{1,64})\?([BbQq])\?([^?\s]{0,2000})\?=/g;

function qBytes(text: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '_') out.push(0x20);
    else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(ch.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

function decodeBytes(charset: string, bytes: Buffer): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 with replacement characters is the most useful reading.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export function decodeEncodedWords(value: string): string {
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | undefined;
  const flush = (): void => {
    if (pending) out += decodeBytes(pending.charset, Buffer.concat(pending.bytes));
    pending = undefined;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const gap = value.slice(last, m.index);
    const charset = m[1]!.split('*')[0]!.toLowerCase(); // drop an RFC 2231 language suffix
    const bytes = m[2]!.toUpperCase() === 'B' ? Buffer.from(m[3]!, 'base64') : qBytes(m[3]!);
    const adjacent = pending !== undefined && /^[ \t]*$/.test(gap);
    if (adjacent && pending!.charset === charset) {
      pending!.bytes.push(bytes);
    } else {
      flush();
      if (!adjacent) out += gap;
      pending = { charset, bytes: [bytes] };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}
