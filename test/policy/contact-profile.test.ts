// Contact profiles in long texts: a detail with no other detail near it is passed over (its cues
// are never looked for) unless one kind of detail is enough, so these cases check that passing
// over never changes which profiles are found.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/detect/types.ts';
import type { Message, Segment } from '../../lib/message/types.ts';
import { findContactProfiles, personCues, type ContactProfileCondition } from '../../lib/policy/contact-profile.ts';
import { createPolicy } from '../../lib/policy/decide.ts';
import type { AssessedFinding } from '../../lib/policy/types.ts';
import { shippedPolicy } from '../helpers/shipped-policy.ts';

const cues = personCues(shippedPolicy());
const SHIPPED: ContactProfileCondition = { kinds: ['postal-address', 'phone-number', 'email-address'], minKinds: 2, minKindsWithSpecialCategory: 1, window: 250 };
const FILLER = ' The ward panel met on Tuesday.'.repeat(20);

function message(text: string): Message {
  return {
    channel: 'email',
    id: '<test@example>',
    sender: { address: 'cllr@rushcliffe.gov.uk' },
    recipients: [{ address: 'editor@example.org', field: 'to' }],
    subject: 'Hello',
    parts: [{ id: 'body', kind: 'body', label: 'the message body', text, segments: [{ start: 0, end: text.length, role: 'authored' }] }],
    unreadable: [],
    sizeBytes: text.length,
  };
}

/** Findings on the given substrings (each the first occurrence after the previous one). */
function findings(text: string, spots: Array<[string, string]>): AssessedFinding[] {
  let from = 0;
  return spots.map(([type, value]) => {
    const start = text.indexOf(value, from);
    if (start < 0) throw new Error(`test setup: "${value}" not in text`);
    from = start + value.length;
    const category = 'personal' as const;
    return { recognizer: type, type, category, partId: 'body', start, end: start + value.length, score: 0.9, explanation: { pattern: 'test', baseScore: 0.9 } };
  });
}

function profiles(text: string, spots: Array<[string, string]>, condition = SHIPPED): string[][] {
  return findContactProfiles(message(text), findings(text, spots), condition, cues).map((p) => p.map((f) => text.slice(f.start, f.end)));
}

describe('findContactProfiles in long texts', () => {
  it.each<[string, string, Array<[string, string]>, string[][]]>([
    ['lone details about people, far apart', `Mrs Clarke is on 07700 900123.${FILLER} Mr Khan lives at 9 Mill Lane, NG2 6AA.`, [['phone-number', '07700 900123'], ['postal-address', '9 Mill Lane, NG2 6AA']], []],
    ['a lone detail beside a health word', `Mrs Clarke has dementia; she is on 07700 900123.${FILLER}`, [['special-category', 'dementia'], ['phone-number', '07700 900123']], [['07700 900123', 'dementia']]],
    ['two details together among lone ones', `Call 07700 900111.${FILLER} My neighbour Mrs Clarke is on 07700 900123 or edith@example.com.${FILLER} Write to 4 Elm Road, NG2 7AA.`, [['phone-number', '07700 900111'], ['phone-number', '07700 900123'], ['email-address', 'edith@example.com'], ['postal-address', '4 Elm Road, NG2 7AA']], [['07700 900123', 'edith@example.com']]],
    ['a health word too far from a lone detail', `Mrs Clarke has dementia.${FILLER} Mr Khan is on 07700 900123.`, [['special-category', 'dementia'], ['phone-number', '07700 900123']], []],
  ])('%s', (_name, text, spots, expected) => {
    expect(profiles(text, spots)).toEqual(expected);
  });

  it('still finds a lone detail when one kind is enough', () => {
    const text = `Mrs Clarke is on 07700 900123.${FILLER}`;
    expect(profiles(text, [['phone-number', '07700 900123']], { ...SHIPPED, minKinds: 1 })).toEqual([['07700 900123']]);
  });
});

// The shipped policy deciding on hand-built messages: findings sit on exact substrings, and
// segments say whose words each stretch is, as lib/message/segments.ts marks them.
const policy = createPolicy(shippedPolicy());
const SENDER = { address: 'cllr.jporter@rushcliffe.gov.uk', name: 'Cllr Jane Porter' };
const AGENT = 'agent@example-party.org.uk';
const RESIDENT = 'm.okafor@example.com';

interface Block {
  text: string;
  role?: Segment['role'];
  author?: Segment['author'];
}

function composed(blocks: Block[], recipients = [AGENT]): Message {
  let text = '';
  const segments: Segment[] = [];
  for (const b of blocks) {
    const start = text.length;
    text += b.text;
    segments.push({ start, end: text.length, role: b.role ?? 'authored', ...(b.author ? { author: b.author, via: 'forward' as const } : {}) });
  }
  return {
    channel: 'email',
    id: '<test@example>',
    sender: SENDER,
    recipients: recipients.map((address) => ({ address, field: 'to' as const })),
    subject: 'Fwd: streetlight',
    parts: [{ id: 'body', kind: 'body', label: 'the message body', text, segments }],
    unreadable: [],
    sizeBytes: text.length,
  };
}

/** Findings on every occurrence of each value. */
function spotted(msg: Message, spots: Array<[string, string]>): Finding[] {
  const text = msg.parts[0]!.text;
  return spots.flatMap(([type, value]) => {
    const out: Finding[] = [];
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      out.push({ recognizer: type, type, category: 'personal', partId: 'body', start: at, end: at + value.length, score: 0.9, explanation: { pattern: 'test', baseScore: 0.9 } });
    }
    if (out.length === 0) throw new Error(`test setup: "${value}" not in text`);
    return out;
  });
}

function rulesHeld(blocks: Block[], spots: Array<[string, string]>, recipients?: string[]): string[] {
  const msg = composed(blocks, recipients);
  return policy.decide(msg, spotted(msg, spots)).reasons.map((r) => r.rule);
}

const ADDRESS: [string, string] = ['postal-address', '14 Abbey Road, West Bridgford, Nottingham NG2 5AB'];
const PHONE: [string, string] = ['phone-number', '07700 900461'];
const EMAIL: [string, string] = ['email-address', RESIDENT];
const FAR = '\n\nThe light has been out for three weeks and the pavement is dark all the way to the shops.'.repeat(4);
const QUOTED = { role: 'quoted' as const, author: { address: RESIDENT, name: 'Margaret Okafor' } };

describe('contact profiles of people named without a title', () => {
  it('holds a name with an address and a phone number', () => {
    expect(rulesHeld([{ text: 'Margaret Okafor, 14 Abbey Road, West Bridgford, Nottingham NG2 5AB, 07700 900461' }], [ADDRESS, PHONE])).toEqual(['contact-profile']);
  });

  it('passes the same details without a name', () => {
    expect(rulesHeld([{ text: 'Delivery to 14 Abbey Road, West Bridgford, Nottingham NG2 5AB, 07700 900461' }], [ADDRESS, PHONE])).toEqual([]);
  });

  it("passes the sender's own name beside their own details", () => {
    expect(rulesHeld([{ text: 'Jane Porter, 07700 900461, m.okafor@example.com' }], [PHONE, EMAIL])).toEqual([]);
  });

  it('passes a venue named after a person', () => {
    expect(rulesHeld([{ text: 'The Florence Nightingale Hall, 14 Abbey Road, West Bridgford, Nottingham NG2 5AB, 07700 900461' }], [ADDRESS, PHONE])).toEqual([]);
  });
});

describe("first-person statements in someone else's words", () => {
  const complaint =
    'My name is Margaret Okafor, I live at 14 Abbey Road, West Bridgford, Nottingham NG2 5AB and my number is 07700 900461, my email is m.okafor@example.com. ' +
    'I have COPD and my son has autism, and the broken streetlight means we cannot get out after dark.';

  it('holds a forwarded resident complaint', () => {
    const spots: Array<[string, string]> = [ADDRESS, PHONE, EMAIL, ['special-category', 'autism']];
    expect(rulesHeld([{ text: 'For your information, see below.\n\n' }, { text: complaint, ...QUOTED }], spots)).toEqual(['contact-profile']);
  });

  it.each<[string, Block['role'], string[]]>([
    ["in the resident's quoted words", 'quoted', ['contact-profile']],
    ["in the sender's own words", 'authored', []],
  ])('"I live at … my number is" %s', (_name, role, expected) => {
    const text = 'Please ring about the light. I live at 14 Abbey Road, West Bridgford, Nottingham NG2 5AB and my number is 07700 900461.';
    expect(rulesHeld([{ text, ...(role === 'quoted' ? QUOTED : {}), role }], [ADDRESS, PHONE])).toEqual(expected);
  });

  it('counts a condition of the writer with one detail', () => {
    const text = 'My son has autism and the noise is unbearable. You can reach me on 07700 900461.';
    expect(rulesHeld([{ text, ...QUOTED }], [PHONE, ['special-category', 'autism']])).toEqual(['contact-profile']);
  });
});

describe("a quoted writer's own address", () => {
  const header = `From: Margaret Okafor <${RESIDENT}>\nSent: 2 December 2025 18:04\n\n`;
  const body = `Dear Councillor,${FAR}\n\nmy number is 07700 900461.`;

  it('joins the profile found in their block, however far from it', () => {
    expect(rulesHeld([{ text: 'See below.\n\n' }, { text: header + body, ...QUOTED }], [EMAIL, PHONE])).toEqual(['contact-profile']);
  });

  it('is just an address outside their block', () => {
    const blocks: Block[] = [{ text: `Copying ${RESIDENT} as asked.\n\n` }, { text: body, ...QUOTED }];
    expect(rulesHeld(blocks, [EMAIL, PHONE])).toEqual([]);
  });

  it('does not join a block whose writer is someone else', () => {
    const other = { role: 'quoted' as const, author: { address: 'neighbour@example.net' } };
    expect(rulesHeld([{ text: header + body, ...other }], [EMAIL, PHONE])).toEqual([]);
  });
});

describe('lists of people', () => {
  const list = 'Visit list:\nMargaret Okafor, 07700 900461\nJohn Whitfield, 07700 900462\nPriya Shah, 07700 900463';
  const spots: Array<[string, string]> = [['people-list', list.slice(list.indexOf('Margaret'))]];

  it('holds a list of people going outside the council', () => {
    expect(rulesHeld([{ text: list }], spots)).toEqual(['people-list']);
  });

  it('passes it to an internal recipient', () => {
    expect(rulesHeld([{ text: list }], spots, ['housing@rushcliffe.gov.uk'])).toEqual([]);
  });
});
