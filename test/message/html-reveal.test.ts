// HTML read as it renders, with what it hides and what a client reveals read beside it.
import { describe, expect, it } from 'vitest';
import { htmlToAllText, htmlToText } from '../../lib/message/html-text.ts';
import { MAX_FRAME_DEPTH } from '../../lib/message/html-reveal.ts';

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

describe('htmlToText: the rendered reading leaves hidden runs out', () => {
  it.each([
    ['display:none', 'NI JG 10<span style="display:none">zz</span> 37 85 A', 'NI JG 10 37 85 A', ['zz']],
    ['visibility:hidden', 'JG 10 <span style="visibility:hidden">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['font-size:0', 'JG 10 <span style="font-size:0">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['font-size:1px', 'JG 10 <span style="font-size:1px">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['opacity:0', 'JG 10 <span style="opacity:0">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['a zero-size clipped box', 'JG 10 <span style="display:inline-block;width:0;overflow:hidden">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['white text on the default background', 'JG 10 <span style="color:#FFF">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['transparent text', 'JG 10 <span style="color:rgba(0,0,0,0)">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['Outlook mso-hide', 'JG 10 <span style="mso-hide:all">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['an off-screen box', 'JG 10 <div style="position:absolute;left:-9999px">99</div>37 85 A', 'JG 10 37 85 A', ['99']],
    ['the hidden attribute', 'JG 10 <span hidden>99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['a class hidden by a style sheet', '<style>.x { display: none }</style>JG 10 <span class="x">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['a rule inside @media', '<style>@media screen { span.x { font-size: 0px } }</style>JG 10 <span class="x">99</span>37 85 A', 'JG 10 37 85 A', ['99']],
    ['a script', '<p>Hi</p><script>var ni = "JG103785A"</script>', 'Hi', ['var ni = "JG103785A"']],
    ['a comment', '<p>Hi</p><!-- JG103785A -->', 'Hi', ['JG103785A']],
  ])('%s', (_name, html, text, hidden) => {
    const result = htmlToText(html);
    expect(result.problem).toBeUndefined();
    expect(lines(result.text)).toEqual(lines(text));
    expect(lines(result.hidden)).toEqual(hidden);
  });

  it('keeps text a child shows again under a parent with no font size (a common layout trick)', () => {
    const result = htmlToText('<div style="font-size:0"><span style="font-size:14px">Dear Mrs Clarke</span> </div>');
    expect(result.text.trim()).toBe('Dear Mrs Clarke');
    expect(result.hidden.trim()).toBe('');
  });

  it('keeps white text on a dark background', () => {
    const result = htmlToText('<table><tr><td bgcolor="#003366"><span style="color:#ffffff">Ward newsletter</span></td></tr></table>');
    expect(result.text.trim()).toBe('Ward newsletter');
  });
});

describe('htmlToText: text a client draws that is not text in the markup', () => {
  it.each([
    ['an input value, in place', 'NI <input value="JG 10 37 85 A"> thanks', 'NI JG 10 37 85 A thanks'],
    ['a placeholder of an empty field', 'NI <input placeholder="JG 10 37 85 A">', 'NI JG 10 37 85 A'],
    ['a textarea placeholder', 'NI <textarea placeholder="JG 10 37 85 A"></textarea>', 'NI JG 10 37 85 A'],
    ['CSS ::before content', '<style>.n::before { content: "JG 10 " }</style>NI <span class="n">37 85 A</span>', 'NI JG 10 37 85 A'],
    ['CSS ::after content with escapes', '<style>#n:after { content: "\\33 7 85 A" }</style>NI <span id="n">JG 10 </span>', 'NI JG 10 37 85 A'],
    ['CSS content drawn from an attribute', '<style>.n::after { content: attr(data-n) }</style>NI <span class="n" data-n="JG 10 37 85 A"></span>', 'NI JG 10 37 85 A'],
    ['bdo dir=rtl, reversed as shown', 'NI <bdo dir="rtl">A 58 73 01 GJ</bdo>', 'NI JG 10 37 85 A'],
    ['a bidi-override rtl box', 'NI <span style="unicode-bidi:bidi-override;direction:rtl">A 58 73 01 GJ</span>', 'NI JG 10 37 85 A'],
    ['ruby annotations apart from their base', '<ruby>JG 10<rt>37 85 A</rt></ruby>', 'JG 10 37 85 A'],
    ['an iframe srcdoc, hidden parts left out', '<iframe srcdoc="NI JG 10 &lt;span style=&quot;display:none&quot;&gt;9&lt;/span&gt;37 85 A"></iframe>', 'NI JG 10 37 85 A'],
    ['text split by <br>', 'NI JG 10<br>37 85 A', 'NI JG 10\n37 85 A'],
  ])('%s', (_name, html, text) => {
    const result = htmlToText(html);
    expect(result.problem).toBeUndefined();
    expect(lines(result.text)).toEqual(lines(text));
  });

  it('reads hidden text inside a frame as hidden', () => {
    expect(htmlToText('<iframe srcdoc="a &lt;b hidden&gt;JG103785A&lt;/b&gt;"></iframe>').hidden).toBe('JG103785A');
  });

  it(`reports frames nested more than ${MAX_FRAME_DEPTH} deep`, () => {
    let html = 'JG103785A';
    for (let i = 0; i <= MAX_FRAME_DEPTH; i += 1) html = `<iframe srcdoc="${html.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;
    expect(htmlToText(html).problem).toMatch(/frames nested more than/);
  });
});

describe('htmlToText: what a client reveals on request', () => {
  it.each([
    ['a title', '<span title="NI JG103785A">hover</span>', ['NI JG103785A']],
    ['an aria-label', '<a aria-label="call 07700 900123" href="#">x</a>', ['call 07700 900123']],
    ['alt text of something not an image', '<area alt="JG103785A" href="#">', ['JG103785A']],
    ['a mailto target', '<a href="mailto:edith@example.com?body=NI%20JG103785A">mail</a>', ['mailto:edith@example.com?body=NI JG103785A']],
    ['a tel target', '<a href="tel:07700900123">call</a>', ['tel:07700900123']],
    ['an identifier in a query string, decoded', '<img src="https://t.example/p.gif?ni=JG+10+37+85+A" alt="">', ['https://t.example/p.gif?ni=JG 10 37 85 A']],
    ['an Outlook conditional comment', '<p>Hi</p><!--[if mso]><p>NI JG103785A</p><![endif]-->', ['NI JG103785A']],
    ['a placeholder behind a value', '<input value="x" placeholder="JG103785A">', ['JG103785A']],
    ['CSS content in a style sheet', '<style>.q::after{content:"JG103785A"}</style><p>Hi</p>', ['JG103785A']],
  ])('%s', (_name, html, revealed) => {
    expect(lines(htmlToText(html).revealed)).toEqual(revealed);
  });

  it('leaves out data: and cid: sources', () => {
    expect(htmlToText('<img src="data:image/png;base64,AAAA?x" alt=""><img src="cid:x?y" alt="">').revealed).toBe('');
  });

  it('leaves conditional markers around content for other clients out of the hidden text', () => {
    const result = htmlToText('<!--[if !mso]><!--><p>Hi</p><!--<![endif]-->');
    expect(result.text.trim()).toBe('Hi');
    expect(result.hidden.trim()).toBe('');
  });
});

describe('htmlToAllText', () => {
  it('joins the rendered reading, the hidden text and the revealed text, each apart', () => {
    const result = htmlToAllText('<p>Hi</p><div hidden>JG103785A</div><span title="t">x</span>');
    expect(lines(result.text)).toEqual(['Hi', 'x', 'JG103785A', 't']);
  });
});

describe('html-reveal stays bounded', () => {
  it('reads a long flat document in one pass', () => {
    const html = '<span style="display:none">x</span>a '.repeat(20_000);
    const result = htmlToText(html);
    expect(result.text.split('a').length).toBe(20_001);
    expect(result.hidden.length).toBeGreaterThan(0);
  });

  it('stops applying a style sheet whose matching work is too much, and says so', () => {
    const css = Array.from({ length: 1000 }, () => '.a { color: red }').join('\n');
    const html = `<style>${css}</style>${'<span class="a">x</span>'.repeat(400)}`;
    expect(htmlToText(html).problem).toMatch(/style sheet/);
  });
});

describe('html-reveal stays within the stack', () => {
  it('reports elements nested past the converter\'s depth instead of overflowing', () => {
    const deep = `${'<div title="x">'.repeat(3990)}deep${'</div>'.repeat(3990)}<p>shallow</p>`;
    const result = htmlToText(deep);
    expect(result.problem).toMatch(/nested more than/);
    expect(result.text).toContain('shallow');
  });

  it('reads deep frames inside a deep page without overflowing', () => {
    const frame = `${'<span>'.repeat(1050)}NI JG103785A${'</span>'.repeat(1050)}`.replace(/"/g, '&quot;');
    const html = `${'<div>'.repeat(1050)}<iframe srcdoc="${frame}"></iframe>${'</div>'.repeat(1050)}`;
    expect(htmlToText(html).problem).toMatch(/nested more than/);
  });
});
