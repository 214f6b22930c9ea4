// Contact profiles in long texts: a detail with no other detail near it is passed over (its cues
// are never looked for) unless one kind of detail is enough, so these cases check that passing
// over never changes which profiles are found.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../lib/message/types.ts';
import { findContactProfiles, personCues, type ContactProfileCondition } from '../../lib/policy/contact-profile.ts';
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
