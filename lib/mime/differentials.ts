// Places where MIME readers disagree about a message, so that the recipient's mail program may show
// text the gateway's parser (mailparser) never read. Found in one pass over the raw bytes: the
// message's header section and the header section of every part that follows a declared boundary.
//
// Two kinds of answer:
// - Lines some readers take as the start of the body: a header-section line with no colon (or a
//   field name with spaces in it), and the lines after a whitespace-only line. mailparser skips the
//   one and reads on past the other; Python's email and some clients start the body there. Both
//   readings are scanned: these lines are returned as text.
// - Structure that can be read two ways: two different Content-Type or Content-Transfer-Encoding
//   (or Content-Disposition) fields in one part, a parameter (boundary, charset, name) given
//   twice with different values, or a boundary or charset whose RFC 2231 extended form
//   ("boundary*=") says something else than its plain form. Which one a reader takes decides what the body is; the message is
//   reported ambiguous and held as unreadable rather than passed on one reading.

import { decodeEncodedWords } from './encoded-words.ts';
import { bytesToText } from './raw-headers.ts';

export interface Differentials {
  /** Why the structure can be read more than one way; safe for logs (no content). */
  ambiguous?: string;
  /** Header-section lines that some readers show as the start of the body, one per line. */
  bodyStartText: string;
}

/** Fields whose duplicates change what the body is, or what it is called. */
const STRUCTURAL = ['content-type', 'content-transfer-encoding', 'content-disposition'];

/** More alternative-reading text than this is not collected: the message is reported ambiguous. */
const MAX_BODY_START_CHARS = 64 * 1024;

/** A field name as strict readers accept it: printable ASCII, no spaces (RFC 5322 §3.6.8). */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Splits on ';' outside double quotes. */
function parameters(value: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let quoted = false;
  let from = 0;
  const pieces: string[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i];
    if (c === '\\' && quoted) i += 1;
    else if (c === '"') quoted = !quoted;
    else if (c === ';' && !quoted) {
      pieces.push(value.slice(from, i));
      from = i + 1;
    }
  }
  pieces.push(value.slice(from));
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const name = piece.slice(0, eq).trim().toLowerCase();
    const raw = piece.slice(eq + 1).trim();
    out.push([name, raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw]);
  }
  return out;
}

/** Parameter names safe to name in a log line; any other name is the sender's text and is not repeated. */
const KNOWN_PARAMETERS = new Set(['boundary', 'charset', 'name', 'filename', 'format', 'delsp', 'type', 'start', 'method', 'protocol', 'micalg', 'size']);

const paramLabel = (param: string): string => (KNOWN_PARAMETERS.has(param) ? `the ${param} parameter` : 'a parameter');

/** An RFC 2231 extended value, "us-ascii'en'a%20b" → "a b" (as far as percent-escapes go). */
function extendedValue(value: string): string {
  const text = value.split("'").slice(2).join("'") || value;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A boundary or charset given both plainly and in RFC 2231's extended form ("boundary*=") with
 * different values: readers that know the extended form take it, others the plain one.
 */
function extendedDisagrees(params: ReadonlyArray<[string, string]>): string | undefined {
  const values = new Map(params);
  for (const name of ['boundary', 'charset']) {
    const plain = values.get(name);
    const extended = values.get(`${name}*`);
    if (plain !== undefined && extended !== undefined && extendedValue(extended) !== plain) {
      return `a part gives the ${name} parameter in two forms with different values`;
    }
  }
  return undefined;
}

const canonical = (value: string): string => value.replace(/\s+/g, '').replace(/"/g, '').toLowerCase();

interface Block {
  fields: Map<string, string[]>;
  current?: { name: string; value: string };
}

/** What a finished header section says: an ambiguity, and any boundaries it declares. */
function finishBlock(block: Block, boundaries: Set<string>): string | undefined {
  if (block.current) {
    const list = block.fields.get(block.current.name) ?? [];
    list.push(block.current.value);
    block.fields.set(block.current.name, list);
    block.current = undefined;
  }
  let problem: string | undefined;
  for (const name of STRUCTURAL) {
    const values = block.fields.get(name) ?? [];
    if (new Set(values.map(canonical)).size > 1) problem ??= `a part has two different ${name} fields`;
    for (const value of values) {
      const seen = new Map<string, string>();
      const params = parameters(value);
      for (const [param, paramValue] of params) {
        const before = seen.get(param);
        if (before !== undefined && before !== paramValue) problem ??= `a part gives ${paramLabel(param)} twice with different values`;
        seen.set(param, paramValue);
        if (name === 'content-type' && param === 'boundary' && paramValue !== '') boundaries.add(paramValue);
      }
      problem ??= extendedDisagrees(params);
      // A reader that honours the extended form splits on its boundary: look for that one too.
      const extended = seen.get('boundary*');
      if (name === 'content-type' && extended !== undefined) boundaries.add(extendedValue(extended));
    }
  }
  return problem;
}

export function mimeDifferentials(raw: Buffer): Differentials {
  const boundaries = new Set<string>();
  let ambiguous: string | undefined;
  const bodyStart: Buffer[] = [];
  let bodyStartChars = 0;
  let block: Block | undefined = { fields: new Map() };
  /** Inside a header section, after a line some readers take as the start of the body. */
  let diverged = false;
  let first = true;
  let pos = 0;
  while (pos < raw.length) {
    const nl = raw.indexOf(0x0a, pos);
    const end = nl === -1 ? raw.length : nl;
    const next = nl === -1 ? raw.length : nl + 1;
    if (block === undefined) {
      // Body: only a boundary line matters, and it starts with "--".
      if (raw[pos] === 0x2d && raw[pos + 1] === 0x2d) {
        const line = raw.toString('latin1', pos + 2, Math.min(end, pos + 2 + 200)).trimEnd();
        if (boundaries.has(line)) {
          block = { fields: new Map() };
          diverged = false;
        }
      }
      pos = next;
      continue;
    }
    const line = raw.toString('latin1', pos, end).replace(/\r$/, '');
    pos = next;
    const atStart = first;
    first = false;
    if (line === '') {
      const problem = finishBlock(block, boundaries);
      ambiguous ??= problem;
      block = undefined;
      continue;
    }
    if (diverged) {
      collect(line);
      if (line[0] !== ' ' && line[0] !== '\t') startField(line);
      else if (block.current) block.current.value += line;
      continue;
    }
    if (line.trim() === '') {
      diverged = true; // readers that end the header section here show what follows as body
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (block.current) block.current.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !FIELD_NAME.test(line.slice(0, colon))) {
      // An mbox "From " separator before the headers is no header line, for any reader.
      if (atStart && line.startsWith('From ')) continue;
      diverged = true;
      collect(line);
      continue;
    }
    startField(line);
  }
  if (block !== undefined) ambiguous ??= finishBlock(block, boundaries);
  if (bodyStartChars > MAX_BODY_START_CHARS) ambiguous ??= 'a header section has more lines that some readers show as body text than the gateway reads';
  const bodyStartText = decodeEncodedWords(bodyStart.map((bytes) => bytesToText(bytes)).join('\n'));
  return { ...(ambiguous === undefined ? {} : { ambiguous }), bodyStartText };

  function collect(line: string): void {
    if (bodyStartChars > MAX_BODY_START_CHARS) return;
    bodyStart.push(Buffer.from(line, 'latin1'));
    bodyStartChars += line.length + 1;
  }

  function startField(line: string): void {
    if (block === undefined) return;
    const colon = line.indexOf(':');
    if (colon <= 0) return;
    if (block.current) {
      const list = block.fields.get(block.current.name) ?? [];
      list.push(block.current.value);
      block.fields.set(block.current.name, list);
    }
    block.current = { name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) };
  }
}
