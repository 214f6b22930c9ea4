// HTML to the text a recipient reads: quotes stay visible as quotes, nothing visible is dropped.
import { describe, expect, it } from 'vitest';
import { htmlToText, MAX_HTML_DEPTH, nestingDepth } from '../../lib/message/html-text.ts';

describe('htmlToText', () => {
  it.each([
    ['a blockquote as "> " lines', '<p>Yes.</p><blockquote>Her flat<br>is damp</blockquote>', ['Yes.', '> Her flat', '> is damp']],
    ['nested blockquotes doubled', '<blockquote>a<blockquote>b</blockquote></blockquote>', ['> a', '> ', '> > b']],
    ['table cells on lines of their own', '<table><tr><td>Edith Clarke</td><td>07700 900123</td></tr></table>', ['Edith Clarke', '07700 900123']],
    ['headings in their own case', '<h1>Official Sensitive?</h1>', ['Official Sensitive?']],
    ['text after </html>', '<html><body>Hi</body></html>Mrs Clarke', ['Hi', 'Mrs Clarke']],
    ['link targets', '<a href="mailto:edith@example.com">email her</a>', ['email her <edith@example.com>']],
    ['image alt text, not its data', '<img alt="signed form" src="data:image/png;base64,AAAA">', ['signed form']],
    ['no wrapping of long lines', `<p>${'word '.repeat(40)}07700 900123</p>`, [`${'word '.repeat(40)}07700 900123`]],
  ])('keeps %s', (_name, html, lines) => {
    const result = htmlToText(html);
    expect(result.problem).toBeUndefined();
    expect(result.text.split('\n').filter((l) => l.trim() !== '')).toEqual(lines);
  });

  it.each([
    ['style and script contents', '<style>p{color:red}</style><script>var x = 1</script><p>Hi</p>', 'color'],
    ['image sources', '<img src="https://tracker.example/pixel.gif" alt="">', 'tracker'],
  ])('leaves out %s', (_name, html, absent) => {
    expect(htmlToText(html).text).not.toContain(absent);
  });

  it('reports content nested too deep to convert, keeping the rest', () => {
    const deep = `${'<span>'.repeat(MAX_HTML_DEPTH + 50)}deep${'</span>'.repeat(MAX_HTML_DEPTH + 50)}<p>shallow</p>`;
    const result = htmlToText(deep);
    expect(result.problem).toMatch(/nested more than/);
    expect(result.text).toContain('shallow');
    expect(result.text).not.toContain('\uFDD0');
  });

  it('refuses absurd nesting without converting it', () => {
    const result = htmlToText('<b>'.repeat(200_000));
    expect(result).toEqual({ text: '', hidden: '', revealed: '', problem: expect.stringMatching(/nested more than/) });
  });
});

describe('nestingDepth', () => {
  it.each([
    ['nested elements', '<div><div><b>x</b></div></div>', 3],
    ['void and self-closed elements', '<div><br><img src=x><hr/><span/></div>', 1],
    ['paragraphs and cells with implied ends', '<p>a<p>b<table><tr><td>c<td>d</table>', 1],
    ['comments', '<div><!-- <b><b><b> --></div>', 1],
    ['unclosed trailing tag', '<div><b', 1],
  ])('counts %s', (_name, html, depth) => {
    expect(nestingDepth(html)).toBe(depth);
  });
});
