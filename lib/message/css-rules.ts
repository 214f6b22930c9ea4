// Just enough CSS to know what a mail client shows: the declarations of an inline style, and the
// rules of a <style> block with the simple selectors mail uses (tag, .class, #id, ::before/::after).
// Not a CSS engine: a selector is matched by its last compound only ("td .x" as ".x"), so a rule
// applies to at least the elements it really does. Over-matching is safe here: hidden text is
// scanned too, and text a rule would insert is scanned wherever it lands. One pass, no backtracking.

export type Declarations = Map<string, string>;

export interface CssRule {
  tag?: string;
  id?: string;
  classes: string[];
  /** The rule styles the element's ::before or ::after box, not the element itself. */
  pseudo?: 'before' | 'after';
  declarations: Declarations;
}

/** Pseudo-classes whose rules apply only after the reader does something (hover, focus…). */
const INTERACTIVE = /:(?:hover|focus|focus-within|focus-visible|active|visited|target|checked)\b/i;

/** Splits on a separator outside quotes and brackets: "a;b" → [a, b]; 'content:";"' stays whole. */
function splitOutside(text: string, separator: string): string[] {
  const out: string[] = [];
  let quote = '';
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote !== '') {
      if (c === '\\') i += 1;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === separator && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

/** "display: none !important; color:red" → {display: "none", color: "red"}; later ones win. */
export function parseDeclarations(style: string): Declarations {
  const out: Declarations = new Map();
  for (const piece of splitOutside(style, ';')) {
    const colon = piece.indexOf(':');
    if (colon <= 0) continue;
    const name = piece.slice(0, colon).trim().toLowerCase();
    const value = piece.slice(colon + 1).replace(/!\s*important\s*$/i, '').trim();
    if (name !== '') out.set(name, value);
  }
  return out;
}

/**
 * The text a `content` value draws: 'content: "JG " attr(data-n) "10"' → "JG " + the element's
 * data-n + "10". Without the element, attr() draws nothing.
 */
export function contentText(value: string, attributes: Readonly<Record<string, string>> = {}): string {
  let out = '';
  // Bounded: an unclosed quote is not followed to the end of the text from every quote after it.
  const pieces = /"((?:[^"\\]|\\.){0,2000})"|'((?:[^'\\]|\\.){0,2000})'|attr\(\s*([\w-]{1,64})\s*\)/gi;
  for (const m of value.matchAll(pieces)) {
    if (m[3] !== undefined) out += attributes[m[3].toLowerCase()] ?? '';
    else out += unescapeCss(m[1] ?? m[2] ?? '');
  }
  return out;
}

/** CSS escapes in a string: "\4A" → "J", "\"" → '"'. */
function unescapeCss(text: string): string {
  return text.replace(/\\([0-9a-fA-F]{1,6})\s?|\\(.)/g, (_m, hex: string | undefined, char: string | undefined) => {
    if (hex === undefined) return char ?? '';
    const code = Number.parseInt(hex, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function stripComments(css: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = css.indexOf('/*', at);
    if (open === -1) return out + css.slice(at);
    out += `${css.slice(at, open)} `;
    const close = css.indexOf('*/', open + 2);
    if (close === -1) return out;
    at = close + 2;
  }
}

/** One selector's subject: ".a .b::before" → {classes: [b], pseudo: before}; undefined if it never applies unprompted. */
function subjectOf(selector: string): Omit<CssRule, 'declarations'> | undefined {
  if (INTERACTIVE.test(selector)) return undefined;
  const compounds = selector.trim().split(/[\s>+~]+/);
  let last = compounds[compounds.length - 1] ?? '';
  let pseudo: CssRule['pseudo'];
  const pseudoAt = /::?(before|after)\b/i.exec(last);
  if (pseudoAt) {
    pseudo = pseudoAt[1]!.toLowerCase() as 'before' | 'after';
    last = last.slice(0, pseudoAt.index);
  }
  last = last.replace(/\[[^\]]{0,200}\]/g, '').replace(/:[\w-]+(?:\([^)]{0,200}\))?/g, '');
  const tag = /^[a-zA-Z][\w-]*/.exec(last)?.[0]?.toLowerCase();
  const id = /#([\w-]+)/.exec(last)?.[1];
  const classes = [...last.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!);
  return { ...(tag ? { tag } : {}), ...(id ? { id } : {}), classes, ...(pseudo ? { pseudo } : {}) };
}

/**
 * The rules of a style sheet in order. Rules inside @media and @supports count (a client may apply
 * them); other at-rules (@font-face, @keyframes, @import) style nothing that is read.
 */
export function parseStyleSheet(css: string): CssRule[] {
  const rules: CssRule[] = [];
  const text = stripComments(css);
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{', at);
    if (open === -1) break;
    const prelude = text.slice(at, open).trim();
    if (/^@(?:media|supports|document)\b/i.test(prelude)) {
      at = open + 1; // read the rules inside as if at the top level
      continue;
    }
    const close = text.indexOf('}', open + 1);
    const body = text.slice(open + 1, close === -1 ? text.length : close);
    at = close === -1 ? text.length : close + 1;
    if (prelude.startsWith('@')) {
      // An at-rule's own block may hold nested braces (@font-face has none; @keyframes has): skip to its end.
      if (/^@keyframes|^@-\w+-keyframes/i.test(prelude)) at = skipBlock(text, open);
      continue;
    }
    const clean = prelude.replace(/^[\s}]+/, '');
    if (clean === '') continue;
    const declarations = parseDeclarations(body);
    for (const selector of splitOutside(clean, ',')) {
      const subject = subjectOf(selector);
      if (subject) rules.push({ ...subject, declarations });
    }
  }
  return rules;
}

/** The offset just past the block opened at `open`, counting nested braces. */
function skipBlock(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && (depth -= 1) === 0) return i + 1;
  }
  return text.length;
}

/** Whether a rule's subject fits an element with this tag, id and classes. */
export function ruleMatches(rule: CssRule, tag: string, id: string | undefined, classes: ReadonlySet<string>): boolean {
  if (rule.tag !== undefined && rule.tag !== tag) return false;
  if (rule.id !== undefined && rule.id !== id) return false;
  return rule.classes.every((c) => classes.has(c));
}
