// Separates what an HTML message shows from what it hides, before it is turned into text. The
// rendered reading drops text a mail client does not show (display:none, visibility:hidden, a
// zero or 1px font, opacity 0, a zero-size or off-screen box, text the colour of its background,
// Outlook's mso-hide), so junk hidden between the groups of a value does not split it; adds what
// the client draws that is not text in the markup (form field values and placeholders, CSS
// ::before/::after content, an iframe's srcdoc); writes <bdo dir=rtl> text in the order shown;
// and keeps ruby annotations apart from their base. Everything taken out, and what a client
// reveals on request (titles, labels, link and image targets, conditional comments Outlook
// renders), is returned beside it: hidden text is sent too, so it is scanned too.
//
// One iterative walk over the parsed document (no recursion a deep document could overflow);
// style rules are matched through an index, and their total matching work is capped.
import render from 'dom-serializer';
import { Element, Text, isComment, isTag, isText, type ChildNode, type ParentNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { contentText, parseDeclarations, parseStyleSheet, ruleMatches, type CssRule, type Declarations } from './css-rules.ts';

/** iframe srcdoc inside srcdoc is read this deep; deeper is reported, not read. */
export const MAX_FRAME_DEPTH = 3;

/**
 * Elements deeper than this are cut off (the serialiser recurses per level, and the converter
 * reads no deeper than 1000 levels anyway); where they were, the caller's marker is left so the
 * cut is reported.
 */
export const MAX_REVEAL_DEPTH = 1100;

/** Rule-against-element checks allowed per document: style sheets beyond this are reported, not applied. */
const MATCH_BUDGET = 300_000;

export interface Revealed {
  /** The document as rendered, serialised again for the text converter. */
  html: string;
  /** Text a client does not show, one run per line. */
  hidden: string[];
  /** Attribute text a client shows on hover or on request, and Outlook-only content, one item per line. */
  revealed: string[];
  problems: string[];
}

/** What an element passes down to its children. */
interface Inherited {
  tinyFont: boolean;
  invisible: boolean;
  color?: string;
  background?: string;
  /** Inside <bdo dir=rtl> or a bidi-override rtl box: text is shown reversed. */
  reversed: boolean;
}

const ROOT: Inherited = { tinyFont: false, invisible: false, reversed: false };

/** Elements whose content no client shows as text. */
const NEVER_SHOWN = new Set(['script', 'template', 'noframes']);

const NAMED_COLOURS: Record<string, string> = { white: '#ffffff', black: '#000000' };

function normaliseColour(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return v;
  if (NAMED_COLOURS[v]) return NAMED_COLOURS[v];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]{1,8})\s*)?\)$/.exec(v);
  if (rgb) {
    if (rgb[4] !== undefined && Number.parseFloat(rgb[4]) < 0.1) return 'transparent';
    return `#${[rgb[1], rgb[2], rgb[3]].map((n) => Math.min(255, Number(n)).toString(16).padStart(2, '0')).join('')}`;
  }
  return v;
}

/** A length in CSS pixels, where it can be told: "0", "1px", "0.5pt", "0em" (em and % of a 16px font). */
function pixels(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?[\d.]{1,12})(px|pt|em|rem|%|)?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number.parseFloat(m[1]!);
  if (Number.isNaN(n)) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'pt') return (n * 4) / 3;
  if (unit === 'em' || unit === 'rem') return n * 16;
  if (unit === '%') return (n * 16) / 100;
  return n;
}

const isZero = (value: string | undefined): boolean => {
  const px = pixels(value);
  return px !== undefined && px <= 1;
};

/** Whether an element and everything in it are out of sight, whatever its children say. */
function hidesEverything(elem: Element, style: Declarations): boolean {
  if (elem.attribs.hidden !== undefined) return true;
  if (elem.name === 'input' && (elem.attribs.type ?? '').toLowerCase() === 'hidden') return true;
  if ((style.get('display') ?? '').toLowerCase() === 'none') return true;
  if ((style.get('mso-hide') ?? '').toLowerCase() === 'all') return true;
  const opacity = Number.parseFloat(style.get('opacity') ?? '1');
  if (!Number.isNaN(opacity) && opacity < 0.1) return true;
  const clipped = /hidden|clip/i.test(style.get('overflow') ?? '') || /hidden|clip/i.test(style.get('overflow-y') ?? '');
  const zeroBox = ['width', 'height', 'max-width', 'max-height'].some((p) => isZero(style.get(p)));
  if (clipped && zeroBox) return true;
  // Moved far off the screen, or its text pushed out of its box.
  const positioned = /absolute|fixed/i.test(style.get('position') ?? '');
  const offScreen = ['left', 'top', 'right'].some((p) => (pixels(style.get(p)) ?? 0) <= -500);
  if (positioned && offScreen) return true;
  if ((pixels(style.get('text-indent')) ?? 0) <= -500) return true;
  return /rect\(\s*0[a-z]*[\s,]+0/i.test(style.get('clip') ?? '') && positioned;
}

/** The colour token of a `background` shorthand, if it starts with one. */
function backgroundColour(style: Declarations, elem: Element): string | undefined {
  const explicit = style.get('background-color');
  if (explicit !== undefined) return normaliseColour(explicit);
  const shorthand = style.get('background');
  if (shorthand !== undefined) {
    const first = /^(#[0-9a-f]{3,8}|rgba?\([^)]{0,60}\)|[a-z]+)(?:\s|$)/i.exec(shorthand.trim())?.[1];
    if (first !== undefined && !/^(?:url|none|no-repeat|repeat|center|top|left)$/i.test(first)) return normaliseColour(first);
  }
  return elem.attribs.bgcolor === undefined ? undefined : normaliseColour(elem.attribs.bgcolor);
}

function inherit(parent: Inherited, elem: Element, style: Declarations): Inherited {
  const next: Inherited = { ...parent };
  const font = style.get('font-size');
  if (font !== undefined) next.tinyFont = isZero(font);
  const visibility = (style.get('visibility') ?? '').toLowerCase();
  if (visibility === 'hidden' || visibility === 'collapse') next.invisible = true;
  else if (visibility === 'visible') next.invisible = false;
  const colour = style.get('color') ?? elem.attribs.color;
  if (colour !== undefined) next.color = normaliseColour(colour);
  const background = backgroundColour(style, elem);
  if (background !== undefined) next.background = background;
  const bidiOverride = /override/i.test(style.get('unicode-bidi') ?? '');
  const direction = (elem.name === 'bdo' ? elem.attribs.dir : bidiOverride ? style.get('direction') : undefined)?.toLowerCase();
  if (direction === 'rtl') next.reversed = true;
  else if (direction === 'ltr') next.reversed = false;
  return next;
}

function textHidden(state: Inherited): boolean {
  if (state.tinyFont || state.invisible) return true;
  if (state.color === 'transparent') return true;
  // Text the colour of its background; a page with no background colour is white.
  return state.color !== undefined && state.color === (state.background ?? '#ffffff');
}

/** A URL as its reader would see it: percent-escapes and '+' in a query decoded. */
function decodedUrl(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/** Style rules indexed by the most selective part of their subject, so each element checks few. */
class StyleIndex {
  private readonly byKey = new Map<string, CssRule[]>();
  private work = 0;
  exhausted = false;

  constructor(rules: readonly CssRule[]) {
    rules.forEach((rule) => {
      const key = rule.id !== undefined ? `#${rule.id}` : rule.classes[0] !== undefined ? `.${rule.classes[0]}` : (rule.tag ?? '*');
      const list = this.byKey.get(key) ?? [];
      list.push(rule);
      this.byKey.set(key, list);
    });
  }

  /** Matching rules in sheet order, split into the element's own and its ::before/::after. */
  match(elem: Element): CssRule[] {
    if (this.byKey.size === 0 || this.exhausted) return [];
    const id = elem.attribs.id;
    const classes = new Set((elem.attribs.class ?? '').split(/\s+/).filter((c) => c !== ''));
    const keys = ['*', elem.name, ...(id === undefined ? [] : [`#${id}`]), ...[...classes].map((c) => `.${c}`)];
    const out: CssRule[] = [];
    for (const key of new Set(keys)) {
      for (const rule of this.byKey.get(key) ?? []) {
        if ((this.work += 1) > MATCH_BUDGET) {
          this.exhausted = true;
          return out;
        }
        if (ruleMatches(rule, elem.name, id, classes)) out.push(rule);
      }
    }
    return out;
  }
}

/** All text in a subtree (and the attributes a reader could see), for content that is hidden whole. */
function subtreeText(root: Element): string[] {
  const lines: string[] = [];
  let run = '';
  const stack: ChildNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) run += node.data;
    else if (isTag(node)) {
      for (const name of ['alt', 'title', 'value', 'placeholder', 'aria-label', 'href']) {
        const value = node.attribs[name];
        if (value !== undefined && value.trim() !== '') lines.push(value);
      }
      for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i]!);
    }
  }
  return [run, ...lines];
}

/** The text of a subtree in the order a reversed box shows it, as one text node. */
function reverseContent(elem: Element): void {
  const text = subtreeText(elem)[0] ?? '';
  const node = new Text(Array.from(text).reverse().join(''));
  node.parent = elem;
  elem.children = [node];
}

function textNode(data: string, parent: Element): Text {
  const node = new Text(data);
  node.parent = parent;
  return node;
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Marks where elements too deep were cut off: a noncharacter, which real text never holds. */
export const CUT_MARKER = '\uFDD0';

/** Holds a frame's place in the serialised document until its own document is put there. */
const FRAME_MARK = '\uFDD1';
const FRAME_PLACE = /\uFDD1(\d{1,9})\uFDD1/g;

export function revealHtml(html: string, frameDepth = 0): Revealed {
  const doc = parseDocument(html.includes(FRAME_MARK) ? html.split(FRAME_MARK).join('') : html, { decodeEntities: true });
  // A frame's document is put in place as text after serialising: the serialiser recurses per
  // level, and a frame's levels would add to the page's.
  const frames: string[] = [];
  const hidden: string[] = [];
  const revealed: string[] = [];
  const problems: string[] = [];
  const removed = new Set<ChildNode>();

  // Style sheets first: a rule applies to elements before and after its <style> alike.
  const rules: CssRule[] = [];
  const sheetStack: ChildNode[] = [...doc.children];
  while (sheetStack.length > 0) {
    const node = sheetStack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === 'style') {
      const css = node.children.map((c) => (isText(c) ? c.data : '')).join('');
      rules.push(...parseStyleSheet(css));
      removed.add(node);
    } else sheetStack.push(...node.children);
  }
  // Content a rule inserts is read wherever it is drawn; every such string is read here as well.
  for (const rule of rules) {
    const content = rule.declarations.get('content');
    if (content !== undefined && rule.pseudo !== undefined) {
      const text = contentText(content);
      if (text.trim() !== '') revealed.push(text);
    }
  }
  const index = new StyleIndex(rules);

  let lastWasHidden = false;
  const hide = (text: string): void => {
    const flat = squash(text);
    if (flat === '') return;
    if (lastWasHidden && hidden.length > 0) hidden[hidden.length - 1] += flat;
    else hidden.push(flat);
    lastWasHidden = true;
  };

  const stack: Array<{ node: ChildNode; state: Inherited; depth: number }> = [];
  const pushChildren = (parent: ParentNode, state: Inherited, depth: number): void => {
    for (let i = parent.children.length - 1; i >= 0; i -= 1) stack.push({ node: parent.children[i]!, state, depth });
  };
  pushChildren(doc, ROOT, 1);

  while (stack.length > 0) {
    const { node, state, depth } = stack.pop()!;
    if (removed.has(node)) continue;
    if (isText(node)) {
      if (textHidden(state)) {
        hide(node.data);
        removed.add(node);
      } else if (node.data.trim() !== '') lastWasHidden = false;
      else if (lastWasHidden) hidden[hidden.length - 1] += ' '; // hidden runs a space apart read apart
      continue;
    }
    if (isComment(node)) {
      readComment(node.data);
      continue;
    }
    if (!isTag(node)) continue;
    const elem = node;
    if (depth > MAX_REVEAL_DEPTH) {
      elem.children = [textNode(CUT_MARKER, elem)];
      continue;
    }
    const matched = index.match(elem);
    const style: Declarations = new Map();
    for (const rule of matched) if (rule.pseudo === undefined) for (const [k, v] of rule.declarations) style.set(k, v);
    const inline = elem.attribs.style;
    if (inline !== undefined) {
      for (const [k, v] of parseDeclarations(inline)) style.set(k, v);
      const content = style.get('content');
      if (content !== undefined && contentText(content).trim() !== '') revealed.push(contentText(content));
    }
    if (NEVER_SHOWN.has(elem.name) || hidesEverything(elem, style)) {
      const [run, ...attributes] = subtreeText(elem);
      hide(run ?? '');
      for (const attribute of attributes) if (squash(attribute) !== '') hidden.push(squash(attribute));
      if (attributes.length > 0) lastWasHidden = false;
      removed.add(elem);
      continue;
    }
    collectAttributes(elem);
    const next = inherit(state, elem, style);
    if (elem.name === 'img' && textHidden(next)) {
      hide(elem.attribs.alt ?? '');
      removed.add(elem);
      continue;
    }
    showFormValue(elem);
    for (const rule of matched) {
      if (rule.pseudo === undefined) continue;
      const content = contentText(rule.declarations.get('content') ?? '', elem.attribs);
      if (content === '') continue;
      if (rule.pseudo === 'before') elem.children.unshift(textNode(content, elem));
      else elem.children.push(textNode(content, elem));
    }
    if (elem.name === 'rt' || elem.name === 'rp') {
      // An annotation is drawn apart from its base: it does not run into it.
      elem.children.unshift(textNode(' ', elem));
      elem.children.push(textNode(' ', elem));
    }
    if (elem.name === 'iframe' && elem.attribs.srcdoc !== undefined) {
      readFrame(elem);
      continue;
    }
    if (next.reversed && !state.reversed) reverseContent(elem);
    pushChildren(elem, next, depth + 1);
  }

  removeAll(removed);
  if (index.exhausted) problems.push('the style sheet has more rules than the gateway applies');
  const rendered = render(doc, { encodeEntities: 'utf8' });
  const withFrames = frames.length === 0 ? rendered : rendered.replace(FRAME_PLACE, (_m, i: string) => frames[Number(i)] ?? '');
  return { html: withFrames, hidden, revealed, problems };

  function collectAttributes(elem: Element): void {
    for (const name of ['title', 'aria-label']) {
      const value = elem.attribs[name];
      if (value !== undefined && value.trim() !== '') revealed.push(value);
    }
    if (elem.name !== 'img' && elem.attribs.alt !== undefined && elem.attribs.alt.trim() !== '') revealed.push(elem.attribs.alt);
    // A link's target is shown beside its text; a decoded copy reads an identifier written in escapes.
    for (const name of ['href', 'src', 'background', 'action']) {
      const url = elem.attribs[name];
      if (url === undefined || /^\s*(?:data|cid):/i.test(url)) continue;
      if (url.includes('?') || url.includes('%') || /^\s*(?:mailto|tel|sms):/i.test(url)) revealed.push(decodedUrl(url));
    }
  }

  /** A form field shows its value, or its placeholder while it is empty. */
  function showFormValue(elem: Element): void {
    if (elem.name !== 'input' && elem.name !== 'textarea') return;
    const value = elem.name === 'input' ? (elem.attribs.value ?? '') : elem.children.map((c) => (isText(c) ? c.data : '')).join('');
    const placeholder = elem.attribs.placeholder ?? '';
    if (value.trim() !== '' && placeholder.trim() !== '') revealed.push(placeholder);
    const shown = value.trim() !== '' ? value : placeholder;
    elem.name = 'span';
    elem.children = shown === '' ? [] : [textNode(` ${shown} `, elem)];
  }

  /** Comments are not shown, except Outlook's conditional ones ("<!--[if mso]>…"), which it renders. */
  function readComment(data: string): void {
    const conditional = /^\s*\[if[^\]]{0,80}\]>([\s\S]*)<!\[endif\]\s*$/i.exec(data);
    if (conditional === null) {
      // The markers around content for clients other than Outlook ("<!--[if !mso]><!-->") say nothing.
      hide(data.replace(/\[if[^\]]{0,80}\]>|<!\[endif\]|<!/g, ''));
      lastWasHidden = false;
      return;
    }
    const inner = revealHtml(conditional[1]!, frameDepth);
    revealed.push(...textOf(inner), ...inner.revealed);
    hidden.push(...inner.hidden);
    problems.push(...inner.problems);
  }

  /** An iframe's srcdoc is a document of its own, drawn in place of the frame. */
  function readFrame(elem: Element): void {
    if (frameDepth + 1 > MAX_FRAME_DEPTH) {
      problems.push(`frames nested more than ${MAX_FRAME_DEPTH} deep`);
      elem.children = [];
      return;
    }
    const inner = revealHtml(elem.attribs.srcdoc ?? '', frameDepth + 1);
    elem.name = 'div';
    delete elem.attribs.srcdoc;
    elem.children = [textNode(`${FRAME_MARK}${frames.length}${FRAME_MARK}`, elem)];
    frames.push(inner.html);
    hidden.push(...inner.hidden);
    revealed.push(...inner.revealed);
    problems.push(...inner.problems);
  }
}

/** The visible words of a revealed fragment, without markup, for lines read beside the body. */
function textOf(fragment: Revealed): string[] {
  const doc = parseDocument(fragment.html, { decodeEntities: true });
  const text = subtreeText(Object.assign(new Element('div', {}), { children: doc.children }))[0] ?? '';
  return squash(text) === '' ? [] : [squash(text)];
}

function removeAll(nodes: ReadonlySet<ChildNode>): void {
  const parents = new Set<ParentNode>();
  for (const node of nodes) if (node.parent) parents.add(node.parent);
  for (const parent of parents) parent.children = parent.children.filter((c) => !nodes.has(c));
}
