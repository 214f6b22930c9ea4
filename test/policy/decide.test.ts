// The default policy on hand-built messages and findings: each case places findings on exact
// substrings, so what is tested is the policy alone, not the recognizers.
import { describe, expect, it } from 'vitest';
import type { Category, Finding } from '../../lib/detect/types.ts';
import type { Message, Recipient, Segment } from '../../lib/message/types.ts';
import { createPolicy } from '../../lib/policy/decide.ts';
import { shippedPolicy } from '../helpers/shipped-policy.ts';

const SENDER = { address: 'cllr.jporter@rushcliffe.gov.uk', name: 'Cllr Jane Porter' };
const EXTERNAL: Recipient[] = [{ address: 'editor@example.org', field: 'to' }];
const INTERNAL: Recipient[] = [{ address: 'housing@rushcliffe.gov.uk', field: 'to' }];

const CATEGORY: Record<string, Category> = {
  'uk-nino': 'personal',
  'phone-number': 'personal',
  'postal-address': 'personal',
  'email-address': 'personal',
  'special-category': 'personal',
  'security-classification': 'marking',
  'case-reference': 'casework',
};

interface Spot {
  type: string;
  text: string;
  score?: number;
}

function message(body: string, opts: { recipients?: Recipient[]; subject?: string; segments?: Segment[]; channel?: 'email' | 'whatsapp' } = {}): Message {
  return {
    channel: opts.channel ?? 'email',
    id: '<test@example>',
    sender: SENDER,
    recipients: opts.recipients ?? EXTERNAL,
    subject: opts.subject ?? 'Hello',
    parts: [{ id: 'body', kind: 'body', label: 'the message body', text: body, segments: opts.segments ?? [{ start: 0, end: body.length, role: 'authored' }] }],
    unreadable: [],
    sizeBytes: body.length,
  };
}

function spot(msg: Message, ...spots: Spot[]): Finding[] {
  const text = msg.parts[0]!.text;
  return spots.map((s) => {
    const start = text.indexOf(s.text);
    if (start < 0) throw new Error(`test setup: "${s.text}" not in body`);
    return {
      recognizer: s.type,
      type: s.type,
      category: CATEGORY[s.type]!,
      partId: 'body',
      start,
      end: start + s.text.length,
      score: s.score ?? 0.9,
      explanation: { pattern: 'test', baseScore: 0.9 },
    };
  });
}

const policy = createPolicy(shippedPolicy());

describe('recipients', () => {
  it('passes a message whose recipients are all internal, keeping its findings', () => {
    const msg = message('NI number JG 10 37 85 A', { recipients: INTERNAL });
    const decision = policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' }));
    expect(decision).toMatchObject({ action: 'pass', external: false, reasons: [] });
    expect(decision.findings).toHaveLength(1);
  });

  it.each([
    ['to', [{ address: 'a@example.org', field: 'to' }]],
    ['cc', [...INTERNAL, { address: 'a@example.org', field: 'cc' }]],
    ['bcc only', [...INTERNAL, { address: 'a@example.org', field: 'bcc' }]],
    ['a look-alike domain', [{ address: 'a@rushcliffe.gov.uk.example.net', field: 'to' }]],
  ] as Array<[string, Recipient[]]>)('holds when an external recipient is in %s', (_name, recipients) => {
    const msg = message('NI number JG 10 37 85 A', { recipients });
    expect(policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' })).action).toBe('hold');
  });

  it('treats subdomains of an internal domain as internal', () => {
    const msg = message('NI number JG 10 37 85 A', { recipients: [{ address: 'x@mail.rushcliffe.gov.uk', field: 'to' }] });
    expect(policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' })).action).toBe('pass');
  });

  it('treats every WhatsApp recipient as external', () => {
    const msg = message('NI number JG 10 37 85 A', { channel: 'whatsapp', recipients: [{ address: '447700900123', field: 'whatsapp' }] });
    expect(policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' })).action).toBe('hold');
  });
});

describe('rules', () => {
  it.each([
    ['uk-nino', 'His NI number is JG 10 37 85 A.', 'JG 10 37 85 A', 'strong-identifier'],
    ['security-classification', 'OFFICIAL-SENSITIVE\nBudget figures', 'OFFICIAL-SENSITIVE', 'marking'],
    ['case-reference', 'Re casework CW-2024-00123', 'CW-2024-00123', 'casework'],
  ])('holds external mail with %s under rule %s', (type, body, value, rule) => {
    const msg = message(body);
    const decision = policy.decide(msg, spot(msg, { type, text: value }));
    expect(decision.action).toBe('hold');
    expect(decision.reasons.map((r) => r.rule)).toEqual([rule]);
  });

  it('ignores findings below the policy threshold', () => {
    const msg = message('Ref JG 10 37 85 A');
    const decision = policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A', score: 0.3 }));
    expect(decision.action).toBe('pass');
    expect(decision.findings[0]!.notCounted).toBe('below-threshold');
  });

  it('holds in audit mode but delivers', () => {
    const audit = createPolicy(shippedPolicy({ mode: 'audit' }));
    const msg = message('His NI number is JG 10 37 85 A.');
    expect(audit.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' }))).toMatchObject({ action: 'hold', deliver: true, mode: 'audit' });
    expect(policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' }))).toMatchObject({ action: 'hold', deliver: false });
  });
});

describe('participants and organisations', () => {
  const reply = 'Thanks, I will look into it.\n\nOn Mon, Jo Bloggs <jo@example.org> wrote:\n> my NI number is JG 10 37 85 A';
  const quotedAt = reply.indexOf('On Mon');

  it('does not count a recipient quoted back to themselves', () => {
    const msg = message(reply, {
      recipients: [{ address: 'jo@example.org', field: 'to' }],
      segments: [
        { start: 0, end: quotedAt, role: 'authored' },
        { start: quotedAt, end: reply.length, role: 'quoted', author: { address: 'jo@example.org' } },
      ],
    });
    const decision = policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' }));
    expect(decision.action).toBe('pass');
    expect(decision.findings[0]!.notCounted).toBe('quoted-recipient');
  });

  it('counts quoted text whose author is not a participant (a forward to someone else)', () => {
    const msg = message(reply, {
      recipients: [{ address: 'landlord@example.net', field: 'to' }],
      segments: [
        { start: 0, end: quotedAt, role: 'authored' },
        { start: quotedAt, end: reply.length, role: 'quoted', author: { address: 'jo@example.org' } },
      ],
    });
    expect(policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' })).action).toBe('hold');
  });

  it('does not count the sender’s signature details, but still counts an identifier there', () => {
    const body = 'See you Thursday.\n-- \nCllr Jane Porter\nMobile 07700 900001\nNI JG 10 37 85 A';
    const sig = body.indexOf('-- ');
    const msg = message(body, { segments: [{ start: 0, end: sig, role: 'authored' }, { start: sig, end: body.length, role: 'signature' }] });
    const decision = policy.decide(msg, spot(msg, { type: 'phone-number', text: '07700 900001' }, { type: 'uk-nino', text: 'JG 10 37 85 A' }));
    expect(decision.findings.map((f) => f.notCounted)).toEqual(['sender-signature', undefined]);
    expect(decision.reasons.map((r) => r.rule)).toEqual(['strong-identifier']);
  });

  it.each([
    ['phone-number', 'Call the council on 0115 981 9911 (switchboard).', '0115 981 9911'],
    ['phone-number', 'Call the council on +44 115 981 9911.', '+44 115 981 9911'],
    ['postal-address', 'Venue: Rushcliffe Arena, Rugby Road, West Bridgford NG2 7YG', 'Rugby Road, West Bridgford NG2 7YG'],
    ['email-address', 'Write to planning@rushcliffe.gov.uk', 'planning@rushcliffe.gov.uk'],
  ])('treats the council’s %s as organisational', (type, body, value) => {
    const msg = message(body);
    expect(policy.decide(msg, spot(msg, { type, text: value })).findings[0]!.notCounted).toBe('organisational');
  });

  it('does not count a participant’s own email address', () => {
    const msg = message('Reply to editor@example.org when ready');
    expect(policy.decide(msg, spot(msg, { type: 'email-address', text: 'editor@example.org' })).findings[0]!.notCounted).toBe('participant-address');
  });
});

describe('contact profiles', () => {
  it.each([
    ['address and phone of a titled neighbour', 'My neighbour Mrs Edith Clarke lives at 14 Acacia Avenue, NG2 5AB; her number is 07700 900123.', [['postal-address', '14 Acacia Avenue, NG2 5AB'], ['phone-number', '07700 900123']]],
    ['phone and email of a resident', 'The resident can be reached on 07700 900123 or edith.clarke@example.com.', [['phone-number', '07700 900123'], ['email-address', 'edith.clarke@example.com']]],
    ['one detail plus a health condition', 'Mr Patel has dementia; you can reach Mr Patel on 07700 900456.', [['special-category', 'dementia'], ['phone-number', '07700 900456']]],
  ])('holds %s', (_name, body, spots) => {
    const msg = message(body);
    const decision = policy.decide(msg, spot(msg, ...spots.map(([type, text]) => ({ type: type!, text: text! }))));
    expect(decision.action).toBe('hold');
    expect(decision.reasons.map((r) => r.rule)).toEqual(['contact-profile']);
  });

  it.each([
    ['a lone phone number of a person', 'Mrs Clarke asked me to call her on 07700 900123.', [['phone-number', '07700 900123']]],
    ['a business', 'Bridgford Hardware Ltd, 3 Central Avenue, NG2 5GR, 0115 496 0123.', [['postal-address', '3 Central Avenue, NG2 5GR'], ['phone-number', '0115 496 0123']]],
    ['details with no person near them', 'Deliveries: 3 Central Avenue, NG2 5GR, 0115 496 0123.', [['postal-address', '3 Central Avenue, NG2 5GR'], ['phone-number', '0115 496 0123']]],
    ['an address on a drive, not a doctor', 'Deliveries to 3 Acacia Dr Nottingham NG2 5GR or call 0115 496 0123.', [['postal-address', '3 Acacia Dr Nottingham NG2 5GR'], ['phone-number', '0115 496 0123']]],
  ])('passes %s', (_name, body, spots) => {
    const msg = message(body);
    const decision = policy.decide(msg, spot(msg, ...spots.map(([type, text]) => ({ type: type!, text: text! }))));
    expect(decision.action).toBe('pass');
  });

  it('keeps details far apart in separate profiles', () => {
    const body = `Mrs Clarke's number is 07700 900123.${' Unrelated ward news.'.repeat(40)} The resident at 9 Mill Lane, NG2 6AA wrote too.`;
    const msg = message(body);
    const decision = policy.decide(msg, spot(msg, { type: 'phone-number', text: '07700 900123' }, { type: 'postal-address', text: '9 Mill Lane, NG2 6AA' }));
    expect(decision.action).toBe('pass');
  });
});

describe('override', () => {
  const body = 'My neighbour Mrs Edith Clarke lives at 14 Acacia Avenue, NG2 5AB; her number is 07700 900123.';
  const details: Spot[] = [
    { type: 'postal-address', text: '14 Acacia Avenue, NG2 5AB' },
    { type: 'phone-number', text: '07700 900123' },
  ];

  it('lifts a hold when every matched rule allows it, recording the reason', () => {
    const msg = message(body, { subject: 'Fence dispute [override: Mrs Clarke asked me to pass this on]' });
    const decision = policy.decide(msg, spot(msg, ...details));
    expect(decision).toMatchObject({ action: 'pass', deliver: true, override: { applied: true, reason: 'Mrs Clarke asked me to pass this on', rules: ['contact-profile'] } });
  });

  it('does not lift a hold for a marking', () => {
    const marked = `OFFICIAL-SENSITIVE\n${body}`;
    const msg = message(marked, { subject: '[override: urgent] Fence dispute' });
    const decision = policy.decide(msg, spot(msg, { type: 'security-classification', text: 'OFFICIAL-SENSITIVE' }, ...details));
    expect(decision).toMatchObject({ action: 'hold', override: { applied: false, rules: ['marking'] } });
  });

  it('ignores an override tag without a reason', () => {
    const msg = message(body, { subject: 'Fence [override: ]' });
    expect(policy.decide(msg, spot(msg, ...details))).toMatchObject({ action: 'hold' });
  });
});
