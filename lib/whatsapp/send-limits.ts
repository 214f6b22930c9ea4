// Length limits Graph applies to a send body, checked before anything is scanned or forwarded so
// an over-long body gets Graph's kind of answer (400, code 100) rather than a hold. Characters are
// counted as Graph counts them, in UTF-16 code units.

/** A send body is a few kilobytes at most; this leaves room for long templates and lists. */
export const MAX_SEND_BODY_BYTES = 64 * 1024;

type Path = readonly string[];

/** Graph's documented maximums for the fields councillors write. */
const FIELD_LIMITS: ReadonlyArray<readonly [Path, number]> = [
  [['text', 'body'], 4096],
  [['image', 'caption'], 1024],
  [['video', 'caption'], 1024],
  [['document', 'caption'], 1024],
  [['document', 'filename'], 240],
  [['interactive', 'body', 'text'], 1024],
  [['interactive', 'header', 'text'], 60],
  [['interactive', 'footer', 'text'], 60],
];

function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Graph names nested parameters as text['body']. */
const graphName = (path: Path): string => `${path[0]}${path.slice(1).map((k) => `['${k}']`).join('')}`;

/** Graph's message for the first field over its limit, or undefined. */
export function overLongField(body: unknown): string | undefined {
  for (const [path, max] of FIELD_LIMITS) {
    const value = at(body, path);
    if (typeof value === 'string' && value.length > max) return `(#100) Param ${graphName(path)} must be at most ${max} characters long.`;
  }
  return undefined;
}
