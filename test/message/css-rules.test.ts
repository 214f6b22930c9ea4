// Just enough CSS: declarations, content strings, and rules matched by their subject.
import { describe, expect, it } from 'vitest';
import { contentText, parseDeclarations, parseStyleSheet, ruleMatches } from '../../lib/message/css-rules.ts';

describe('parseDeclarations', () => {
  it.each([
    ['display: none', { display: 'none' }],
    ['DISPLAY:None !important; color : red', { display: 'None', color: 'red' }],
    ['content: "a;b"; font-size:0', { content: '"a;b"', 'font-size': '0' }],
    ['background: url(x;y.png) #fff', { background: 'url(x;y.png) #fff' }],
    ['color:red; color:blue', { color: 'blue' }],
    [';;: x; novalue', {}],
  ])('%s', (style, expected) => {
    expect(Object.fromEntries(parseDeclarations(style))).toEqual(expected);
  });
});

describe('contentText', () => {
  it.each([
    ['"JG 10"', 'JG 10'],
    ["'JG' \" 10\"", 'JG 10'],
    ['"\\4A G"', 'JG'],
    ['"\\"q\\""', '"q"'],
    ['attr(title) none', ''],
  ])('%s', (value, text) => {
    expect(contentText(value)).toBe(text);
  });

  it('draws an attribute of the element with attr()', () => {
    expect(contentText('"NI " attr(data-n) "."', { 'data-n': 'JG 10 37 85 A' })).toBe('NI JG 10 37 85 A.');
  });
});

describe('parseStyleSheet', () => {
  it('reads rules with their subjects, inside @media too, skipping comments, interactive states and keyframes', () => {
    const rules = parseStyleSheet(`
      /* .gone { display:none } */
      td .x, span#n.y::before { content: "a" }
      @media screen and (max-width: 600px) { .m { font-size: 0 } }
      a:hover { display: none }
      @keyframes k { from { opacity: 0 } to { opacity: 1 } }
      @font-face { font-family: X }
      p:first-child { color: red }
    `);
    expect(rules.map(({ declarations, ...subject }) => ({ ...subject, declarations: Object.fromEntries(declarations) }))).toEqual([
      { classes: ['x'], declarations: { content: '"a"' } },
      { tag: 'span', id: 'n', classes: ['y'], pseudo: 'before', declarations: { content: '"a"' } },
      { classes: ['m'], declarations: { 'font-size': '0' } },
      { tag: 'p', classes: [], declarations: { color: 'red' } },
    ]);
  });

  it('matches a rule by tag, id and every class', () => {
    const [rule] = parseStyleSheet('span#n.a.b { color: red }');
    expect(ruleMatches(rule!, 'span', 'n', new Set(['a', 'b', 'c']))).toBe(true);
    expect(ruleMatches(rule!, 'span', 'n', new Set(['a']))).toBe(false);
    expect(ruleMatches(rule!, 'div', 'n', new Set(['a', 'b']))).toBe(false);
  });

  it('reads a long sheet in one pass', () => {
    expect(parseStyleSheet('.a{color:red}'.repeat(50_000))).toHaveLength(50_000);
  });
});

describe('css-rules stays linear on hostile input', () => {
  it('reads content full of escaped, unclosed quotes', () => {
    expect(contentText(`"${'\\"'.repeat(100_000)}`)).toBe('');
  });

  it('reads a selector full of unclosed brackets', () => {
    expect(parseStyleSheet(`${'[:x('.repeat(50_000)} { color: red }`)).toHaveLength(1);
  });
});
