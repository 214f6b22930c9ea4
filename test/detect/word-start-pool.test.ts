import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/detect/engine.ts';
import { RECOGNIZER_FACTORIES } from '../../lib/detect/registry.ts';
import { WordList } from '../../lib/detect/context.ts';
import { DASH_GAP, phrasePattern } from '../../lib/detect/phrases.ts';
import { WordStartPool, type PoolPattern } from '../../lib/detect/word-start-pool.ts';
import { WordStartRegex, scan } from '../../lib/detect/word-start.ts';
import { loadRuleSet } from '../../lib/rules/load.ts';
import type { Message } from '../../lib/message/types.ts';

type Found = Array<Array<[number, string]>>;

const asPairs = (found: readonly (readonly RegExpExecArray[])[]): Found => found.map((ms) => ms.map((m) => [m.index, m[0]]));
/** Each pattern searched on its own, as a recognizer without a pool searches it. */
const alone = (patterns: readonly PoolPattern[], text: string): Found => patterns.map((p) => [...scan(p.regex, text)].map((m) => [m.index, m[0]]));

/** Phrases made of a few short words, so that they overlap, nest and begin one another in random text. */
const WORDS = ['case', 'ref', 'our', 'not', 'for', 'publication', 'official', 'sensitive', 'a', 'ab', 'x1'];
const phrase = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));
const phraseList = fc.array(phrase, { minLength: 0, maxLength: 4 });
const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS, ...WORDS.map((w) => w.toUpperCase())), fc.constantFrom(' ', '  ', '-', '\n', '.', 'é', 'ſ', 'K', 'xx', '1')), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('WordStartPool', () => {
  it('gives every member, through one pass, exactly what its own search finds', () => {
    fc.assert(
      fc.property(fc.array(fc.array(phraseList, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), fc.array(text, { minLength: 1, maxLength: 3 }), (members, texts) => {
        const pool = new WordStartPool();
        const joined = members.map((lists) => {
          const patterns = lists.map((phrases, i) => phrasePattern(phrases, i % 2 ? DASH_GAP : undefined));
          return { patterns, search: pool.join(patterns) };
        });
        // Each text as it is, and again past the length from which whole phrases are searched for
        // rather than their opening words.
        for (const t of texts.flatMap((t) => [t, `${t}${' '.repeat(16_384)}${t}`])) {
          for (const { patterns, search } of joined) expect(asPairs(search(t))).toEqual(alone(patterns, t));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('searches a member without phrase sources by its own pattern, named groups and all', () => {
    const pool = new WordStartPool();
    const heading: PoolPattern = { regex: new WordStartRegex(/part\s{1,3}(?:2|b)(?:\s{1,3}(?<heading>private))?(?![\p{L}\p{N}])/giu) };
    const notice = phrasePattern(['not for publication']);
    const headings = pool.join([heading]);
    const notices = pool.join([notice]);
    const t = 'PART B private: not for publication; counterpart b';
    expect(asPairs(notices(t))).toEqual(alone([notice], t));
    expect(asPairs(headings(t))).toEqual(alone([heading], t));
    expect(headings(t)[0]?.map((m) => m.groups?.['heading'])).toEqual(['private']);
  });

  it('finds the same in short texts once it has searched a megabyte, when it searches for whole phrases', () => {
    const pool = new WordStartPool();
    const patterns = [phrasePattern(['our ref', 'not for publication']), phrasePattern(['OFFICIAL SENSITIVE'], DASH_GAP)];
    const search = pool.join(patterns);
    const short = 'Our  ref 12; ours ref; NOT FOR\npublication; official-sensitive; not for publicationx';
    expect(asPairs(search(short))).toEqual(alone(patterns, short));
    const long = `${short} `.repeat(20_000);
    expect(asPairs(search(long))).toEqual(alone(patterns, long));
    const again = ` ${short}`;
    expect(asPairs(search(again))).toEqual(alone(patterns, again));
    expect(asPairs(search(again))[0]!.length).toBe(2);
  });

  it('takes in a member that joins after a search', () => {
    const pool = new WordStartPool();
    const first = pool.join([phrasePattern(['case ref'])]);
    expect(asPairs(first('case ref 1, our ref 2'))).toEqual([[[0, 'case ref']]]);
    const second = pool.join([phrasePattern(['our ref'])]);
    expect(asPairs(second('case ref 1, our ref 2'))).toEqual([[[12, 'our ref']]]);
    expect(asPairs(first('case ref 1, our ref 2'))).toEqual([[[0, 'case ref']]]);
  });

  it('keeps apart patterns of different flags', () => {
    const pool = new WordStartPool();
    const exact = pool.join([{ regex: new WordStartRegex(/CW\d{3}(?![\p{L}\p{N}])/gu) }]);
    const anyCase = pool.join([phrasePattern(['cw'])]);
    expect(asPairs(exact('cw123 CW123'))).toEqual([[[6, 'CW123']]]);
    expect(asPairs(anyCase('cw123 CW123 cw'))).toEqual([[[12, 'cw']]]);
    expect(() => pool.join([{ regex: new WordStartRegex(/a/gu) }, { regex: new WordStartRegex(/b/giu) }])).toThrow(/same flags/);
  });

  it('finds a word list through the pool as its own search finds it', () => {
    const pool = new WordStartPool();
    const words = ['date of birth', 'DOB', 'born on'];
    const pooled = new WordList(words, pool);
    const own = new WordList(words);
    const t = 'Date  of\nbirth: 1/2/1950; dob 3/4/1960; reborn on; born on Tuesday';
    expect(pooled.everywhere(t)).toEqual(own.allIn(t));
    expect(pooled.everywhere(t).map((w) => w.word)).toEqual(['date of birth', 'dob', 'born on']);
  });
});

describe('a detector with one pool for all its recognizers', () => {
  it('finds what recognizers built one by one, each searching alone, find', async () => {
    const ruleSet = await loadRuleSet();
    const detector = createDetector(ruleSet);
    const text = [
      'OFFICIAL-SENSITIVE',
      'Our ref: HB/123456. Council tax account 12345678; see CW-2024-00123.',
      'NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A.',
      'Her son has asthma and she is a Muslim. Date of birth 12/03/1956, passport number 123456789.',
      'Private and confidential: the resident at 14 Abbey Road, Nottingham NG2 5AB.',
    ].join('\n');
    const message: Message = {
      channel: 'email',
      id: '<pool@example>',
      sender: { address: 'cllr@rushcliffe.gov.uk' },
      recipients: [{ address: 'someone@example.org', field: 'to' }],
      subject: '',
      parts: [{ id: 'body', kind: 'body', label: 'the message body', text, segments: [{ start: 0, end: text.length, role: 'authored' }] }],
      unreadable: [],
      sizeBytes: text.length,
    };
    const pooled = detector.detect(message);
    const oneByOne = Object.entries(ruleSet.recognizers)
      .filter(([, raw]) => raw.enabled)
      .flatMap(([type, { examples: _examples, ...settings }]) => {
        // No pool in the context: each recognizer searches for its own words.
        const recognizer = RECOGNIZER_FACTORIES[type]!(settings, { policy: ruleSet.policy });
        return recognizer.find(text, [{ start: 0, end: text.length }]).map((m) => ({ type, start: m.start, end: m.end, score: m.score }));
      });
    expect(pooled.map((f) => ({ type: f.type, start: f.start, end: f.end, score: f.score }))).toEqual(oneByOne);
    // Every recognizer that searches the pool found something here.
    expect(pooled.map((f) => f.type)).toEqual(
      expect.arrayContaining(['security-classification', 'case-reference', 'exempt-information', 'special-category', 'date-of-birth', 'passport-number', 'confidentiality-notice']),
    );
  });
});
