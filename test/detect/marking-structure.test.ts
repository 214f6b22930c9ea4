// The structural signals the marking recognizers judge by: the edges of a text and its blocks,
// lists of classification names, quotation marks and sentence starts.
import { describe, expect, it } from 'vitest';
import { TextEdges } from '../../lib/detect/marking/edges.ts';
import { LineLocator } from '../../lib/detect/marking/lines.ts';
import { NameLists } from '../../lib/detect/marking/lists.ts';
import { isQuoted, sentenceEnd, sentenceStart } from '../../lib/detect/marking/surroundings.ts';

/** Which of the marked words ("^word") sit at an edge, in order. */
function edgesOf(marked: string, blocks?: Array<{ start: number; end: number }>): boolean[] {
  const text = marked.replace(/\^/g, '');
  const offsets: number[] = [];
  let removed = 0;
  for (const m of marked.matchAll(/\^/g)) offsets.push(m.index - removed++);
  const edges = new TextEdges(text, blocks);
  return offsets.map((o) => edges.at(o));
}

describe('TextEdges', () => {
  it.each<[string, boolean[]]>([
    ['^one', [true]],
    ['^a\n^b\n^c\n^d\n^e\n^f\n^g', [true, true, true, false, true, true, true]],
    ['\n\n^a\n\n\n^b\n \t\n^c\n^d\n^e\n^f\n^g\n\n', [true, true, true, false, true, true, true]],
    ['^a\r\n^b\r\n^c\r\n^d\r\n^e\r\n^f\r\n^g\r\n', [true, true, true, false, true, true, true]],
  ])('%j → %j', (marked, expected) => {
    expect(edgesOf(marked)).toEqual(expected);
  });

  it('gives every block edges of its own', () => {
    const first = 'a\nb\nc\nd\ne\nf\ng\n';
    const marked = `${first}^h\ni\nj\n^k\nl\nm\nn\no\np\nq`;
    expect(edgesOf(marked)).toEqual([false, false]);
    expect(edgesOf(marked, [{ start: first.length, end: marked.length - 2 }])).toEqual([true, false]);
  });

  it('rejects an offset that goes back, as the line locator does, by never looking back', () => {
    const edges = new TextEdges('a\nb\nc\nd\ne\nf\ng\nh');
    expect(edges.at(8)).toBe(false);
    expect(edges.at(14)).toBe(true);
  });
});

describe('NameLists', () => {
  const lists = new NameLists(['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET']);

  // "^" marks the start of the match judged.
  it.each<[string, boolean]>([
    ['- Official\n- ^Secret', true],
    ['- ^Secret\n- Top Secret', true],
    ['1. OFFICIAL: routine\n2. ^OFFICIAL-SENSITIVE: extra care', true],
    ['  1. OFFICIAL\n    The majority.\n  2. ^SECRET', true],
    ['(a) ^SECRET\n(b) TOP SECRET', true],
    ['- ^Secret', false],
    ['- ^Secret\n- Budget options', false],
    ['Secret\n^Top Secret', false],
    ['- Official\n\n\n\n\n\n- ^Secret', false],
    ['- Official\n- The ^SECRET plan', false],
  ])('%j is a listed name → %s', (marked, expected) => {
    const start = marked.indexOf('^');
    const text = marked.replace('^', '');
    const line = new LineLocator(text).at(start);
    expect(lists.isListedName(text, line, start)).toBe(expected);
  });
});

describe('quotation marks and sentences', () => {
  it.each<[string, string, boolean]>([
    ['marked ‘Strictly Private and Confidential’ has', 'Strictly Private and Confidential', true],
    ['marked "OFFICIAL-SENSITIVE".', 'OFFICIAL-SENSITIVE', true],
    ["For example, 'official-sensitive'.", 'official-sensitive', true],
    ['the council’s OFFICIAL-SENSITIVE papers', 'OFFICIAL-SENSITIVE', false],
    ['“OFFICIAL-SENSITIVE papers”', 'OFFICIAL-SENSITIVE', false],
  ])('%j: %s quoted → %s', (text, word, expected) => {
    const start = text.indexOf(word);
    expect(isQuoted(text, start, start + word.length)).toBe(expected);
  });

  it.each<[string, boolean, string]>([
    ['First one. This report is exempt', false, ' This report is exempt'],
    ['Heading\n\nThis report is exempt', false, 'This report is exempt'],
    ['RESOLVED that the\n\npublic be excluded', true, 'RESOLVED that the\n\npublic be excluded'],
    ['Section 100(A) of the Act applies', false, 'Section 100(A) of the Act applies'],
  ])('%j: the sentence before its end (across blank lines: %s) is %j', (text, across, expected) => {
    expect(text.slice(sentenceStart(text, text.length, 200, across))).toBe(expected);
  });

  it.each<[string, string]>([
    ['is exempt. Next sentence', 'is exempt'],
    ['is exempt\n\nNext paragraph', 'is exempt'],
    ['is exempt\nwrapped line. Next', 'is exempt\nwrapped line'],
    ['section 100A.4 applies', 'section 100A.4 applies'],
  ])('%j: the sentence from its start is %j', (text, expected) => {
    expect(text.slice(0, sentenceEnd(text, 0, 200))).toBe(expected);
  });

  it('looks back no further than its reach', () => {
    const text = `${'word '.repeat(100)}end`;
    expect(sentenceStart(text, text.length, 50)).toBe(text.length - 50);
  });
});
