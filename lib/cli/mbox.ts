// Splits an mbox file into its messages. Each message starts with a "From " line at the start of the
// file or after a blank line (writers separate messages with one); that line is the mbox's own, not
// part of the message, and is dropped. Requiring the blank line keeps an unescaped "From the car
// park…" inside a paragraph from splitting a message.
// Lines the writer escaped as ">From " (mboxrd and mboxo) are left as they are: a reader cannot
// tell the two conventions apart, and one '>' more or less changes no finding.

const SEPARATOR = Buffer.from('\n\nFrom ');
const FROM = Buffer.from('From ');

function lineEnd(buffer: Buffer, from: number): number {
  const i = buffer.indexOf(0x0a, from);
  return i === -1 ? buffer.length : i + 1;
}

/** The messages of an mbox, without their "From " lines; [] when the file does not start with one. */
export function splitMbox(buffer: Buffer): Buffer[] {
  let start = buffer.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : 0;
  if (!buffer.subarray(start, start + FROM.length).equals(FROM)) return [];
  const messages: Buffer[] = [];
  while (start < buffer.length) {
    const bodyStart = lineEnd(buffer, start);
    const next = buffer.indexOf(SEPARATOR, bodyStart - 2);
    const end = next === -1 ? buffer.length : next + 2;
    const message = buffer.subarray(bodyStart, end);
    if (message.toString('latin1').trim() !== '') messages.push(message);
    start = end;
  }
  return messages;
}
