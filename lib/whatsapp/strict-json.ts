// Reads a send body the one way every JSON parser reads it, or not at all. The proxy scans the
// parsed value but forwards the raw bytes, so anything two parsers may read differently is a way
// past the scan: with duplicate keys ({"body":"harmless","body":"JG 10 37 85 A"}) JSON.parse keeps
// the last value while another parser may keep the first; invalid UTF-8 is replaced here and may be
// read otherwise by Graph. Such bodies are refused, never forwarded.
//
// Duplicates are found by one pass over the text with an explicit stack (no recursion, so a deeply
// nested body cannot overflow the call stack), which also refuses nesting deeper than any send
// body has. Each key is decoded (so "b\u006fdy" and "body" are the same key) and kept in a set per
// object: linear in the body's length.
import { MAX_SEND_BODY_DEPTH, safeKey } from '../message/whatsapp-schema.ts';

export type StrictJson = { ok: true; value: unknown } | { ok: false; message: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

interface ObjectFrame {
  keys: Set<string>;
  /** The next string is a key (after "{" or ","), not a value (after ":"). */
  expectKey: boolean;
}
/** null stands for an array. */
type Frame = ObjectFrame | null;

const refuse = (message: string): StrictJson => ({ ok: false, message });
const NOT_JSON = refuse('(#100) The request body must be valid JSON.');

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 1;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** Why the text's structure is ambiguous or too deep; undefined when it is neither. */
function structureProblem(text: string): StrictJson | undefined {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return NOT_JSON;
      if (top?.expectKey) {
        // Decoded only when escaped: most keys are plain field names.
        let key = text.slice(i + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            return NOT_JSON;
          }
        }
        if (top.keys.has(key)) return refuse(`(#100) The request body has the parameter ${safeKey(key)} twice in one object; send each parameter once.`);
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (stack.length >= MAX_SEND_BODY_DEPTH) return refuse(`(#100) The request body is nested more than ${MAX_SEND_BODY_DEPTH} levels deep.`);
      top = c === OPEN_OBJECT ? { keys: new Set(), expectKey: true } : null;
      stack.push(top);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      top = stack.at(-1);
    } else if (c === COMMA && top) {
      top.expectKey = true;
    }
  }
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readStrictJson(raw: Buffer): StrictJson {
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    return refuse('(#100) The request body must be UTF-8 text.');
  }
  const problem = structureProblem(text);
  if (problem) return problem;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return NOT_JSON;
  }
}
