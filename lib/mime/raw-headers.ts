// Reads the header section of a raw message without parsing (or re-encoding) anything else, so a
// header can be replaced while every other byte — body, attachments, signatures — stays as sent.
// Works on a latin1 view of the bytes: one character per byte, so string offsets are byte offsets.

export interface RawField {
  /** Field name as written ("Subject", "SUBJECT"). */
  name: string;
  /** Byte offset of the field's first character. */
  start: number;
  /** Byte offset just past its last line break (continuation lines included). */
  end: number;
  /** Byte offset just past the colon. */
  valueStart: number;
  /** The line break the field ends with ('\r\n' or '\n'; '' at the very end of the input). */
  eol: string;
}

/**
 * Where a latin1 view must reach to take in the header section and the blank line after it: the
 * first blank line is at the very start or follows a line break. A 40 MB message is not turned
 * into a 40 MB string each time a header is read.
 */
function headerSectionEnd(raw: Buffer): number {
  const ends = [raw.indexOf('\n\n'), raw.indexOf('\n\r\n')].filter((at) => at >= 0);
  return ends.length > 0 ? Math.min(...ends) + 3 : raw.length;
}

/** Every header field in order; stops at the blank line that ends the header section. */
export function rawFields(raw: Buffer): RawField[] {
  const text = raw.toString('latin1', 0, headerSectionEnd(raw));
  const fields: RawField[] = [];
  let current: RawField | undefined;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const content = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    if (content === '') break; // the blank line ending the header section
    const eol = nl < 0 ? '' : text[nl - 1] === '\r' ? '\r\n' : '\n';
    if ((content[0] === ' ' || content[0] === '\t') && current) {
      current.end = lineEnd;
      current.eol = eol;
    } else {
      const colon = content.indexOf(':');
      // A line that is neither a field nor a continuation means the header section is malformed:
      // stop rather than guess (the rest is left untouched).
      if (colon <= 0) break;
      current = { name: content.slice(0, colon).trim(), start: pos, end: lineEnd, valueStart: pos + colon + 1, eol };
      fields.push(current);
    }
    pos = lineEnd;
  }
  return fields;
}

/** The field's value bytes with folding removed (RFC 5322 §2.2.3: drop the CRLF before WSP). */
export function unfoldedValue(raw: Buffer, field: RawField): Buffer {
  const value = raw.subarray(field.valueStart, field.end);
  const out: number[] = [];
  for (const byte of value) {
    if (byte !== 0x0d && byte !== 0x0a) out.push(byte);
  }
  return Buffer.from(out);
}

export function findFields(raw: Buffer, name: string): RawField[] {
  const wanted = name.toLowerCase();
  return rawFields(raw).filter((f) => f.name.toLowerCase() === wanted);
}

/** The first field of that name, unfolded and trimmed, as text (UTF-8 where valid, else latin1). */
export function headerText(raw: Buffer, name: string): string | undefined {
  const field = findFields(raw, name)[0];
  return field ? bytesToText(unfoldedValue(raw, field)).trim() : undefined;
}

/** Header bytes are ASCII by the standard; raw 8-bit UTF-8 occurs in practice and is honoured. */
export function bytesToText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** The raw message with one field's bytes replaced by `replacement` (which must end with a line break). */
export function replaceField(raw: Buffer, field: RawField, replacement: string): Buffer {
  return Buffer.concat([raw.subarray(0, field.start), Buffer.from(replacement, 'utf8'), raw.subarray(field.end)]);
}
