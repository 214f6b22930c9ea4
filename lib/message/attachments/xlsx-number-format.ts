// A workbook's own number formats change what a cell shows: `"JG"000000"A"` shows the number
// 103785 as JG103785A, `00000000000` shows 7700900123 as 07700900123, `000 000 0000` puts the
// spaces of an NHS number in, and `"NI: "@` prefixes a text cell. The recipient reads the shown
// value, so the cell is written as Excel would show it. Supported: sections for positive,
// negative, zero and text values; quoted and escaped literals; 0 # ? placeholders with literals
// between them; decimals, thousands separators and scaling commas; percent; currency tags such
// as [$€-809]; colours. Anything else (conditions, fractions, scientific notation, dates) is left
// to the caller, which writes the stored value.

/** Excel refuses format codes longer than this; longer ones are not read (the stored value is written). */
const MAX_CODE_LENGTH = 255;

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'digit'; placeholder: '0' | '#' | '?' }
  | { kind: 'point' }
  | { kind: 'text' };

interface Section {
  tokens: Token[];
  grouping: boolean;
  /** Commas right after the last integer placeholder: each divides the value by 1000. */
  scale: number;
  percent: boolean;
}

/** Splits a format code into its sections at semicolons outside quotes, escapes and brackets. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let start = 0;
  for (let i = 0; i < code.length; i += 1) {
    const c = code.charAt(i);
    if (c === '"') i = code.indexOf('"', i + 1) === -1 ? code.length : code.indexOf('"', i + 1);
    else if (c === '[') i = code.indexOf(']', i + 1) === -1 ? code.length : code.indexOf(']', i + 1);
    else if (c === '\\' || c === '_' || c === '*') i += 1;
    else if (c === ';') {
      sections.push(code.slice(start, i));
      start = i + 1;
    }
  }
  sections.push(code.slice(start));
  return sections;
}

/** The text a bracketed tag shows: a currency tag's symbol, nothing for a colour; undefined for a condition. */
function bracketText(tag: string): string | undefined {
  if (tag.startsWith('$')) return tag.slice(1).split('-')[0] ?? '';
  if (/^[<>=]/.test(tag)) return undefined;
  return '';
}

/** The tokens of one section, or undefined for what is not supported. */
function parseSection(source: string): Section | undefined {
  const tokens: Token[] = [];
  const section: Section = { tokens, grouping: false, scale: 0, percent: false };
  let afterPoint = false;
  let lastDigitIndex = -1;
  for (let i = 0; i < source.length; i += 1) {
    const c = source.charAt(i);
    if (c === '"') {
      const end = source.indexOf('"', i + 1);
      tokens.push({ kind: 'literal', text: source.slice(i + 1, end === -1 ? source.length : end) });
      i = end === -1 ? source.length : end;
    } else if (c === '\\') {
      tokens.push({ kind: 'literal', text: source.charAt(i + 1) });
      i += 1;
    } else if (c === '_') {
      tokens.push({ kind: 'literal', text: ' ' });
      i += 1;
    } else if (c === '*') {
      i += 1;
    } else if (c === '[') {
      const end = source.indexOf(']', i + 1);
      const text = bracketText(source.slice(i + 1, end === -1 ? source.length : end));
      if (text === undefined) return undefined;
      if (text !== '') tokens.push({ kind: 'literal', text });
      i = end === -1 ? source.length : end;
    } else if (c === '0' || c === '#' || c === '?') {
      tokens.push({ kind: 'digit', placeholder: c });
      lastDigitIndex = i;
    } else if (c === '.' && !afterPoint) {
      tokens.push({ kind: 'point' });
      afterPoint = true;
    } else if (c === ',') {
      if (/[0#?]/.test(source.charAt(i + 1)) && lastDigitIndex !== -1 && !afterPoint) section.grouping = true;
      else if (lastDigitIndex === i - 1 - section.scale) section.scale += 1;
      else tokens.push({ kind: 'literal', text: ',' });
    } else if (c === '%') {
      section.percent = true;
      tokens.push({ kind: 'literal', text: '%' });
    } else if (c === '@') {
      tokens.push({ kind: 'text' });
    } else if (c === '/' || c === 'E' || c === 'e' || /[dmyhsDMYHS]/.test(c)) {
      return undefined;
    } else {
      tokens.push({ kind: 'literal', text: c });
    }
  }
  return section;
}

function groupThousands(digits: string): string {
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(',');
}

/** Fills the digit placeholders on one side of the decimal point. */
function fillInteger(tokens: readonly Token[], digits: string, grouping: boolean): string[] {
  const placeholders = tokens.filter((t) => t.kind === 'digit').length;
  const out: string[] = new Array<string>(tokens.length).fill('');
  let remaining = digits === '0' ? '' : digits;
  let seen = 0;
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i] as Token;
    if (token.kind !== 'digit') {
      out[i] = token.kind === 'literal' ? token.text : '';
      continue;
    }
    seen += 1;
    if (seen === placeholders) {
      out[i] = remaining === '' ? (token.placeholder === '0' ? '0' : token.placeholder === '?' ? ' ' : '') : remaining;
      remaining = '';
    } else if (remaining !== '') {
      out[i] = remaining.slice(-1);
      remaining = remaining.slice(0, -1);
    } else out[i] = token.placeholder === '0' ? '0' : token.placeholder === '?' ? ' ' : '';
  }
  if (!grouping) return out;
  // With grouping, the digits are one block (Excel's #,##0 has no literals between placeholders).
  const first = tokens.findIndex((t) => t.kind === 'digit');
  const last = tokens.length - 1 - [...tokens].reverse().findIndex((t) => t.kind === 'digit');
  const block = out.slice(first, last + 1).join('').replace(/[^0-9 ]/g, '');
  return [...out.slice(0, first), groupThousands(block.trim()), ...out.slice(last + 1)];
}

function fillFraction(tokens: readonly Token[], digits: string): string[] {
  const out: string[] = [];
  let at = 0;
  let keep = digits.replace(/0+$/, '').length;
  // Zeros are kept up to the last '0' placeholder; '#' drops them, '?' pads with a space.
  tokens.forEach((token, i) => {
    if (token.kind === 'digit' && token.placeholder === '0') keep = Math.max(keep, tokens.slice(0, i + 1).filter((t) => t.kind === 'digit').length);
  });
  for (const token of tokens) {
    if (token.kind === 'literal') out.push(token.text);
    else if (token.kind === 'digit') {
      const digit = digits.charAt(at);
      out.push(at < keep ? digit : token.placeholder === '?' ? ' ' : '');
      at += 1;
    }
  }
  return out;
}

function formatWithSection(value: number, section: Section, sign: string): string | undefined {
  const { tokens } = section;
  if (tokens.some((t) => t.kind === 'text')) return undefined;
  const point = tokens.findIndex((t) => t.kind === 'point');
  const integerTokens = point === -1 ? tokens : tokens.slice(0, point);
  const fractionTokens = point === -1 ? [] : tokens.slice(point + 1);
  const decimals = fractionTokens.filter((t) => t.kind === 'digit').length;
  const scaled = (Math.abs(value) * (section.percent ? 100 : 1)) / 1000 ** section.scale;
  if (!Number.isFinite(scaled) || scaled >= 1e21) return undefined;
  const [integer = '0', fraction = ''] = scaled.toFixed(Math.min(decimals, 20)).split('.');
  if (!integerTokens.some((t) => t.kind === 'digit')) {
    // Only literals before the point (".00", "General text"): the integer part is not shown.
    return sign + [...integerTokens.map((t) => (t.kind === 'literal' ? t.text : '')), point === -1 ? '' : '.', ...fillFraction(fractionTokens, fraction)].join('');
  }
  const left = fillInteger(integerTokens, integer, section.grouping).join('');
  return sign + left + (point === -1 ? '' : '.' + fillFraction(fractionTokens, fraction).join(''));
}

/** A number as a workbook format shows it, or undefined when the format is not one this reads. */
export function formatNumber(raw: string, code: string): string | undefined {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || code.length > MAX_CODE_LENGTH || code.trim().toLowerCase() === 'general') return undefined;
  const sources = splitSections(code);
  const index = value > 0 || sources.length === 1 ? 0 : value < 0 ? 1 : sources.length >= 3 ? 2 : 0;
  const section = parseSection(sources[index] ?? sources[0] ?? '');
  if (section === undefined) return undefined;
  // One section for all numbers: a negative number keeps its minus sign.
  const sign = value < 0 && sources.length === 1 ? '-' : '';
  return formatWithSection(value, section, sign);
}

/** A text cell as a format's text section shows it (`"NI: "@`), or undefined when it has none. */
export function formatText(text: string, code: string): string | undefined {
  if (code.length > MAX_CODE_LENGTH) return undefined;
  const sources = splitSections(code);
  const source = sources.length >= 4 ? sources[3] : sources.find((s) => s.includes('@'));
  if (source === undefined) return undefined;
  const section = parseSection(source);
  if (section === undefined || !section.tokens.some((t) => t.kind === 'text')) return undefined;
  return section.tokens.map((t) => (t.kind === 'text' ? text : t.kind === 'literal' ? t.text : '')).join('');
}
