// HTML (a mail body or an .html attachment) to the plain text a recipient reads. Blockquotes come
// out as '> ' lines so quote detection sees them; nothing the recipient could see is dropped:
// the whole document is converted (not just <body>: text after </html> still renders), link
// targets and image alt text are kept. Text the client hides, and attribute text it shows only
// on request, is taken out of that reading (html-reveal.ts) and returned beside it, to be
// scanned on its own: hidden junk then cannot split a value in the rendered reading.
import { convert, type HtmlToTextOptions } from 'html-to-text';
import { CUT_MARKER, revealHtml } from './html-reveal.ts';

/**
 * Deeper nesting is not converted. Real markup stays far below it (browsers flatten anything
 * past 512 levels), and the HTML parser's cost grows with the square of the depth.
 */
export const MAX_HTML_DEPTH = 1000;

/** Marks where the converter skipped content for depth: a noncharacter, removed from input first. */
const SKIPPED = CUT_MARKER;

/** Elements that never contain anything, and those whose end tag is implied by the next sibling. */
const NON_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rt', 'rp',
]);

const TAG_NAME = /^\/?([a-zA-Z][a-zA-Z0-9:-]{0,63})/;

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  baseElements: { selectors: [], returnDomByDefault: true },
  limits: { maxDepth: MAX_HTML_DEPTH, ellipsis: SKIPPED, maxInputLength: Number.MAX_SAFE_INTEGER },
  formatters: {
    // Alt text is what a reader sees of an image; its source (often a huge data: URL) is not.
    altOnly: (elem, _walk, builder) => {
      const alt: unknown = elem.attribs?.alt;
      if (typeof alt === 'string' && alt.trim() !== '') builder.addInline(alt);
    },
  },
  selectors: [
    { selector: 'img', format: 'altOnly' },
    // Links as plain-text alternatives write them, so identical versions compare equal.
    { selector: 'a', options: { linkBrackets: ['<', '>'], hideLinkHrefIfSameAsText: true } },
    // Headings keep their case: upper-casing would turn a title into what looks like a marking.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    // Table cells on lines of their own: run together, "Clarke" and "07700 900123" read as one word.
    // The document and its body are blocks too, so text after </html> does not join the last word.
    ...['html', 'body', 'table', 'tr', 'td', 'th'].map((selector) => ({
      selector,
      format: 'block',
      options: { leadingLineBreaks: 1, trailingLineBreaks: 1 },
    })),
  ],
};

/**
 * An upper bound on element nesting, by counting open and close tags in one linear pass. Elements
 * whose end tag may be left out are not counted, so sloppy but ordinary HTML does not look deep.
 */
export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  let at = html.indexOf('<');
  while (at !== -1) {
    if (html.startsWith('<!--', at)) {
      const end = html.indexOf('-->', at + 4);
      if (end === -1) break;
      at = html.indexOf('<', end + 3);
      continue;
    }
    const close = html.indexOf('>', at + 1);
    if (close === -1) break;
    const name = TAG_NAME.exec(html.slice(at + 1, Math.min(close, at + 66)))?.[1]?.toLowerCase();
    if (name !== undefined && !NON_NESTING.has(name)) {
      if (html.charCodeAt(at + 1) === 47) depth = Math.max(0, depth - 1);
      else if (html.charCodeAt(close - 1) !== 47) max = Math.max(max, (depth += 1));
    }
    at = html.indexOf('<', close + 1);
  }
  return max;
}

export interface HtmlText {
  /** The text as rendered. */
  text: string;
  /** Text the client does not show (display:none, a zero font, comments …), one run per line. */
  hidden: string;
  /** Titles, labels, link and image targets decoded, CSS content, Outlook-only content: one per line. */
  revealed: string;
  /** Set when some of the HTML could not be converted; names the problem, never the content. */
  problem?: string;
}

export function htmlToText(html: string): HtmlText {
  if (nestingDepth(html) > MAX_HTML_DEPTH * 4) {
    return { text: '', hidden: '', revealed: '', problem: `HTML nested more than ${MAX_HTML_DEPTH * 4} elements deep` };
  }
  const shown = revealHtml(html.includes(SKIPPED) ? html.split(SKIPPED).join('') : html);
  const converted = convert(shown.html, OPTIONS);
  const problems = [...shown.problems];
  if (converted.includes(SKIPPED)) problems.push(`HTML nested more than ${MAX_HTML_DEPTH} elements deep`);
  return {
    text: converted.split(SKIPPED).join(''),
    hidden: shown.hidden.join('\n'),
    revealed: shown.revealed.join('\n'),
    ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
  };
}

/**
 * All of a document's text in one string, for an HTML attachment read as a single part: the
 * rendered reading, then the hidden text, then what the client shows on request, each apart.
 */
export function htmlToAllText(html: string): Pick<HtmlText, 'text' | 'problem'> {
  const converted = htmlToText(html);
  const text = [converted.text, converted.hidden, converted.revealed].filter((t) => t.trim() !== '').join('\n\n');
  return converted.problem === undefined ? { text } : { text, problem: converted.problem };
}
