// Quote and signature detection over the reply styles councillors' mail clients produce.
import { describe, expect, it } from 'vitest';
import { segmentText, type SegmentOptions } from '../../lib/message/segments.ts';
import type { Segment, SegmentRole } from '../../lib/message/types.ts';
import { VALEDICTIONS } from './mime-builders.ts';

const OPTIONS: SegmentOptions = { senderName: 'Cllr Jane Porter', valedictions: VALEDICTIONS };

/** The role of each line, for tables that read like the messages they test. */
function lineRoles(text: string, options: SegmentOptions = OPTIONS): Array<[string, SegmentRole]> {
  const segments = segmentText(text, options);
  const roles: Array<[string, SegmentRole]> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const segment = segments.find((s) => s.start <= start && start < s.end) as Segment;
    if (line.trim() !== '') roles.push([line, segment.role]);
    start += line.length + 1;
  }
  return roles;
}

function covers(text: string, segments: readonly Segment[]): boolean {
  return segments.every((s, i) => s.start === (i === 0 ? 0 : segments[i - 1]?.end) && s.end > s.start) && (segments.at(-1)?.end ?? 0) === text.length;
}

const A = 'authored';
const Q = 'quoted';
const S = 'signature';

describe('segmentText', () => {
  it.each<[string, string, Array<[string, SegmentRole]>]>([
    [
      'Gmail: attribution on one line, then > lines',
      'Thanks, will do.\n\nOn Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n> Can you help?\n> 12 Rugby Road',
      [['Thanks, will do.', A], ['On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', Q], ['> Can you help?', Q], ['> 12 Rugby Road', Q]],
    ],
    [
      'Gmail: attribution wrapped over two lines',
      'Agreed.\nOn Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith.clarke@example.com>\nwrote:\n> Please call 07700 900123',
      [['Agreed.', A], ['On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith.clarke@example.com>', Q], ['wrote:', Q], ['> Please call 07700 900123', Q]],
    ],
    [
      'Apple Mail: attribution with "at", then > lines',
      'See below.\n\nOn 4 Mar 2024, at 10:15, Edith Clarke <edith@example.com> wrote:\n\n> Hello',
      [['See below.', A], ['On 4 Mar 2024, at 10:15, Edith Clarke <edith@example.com> wrote:', Q], ['> Hello', Q]],
    ],
    [
      'Thunderbird: attribution without > lines quotes the rest',
      'Fine.\nOn 04/03/2024 10:15, Edith Clarke wrote:\nHer reply, unprefixed\nmore of it',
      [['Fine.', A], ['On 04/03/2024 10:15, Edith Clarke wrote:', Q], ['Her reply, unprefixed', Q], ['more of it', Q]],
    ],
    [
      'Outlook: header block quotes everything after it',
      'Noted.\n\nFrom: Edith Clarke <edith@example.com>\nSent: 04 March 2024 10:15\nTo: Porter, Jane\nSubject: Damp\n\nMy flat is damp.',
      [['Noted.', A], ['From: Edith Clarke <edith@example.com>', Q], ['Sent: 04 March 2024 10:15', Q], ['To: Porter, Jane', Q], ['Subject: Damp', Q], ['My flat is damp.', Q]],
    ],
    [
      'Outlook web: rule line then header block',
      'Noted.\n________________________________\nFrom: Edith Clarke\nSent: Monday\nTo: Jane',
      [['Noted.', A], ['________________________________', Q], ['From: Edith Clarke', Q], ['Sent: Monday', Q], ['To: Jane', Q]],
    ],
    [
      'Outlook (older): Original Message rule',
      'Noted.\n-----Original Message-----\nFrom: Edith',
      [['Noted.', A], ['-----Original Message-----', Q], ['From: Edith', Q]],
    ],
    [
      'interleaved > quoting: the answers between quotes are authored',
      'On Mon, 4 Mar 2024 at 10:15, Bob <bob@example.org> wrote:\n> First question?\nFirst answer.\n> Second question?\nSecond answer.',
      [['On Mon, 4 Mar 2024 at 10:15, Bob <bob@example.org> wrote:', Q], ['> First question?', Q], ['First answer.', A], ['> Second question?', Q], ['Second answer.', A]],
    ],
    [
      '"-- " delimiter starts the signature',
      'Hello\n-- \nJane Porter\n07700 900456',
      [['Hello', A], ['-- ', S], ['Jane Porter', S], ['07700 900456', S]],
    ],
    [
      'valediction followed by the sender\'s first name',
      'Hello\n\nKind regards,\n\nJane\nWard councillor',
      [['Hello', A], ['Kind regards,', S], ['Jane', S], ['Ward councillor', S]],
    ],
    [
      'valediction followed by "Cllr <surname>"',
      'Hello\nBest wishes\nCllr Porter',
      [['Hello', A], ['Best wishes', S], ['Cllr Porter', S]],
    ],
    [
      'valediction and name on one line',
      'Hello\nThanks, Jane\n07700 900456',
      [['Hello', A], ['Thanks, Jane', S], ['07700 900456', S]],
    ],
    [
      'the signature ends where quoted text begins',
      'Hello\nRegards\nJane\nOn Mon, 4 Mar 2024 at 10:15, Bob <bob@example.org> wrote:\n> Hi',
      [['Hello', A], ['Regards', S], ['Jane', S], ['On Mon, 4 Mar 2024 at 10:15, Bob <bob@example.org> wrote:', Q], ['> Hi', Q]],
    ],
  ])('%s', (_name, text, expected) => {
    expect(lineRoles(text)).toEqual(expected);
    expect(covers(text, segmentText(text, OPTIONS))).toBe(true);
  });

  it.each<[string, string, Array<[string, SegmentRole]>]>([
    [
      'a valediction followed by someone else\'s name',
      'Thanks\nEdith Clarke\n12 Rugby Road',
      [['Thanks', A], ['Edith Clarke', A], ['12 Rugby Road', A]],
    ],
    [
      'a valediction with the name too far below',
      'Kind regards\n\nSee you Thursday.\nThe agenda follows.\nJane',
      [['Kind regards', A], ['See you Thursday.', A], ['The agenda follows.', A], ['Jane', A]],
    ],
    [
      '"Thanks" opening a sentence is not a sign-off',
      'Thanks for your note, Jane\nPlease call Mrs Clarke on 07700 900123',
      [['Thanks for your note, Jane', A], ['Please call Mrs Clarke on 07700 900123', A]],
    ],
    [
      '"On … wrote:" in prose, without a date, time or address',
      'On Monday the resident wrote:\nmy neighbour is ill',
      [['On Monday the resident wrote:', A], ['my neighbour is ill', A]],
    ],
    [
      'a From: line that is not a header block',
      'From: the housing team\nWe will visit on Monday.',
      [['From: the housing team', A], ['We will visit on Monday.', A]],
    ],
    [
      'a forwarded message marker: what follows is passed on, so authored',
      'FYI\n---------- Forwarded message ---------\nFrom: Edith Clarke <edith@example.com>\nDate: Mon, 4 Mar 2024\nSubject: Damp\nTo: Jane\n\nMy NI number is JG103785A',
      [
        ['FYI', A], ['---------- Forwarded message ---------', A], ['From: Edith Clarke <edith@example.com>', A],
        ['Date: Mon, 4 Mar 2024', A], ['Subject: Damp', A], ['To: Jane', A], ['My NI number is JG103785A', A],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(lineRoles(text)).toEqual(expected);
  });

  it('treats reply markers as authored when the message is not a reply, but still ends the signature there', () => {
    const text = 'FYI\nKind regards\nJane\n\nFrom: Edith Clarke\nSent: Monday\nTo: Jane\nSubject: Damp\n> quoted\nbody';
    expect(lineRoles(text, { ...OPTIONS, replyQuotes: false })).toEqual([
      ['FYI', A], ['Kind regards', S], ['Jane', S], ['From: Edith Clarke', A], ['Sent: Monday', A], ['To: Jane', A],
      ['Subject: Damp', A], ['> quoted', A], ['body', A],
    ]);
  });

  it('recognises "Cllr <name>" after a valediction when the sender name is unknown', () => {
    expect(lineRoles('Hi\nRegards\nCllr Porter', { valedictions: VALEDICTIONS })).toEqual([['Hi', A], ['Regards', S], ['Cllr Porter', S]]);
    expect(lineRoles('Hi\nRegards\nJane', { valedictions: VALEDICTIONS })).toEqual([['Hi', A], ['Regards', A], ['Jane', A]]);
  });

  it('ends a signature after 20 lines, so a mistaken sign-off cannot hide a long message', () => {
    const rest = Array.from({ length: 25 }, (_, i) => `line ${i + 1}`);
    const roles = lineRoles(['Regards', 'Jane', ...rest].join('\n'));
    expect(roles.filter(([, role]) => role === S)).toHaveLength(20);
    expect(roles.at(-1)).toEqual(['line 25', A]);
  });

  it.each([
    ['empty text', '', []],
    ['one line without a newline', 'Hello', [{ start: 0, end: 5, role: 'authored' }]],
    ['CRLF line endings', 'Hi\r\n> q\r\n', [{ start: 0, end: 4, role: 'authored' }, { start: 4, end: 9, role: 'quoted' }]],
  ])('covers %s exactly', (_name, text, expected) => {
    expect(segmentText(text, OPTIONS)).toEqual(expected);
  });

  it.each([
    ['a long run of spaces', `On ${' '.repeat(200_000)}x`],
    ['many "On" lines', 'On 10:15 x\n'.repeat(50_000)],
    ['many From: lines', 'From: a\n'.repeat(50_000)],
    ['a long valediction-like line', `Kind regards${','.repeat(200_000)}x`],
    ['long runs of dashes and underscores', `${'-'.repeat(100_000)}\n${'_'.repeat(100_000)}\n`],
  ])('handles %s and still covers the text', (_name, text) => {
    expect(covers(text, segmentText(text, OPTIONS))).toBe(true);
  });
});
