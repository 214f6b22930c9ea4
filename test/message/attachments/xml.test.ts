// The small XML reader behind the office formats.
import { describe, expect, it } from 'vitest';
import { attribute, decodeEntities, textsOf, xmlText, xmlTokens } from '../../../lib/message/attachments/xml.ts';

describe('xml reader', () => {
  it('tokenises tags, text, CDATA and skips comments and declarations', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE x><a b="1"><!-- <c>no</c> --><c/>t&amp;t<![CDATA[<raw>]]></a>';
    expect([...xmlTokens(xml)]).toEqual([
      { type: 'open', name: 'a', attrs: ' b="1"', selfClosing: false },
      { type: 'open', name: 'c', attrs: '', selfClosing: true },
      { type: 'text', text: 't&t' },
      { type: 'text', text: '<raw>' },
      { type: 'close', name: 'a' },
    ]);
  });

  it.each([
    ['named entities', '&lt;&gt;&amp;&quot;&apos;', '<>&"\''],
    ['numeric entities', '&#163;&#x20AC;', '£€'],
    ['unknown entities kept', '&nbsp;&bogus', '&nbsp;&bogus'],
    ['out-of-range code points kept', '&#x110000;', '&#x110000;'],
  ])('decodes %s', (_name, text, expected) => {
    expect(decodeEntities(text)).toBe(expected);
  });

  it.each([
    [' name="Sheet 1" r:id="rId1"', 'r:id', 'rId1'],
    [" name='It&apos;s'", 'name', "It's"],
    [' xname="no" name = "yes"', 'name', 'yes'],
    [' id="x"', 'name', undefined],
  ])('reads attribute from %j', (attrs, name, expected) => {
    expect(attribute(attrs, name)).toBe(expected);
  });

  it('extracts text with line breaks after paragraphs and replacements for breaks', () => {
    const xml = '<w:p><w:r><w:t>Name</w:t><w:tab/><w:t>Edith</w:t></w:r></w:p><w:p><w:t>Line</w:t><w:br/><w:t>two</w:t></w:p><w:p><x:skip>no</x:skip></w:p>';
    expect(xmlText(xml, { lineBreakAfter: new Set(['p']), breaks: { tab: '\t', br: '\n' }, skip: new Set(['skip']) })).toBe('Name\tEdith\nLine\ntwo\n\n');
  });

  it('collects the text of named elements only', () => {
    expect(textsOf('<w:t>kept</w:t><w:delText>gone </w:delText><w:delText>too</w:delText>', new Set(['delText']))).toEqual(['gone ', 'too']);
  });

  it('stays linear on unterminated markup', () => {
    expect([...xmlTokens('<a'.repeat(100_000))]).toEqual([]);
    expect(attribute(`name="${'x'.repeat(100_000)}`, 'name')).toBeUndefined();
    expect(attribute(' name=x'.repeat(50_000), 'name')).toBeUndefined();
  });
});
