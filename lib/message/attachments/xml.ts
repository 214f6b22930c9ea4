// A minimal XML tokenizer for the parts of office documents: tags and text in one forward pass
// with indexOf, entities decoded. Enough to read OOXML and OpenDocument text; not a validator.

export type XmlToken =
  | { type: 'open'; name: string; attrs: string; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/** The part of a qualified name after its prefix: "w:t" → "t". */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** An attribute's decoded value from a tag's attribute text, by its exact (qualified) name. */
export function attribute(attrs: string, name: string): string | undefined {
  let at = attrs.indexOf(name);
  while (at !== -1) {
    const before = at === 0 ? ' ' : attrs.charAt(at - 1);
    let i = at + name.length;
    while (attrs.charAt(i) === ' ') i += 1;
    if (/\s/.test(before) && attrs.charAt(i) === '=') {
      i += 1;
      while (attrs.charAt(i) === ' ') i += 1;
      const quote = attrs.charAt(i);
      if (quote === '"' || quote === "'") {
        const end = attrs.indexOf(quote, i + 1);
        if (end !== -1) return decodeEntities(attrs.slice(i + 1, end));
      }
    }
    at = attrs.indexOf(name, at + name.length);
  }
  return undefined;
}

function tagName(inner: string): { name: string; rest: string } {
  let end = 0;
  while (end < inner.length && !/[\s/>]/.test(inner.charAt(end))) end += 1;
  return { name: inner.slice(0, end), rest: inner.slice(end) };
}

export function* xmlTokens(xml: string): Generator<XmlToken> {
  let at = 0;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > at) yield { type: 'text', text: decodeEntities(xml.slice(at, textEnd)) };
    if (lt === -1) return;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      yield { type: 'text', text: xml.slice(lt + 9, end === -1 ? xml.length : end) };
      at = end === -1 ? xml.length : end + 3;
      continue;
    }
    // Comments, processing instructions and declarations carry no document text.
    const closer = xml.startsWith('<!--', lt) ? '-->' : xml.startsWith('<?', lt) ? '?>' : '>';
    const gt = xml.indexOf(closer, lt + 1);
    if (gt === -1) return;
    at = gt + closer.length;
    if (closer !== '>' || xml.charAt(lt + 1) === '!') continue;
    const inner = xml.slice(lt + 1, gt);
    if (inner.startsWith('/')) {
      yield { type: 'close', name: tagName(inner.slice(1)).name };
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const { name, rest } = tagName(selfClosing ? inner.slice(0, -1) : inner);
    yield { type: 'open', name, attrs: rest, selfClosing };
  }
}

export interface XmlTextOptions {
  /** Local names of elements after which a line ends (paragraphs, rows). */
  lineBreakAfter: ReadonlySet<string>;
  /** Local names of empty elements that stand for a line break, tab or space. */
  breaks?: Readonly<Record<string, string>>;
  /** Local names of elements whose text is left out (e.g. phonetic guides). */
  skip?: ReadonlySet<string>;
}

/** The text content of an XML document, with line breaks after paragraph-like elements. */
export function xmlText(xml: string, options: XmlTextOptions): string {
  const out: string[] = [];
  let skipping = 0;
  for (const token of xmlTokens(xml)) {
    if (token.type === 'text') {
      if (skipping === 0) out.push(token.text);
      continue;
    }
    const name = localName(token.name);
    if (token.type === 'open') {
      if (options.skip?.has(name) && !token.selfClosing) skipping += 1;
      const replacement = options.breaks?.[name];
      if (replacement !== undefined && skipping === 0) out.push(replacement);
      if (token.selfClosing && options.lineBreakAfter.has(name)) out.push('\n');
      continue;
    }
    if (options.skip?.has(name)) skipping = Math.max(0, skipping - 1);
    else if (options.lineBreakAfter.has(name) && skipping === 0) out.push('\n');
  }
  return out.join('');
}

/** The text inside elements with the given local names, one string per element. */
export function textsOf(xml: string, names: ReadonlySet<string>): string[] {
  const texts: string[] = [];
  let depth = 0;
  let current: string[] = [];
  for (const token of xmlTokens(xml)) {
    if (token.type === 'text') {
      if (depth > 0) current.push(token.text);
    } else if (names.has(localName(token.name)) && !(token.type === 'open' && token.selfClosing)) {
      depth += token.type === 'open' ? 1 : -1;
      if (depth <= 0) {
        depth = 0;
        if (current.length > 0) texts.push(current.join(''));
        current = [];
      }
    }
  }
  return texts;
}
