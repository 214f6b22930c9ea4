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

/** Whose each line is: 'authored', 'signature', or the quoted author (address, else name) and how it came. */
function lineOwners(text: string, options: SegmentOptions = OPTIONS): Array<[string, string]> {
  const segments = segmentText(text, options);
  const owners: Array<[string, string]> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const s = segments.find((segment) => segment.start <= start && start < segment.end) as Segment;
    const who = s.role !== 'quoted' ? s.role : `${s.author?.address ?? s.author?.name ?? 'unknown'}${s.signature ? ' (signature)' : ''} via ${s.via}`;
    if (line.trim() !== '') owners.push([line, who]);
    start += line.length + 1;
  }
  return owners;
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
  ])('%s', (_name, text, expected) => {
    expect(lineRoles(text)).toEqual(expected);
  });

  it('treats text under reply markers as quoted via a forward when the message is not a reply, and ends the signature there', () => {
    const text = 'FYI\nKind regards\nJane\n\nFrom: Edith Clarke\nSent: Monday\nTo: Jane\nSubject: Damp\n> quoted\nbody';
    expect(lineOwners(text, { ...OPTIONS, isReply: false })).toEqual([
      ['FYI', A], ['Kind regards', S], ['Jane', S],
      ['From: Edith Clarke', 'Edith Clarke via forward'], ['Sent: Monday', 'Edith Clarke via forward'], ['To: Jane', 'Edith Clarke via forward'],
      ['Subject: Damp', 'Edith Clarke via forward'], ['> quoted', 'unknown via forward'], ['body', 'Edith Clarke via forward'],
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
    ['CRLF line endings', 'Hi\r\n> q\r\n', [{ start: 0, end: 4, role: 'authored' }, { start: 4, end: 9, role: 'quoted', via: 'reply' }]],
  ])('covers %s exactly', (_name, text, expected) => {
    expect(segmentText(text, OPTIONS)).toEqual(expected);
  });

  it.each([
    ['a long run of spaces', `On ${' '.repeat(200_000)}x`],
    ['many "On" lines', 'On 10:15 x\n'.repeat(50_000)],
    ['many From: lines', 'From: a\n'.repeat(50_000)],
    ['a long valediction-like line', `Kind regards${','.repeat(200_000)}x`],
    ['long runs of dashes and underscores', `${'-'.repeat(100_000)}\n${'_'.repeat(100_000)}\n`],
    ['deeply nested quote marks', `${'> '.repeat(50_000)}x\n`.repeat(4)],
    ['many attributions, each a new author', 'On 1 Jan 2024 10:15, a@example.org wrote:\n> x\n'.repeat(20_000)],
    ['many forwarding markers', '---------- Forwarded message ---------\nFrom: a@example.org\n'.repeat(20_000)],
    ['an attribution of @ signs', `On 1 Jan 2024 ${'a@'.repeat(100_000)} wrote:\n`],
  ])('handles %s and still covers the text', (_name, text) => {
    const started = performance.now();
    expect(covers(text, segmentText(text, OPTIONS))).toBe(true);
    // Generous for a shared machine; a quadratic pass over these inputs takes minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('segmentText: who wrote each quoted block', () => {
  const edith = 'edith@example.com via reply';
  const agent = 'agent@party.example.org via reply';

  it.each<[string, string, Array<[string, string]>]>([
    [
      'Gmail: the attribution line belongs to the quoted author',
      'Thanks.\n\nOn Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n> Can you help?',
      [['Thanks.', A], ['On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', edith], ['> Can you help?', edith]],
    ],
    [
      'a quote inside a quote keeps its own author',
      'Noted.\nOn Tue, 5 Mar 2024 at 09:00, Agent <agent@party.example.org> wrote:\n> Passing this on.\n' +
        '> On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n>> My NI number is JG103785A\n> Back to the agent.',
      [
        ['Noted.', A], ['On Tue, 5 Mar 2024 at 09:00, Agent <agent@party.example.org> wrote:', agent], ['> Passing this on.', agent],
        ['> On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', edith], ['>> My NI number is JG103785A', edith],
        ['> Back to the agent.', agent],
      ],
    ],
    [
      'nested quotes as HTML blockquotes convert them ("> > ")',
      'Hi\nOn Tue, 5 Mar 2024 at 09:00, Agent <agent@party.example.org> wrote:\n> Outer\n> \n> On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n> \n> > Inner',
      [
        ['Hi', A], ['On Tue, 5 Mar 2024 at 09:00, Agent <agent@party.example.org> wrote:', agent], ['> Outer', agent], ['> ', agent],
        ['> On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', edith], ['> ', edith], ['> > Inner', edith],
      ],
    ],
    [
      'Apple Mail HTML: the attribution sits in a blockquote of its own, before the quoted one',
      'Reply\n\n> On 3 Mar 2025, at 10:15, Edith Clarke <edith@example.com> wrote:\n\n> Apple quoted',
      [['Reply', A], ['> On 3 Mar 2025, at 10:15, Edith Clarke <edith@example.com> wrote:', edith], ['> Apple quoted', edith]],
    ],
    [
      'an Outlook thread: each header block starts the next author\'s text',
      'Noted.\n\nFrom: Agent <agent@party.example.org>\nSent: 05 March 2024 09:00\nTo: Porter, Jane\nSubject: RE: Damp\n\nPassing this on.\n\n' +
        'From: Edith Clarke <edith@example.com>\nSent: 04 March 2024 10:15\nTo: Agent\nSubject: Damp\n\nMy flat is damp.',
      [
        ['Noted.', A], ['From: Agent <agent@party.example.org>', agent], ['Sent: 05 March 2024 09:00', agent], ['To: Porter, Jane', agent],
        ['Subject: RE: Damp', agent], ['Passing this on.', agent], ['From: Edith Clarke <edith@example.com>', edith],
        ['Sent: 04 March 2024 10:15', edith], ['To: Agent', edith], ['Subject: Damp', edith], ['My flat is damp.', edith],
      ],
    ],
    [
      'Outlook (older): Original Message rule with a [mailto:] From line',
      'Noted.\n-----Original Message-----\nFrom: Edith Clarke [mailto:edith@example.com]\nSent: 04 March 2024 10:15\nTo: Jane\n\nDamp again.',
      [
        ['Noted.', A], ['-----Original Message-----', edith], ['From: Edith Clarke [mailto:edith@example.com]', edith],
        ['Sent: 04 March 2024 10:15', edith], ['To: Jane', edith], ['Damp again.', edith],
      ],
    ],
    [
      'Outlook bold field names (*From:*) and a name without an address',
      'Noted.\n\n*From:* Edith Clarke\n*Sent:* 04 March 2024 10:15\n*To:* Jane\n*Subject:* Damp\n\nDamp again.',
      [
        ['Noted.', A], ['*From:* Edith Clarke', 'Edith Clarke via reply'], ['*Sent:* 04 March 2024 10:15', 'Edith Clarke via reply'],
        ['*To:* Jane', 'Edith Clarke via reply'], ['*Subject:* Damp', 'Edith Clarke via reply'], ['Damp again.', 'Edith Clarke via reply'],
      ],
    ],
    [
      'Gmail forward: the header block names the author, the text is quoted via a forward',
      'FYI\n---------- Forwarded message ---------\nFrom: Edith Clarke <edith@example.com>\nDate: Mon, 4 Mar 2024\nSubject: Damp\nTo: Jane\n\nMy NI number is JG103785A',
      [
        ['FYI', A], ['---------- Forwarded message ---------', 'edith@example.com via forward'],
        ['From: Edith Clarke <edith@example.com>', 'edith@example.com via forward'], ['Date: Mon, 4 Mar 2024', 'edith@example.com via forward'],
        ['Subject: Damp', 'edith@example.com via forward'], ['To: Jane', 'edith@example.com via forward'],
        ['My NI number is JG103785A', 'edith@example.com via forward'],
      ],
    ],
    [
      'Apple Mail forward: "Begin forwarded message:", a blank line, then the header block',
      'FYI\n\nBegin forwarded message:\n\nFrom: Edith Clarke <edith@example.com>\nSubject: Damp\nDate: 4 March 2024 at 10:15:00 GMT\nTo: Jane\n\nDamp again.',
      [
        ['FYI', A], ['Begin forwarded message:', 'edith@example.com via forward'], ['From: Edith Clarke <edith@example.com>', 'edith@example.com via forward'],
        ['Subject: Damp', 'edith@example.com via forward'], ['Date: 4 March 2024 at 10:15:00 GMT', 'edith@example.com via forward'],
        ['To: Jane', 'edith@example.com via forward'], ['Damp again.', 'edith@example.com via forward'],
      ],
    ],
    [
      'a forwarding marker with no From line: the author is unknown',
      'FYI\n---------- Forwarded message ---------\nMy NI number is JG103785A',
      [['FYI', A], ['---------- Forwarded message ---------', 'unknown via forward'], ['My NI number is JG103785A', 'unknown via forward']],
    ],
    [
      'an undated attribution with an address',
      'Agreed.\nedith@example.com wrote:\n> Please call 07700 900123',
      [['Agreed.', A], ['edith@example.com wrote:', edith], ['> Please call 07700 900123', edith]],
    ],
    [
      '> lines with no attribution have no author',
      'Agreed.\n> Please call 07700 900123',
      [['Agreed.', A], ['> Please call 07700 900123', 'unknown via reply']],
    ],
    [
      'the quoted author\'s signature stays quoted, marked as theirs',
      'Thanks.\nOn Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n> Can you help?\n> Kind regards\n> Edith\n> 07700 900123',
      [
        ['Thanks.', A], ['On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', edith], ['> Can you help?', edith],
        ['> Kind regards', 'edith@example.com (signature) via reply'], ['> Edith', 'edith@example.com (signature) via reply'],
        ['> 07700 900123', 'edith@example.com (signature) via reply'],
      ],
    ],
    [
      'the sender\'s signature before a quote stays the sender\'s; a "-- " in the quote is the quoted author\'s',
      'Happy to help.\n-- \nJane Porter\n\nOn Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:\n> Hi\n> -- \n> Edith Clarke',
      [
        ['Happy to help.', A], ['-- ', S], ['Jane Porter', S], ['On Mon, 4 Mar 2024 at 10:15, Edith Clarke <edith@example.com> wrote:', edith],
        ['> Hi', edith], ['> -- ', 'edith@example.com (signature) via reply'], ['> Edith Clarke', 'edith@example.com (signature) via reply'],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(lineOwners(text)).toEqual(expected);
    expect(covers(text, segmentText(text, OPTIONS))).toBe(true);
  });

  it('reads an attached message\'s body as its author\'s, with its own quotes attributed to theirs', () => {
    const text = 'Please help.\nRegards\nEdith\n\nOn Mon, 4 Mar 2024 at 10:15, Agent <agent@party.example.org> wrote:\n> We cannot.';
    expect(lineOwners(text, { ...OPTIONS, forwardedFrom: { author: { address: 'edith@example.com', name: 'Edith Clarke' } } })).toEqual([
      ['Please help.', 'edith@example.com via forward'],
      ['Regards', 'edith@example.com (signature) via forward'],
      ['Edith', 'edith@example.com (signature) via forward'],
      ['On Mon, 4 Mar 2024 at 10:15, Agent <agent@party.example.org> wrote:', 'agent@party.example.org via forward'],
      ['> We cannot.', 'agent@party.example.org via forward'],
    ]);
    expect(lineOwners('Text', { ...OPTIONS, forwardedFrom: {} })).toEqual([['Text', 'unknown via forward']]);
  });
});

