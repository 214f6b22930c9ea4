// Bounded looks around a match that tell a marking talked about from one applied: the quotation
// marks around it, and where its sentence or paragraph begins (so a cue such as "this report" or
// "RESOLVED that" is only read from the same sentence or paragraph). Every look reads at most a
// fixed number of characters, so judging one match costs the same on any length of text.

/** Opening and closing quotation marks, straight and curly, single and double, and guillemets. */
const QUOTES = new Set(['"', "'", '‘', '’', '“', '”', '«', '»', '‚', '„', '`']);

/** Written inside quotation marks: ‘Strictly Private and Confidential’, "OFFICIAL-SENSITIVE". */
export function isQuoted(text: string, start: number, end: number): boolean {
  return QUOTES.has(text[start - 1] ?? '') && QUOTES.has(text[end] ?? '');
}

/**
 * Where the sentence holding `offset` starts: just after the last full stop, question or
 * exclamation mark followed by a space, or the last blank line, no further back than `reach`.
 * With `acrossBlankLines`, a blank line does not end it: minutes copied from a web page break a
 * resolution over blank lines in mid-sentence.
 */
export function sentenceStart(text: string, offset: number, reach: number, acrossBlankLines = false): number {
  const limit = Math.max(0, offset - reach);
  for (let i = offset - 1; i > limit; i -= 1) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? '')) return i + 1;
    if (!acrossBlankLines && c === '\n' && blankLineBefore(text, i, limit)) return i + 1;
  }
  return limit;
}

/** Where the sentence holding `offset` ends: at its full stop, question or exclamation mark, or a blank line, within `reach`. */
export function sentenceEnd(text: string, offset: number, reach: number): number {
  const limit = Math.min(text.length, offset + reach);
  for (let i = offset; i < limit; i += 1) {
    const c = text[i];
    if ((c === '.' || c === '!' || c === '?') && !/\S/.test(text[i + 1] ?? ' ')) return i;
    if (c === '\n' && /^[ \t\r]*\n/.test(text.slice(i + 1, Math.min(limit, i + 40)))) return i;
  }
  return limit;
}

/** True when the line ending at the "\n" at `newline` is blank (spaces only). */
function blankLineBefore(text: string, newline: number, limit: number): boolean {
  for (let j = newline - 1; j >= limit; j -= 1) {
    const c = text[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return false;
}
