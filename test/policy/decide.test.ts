// The default policy on hand-built messages and findings: each case places findings on exact
// substrings, so what is tested is the policy alone, not the recognizers. Whose quoted text is
// exempt is tested both ways: on hand-built segments, and end to end through real MIME.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Category, Finding } from '../../lib/detect/types.ts';
import type { Author, Message, Recipient, Segment } from '../../lib/message/types.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import { createPolicy } from '../../lib/policy/decide.ts';
import { simpleEml } from '../helpers/eml.ts';
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

function message(
  body: string,
  opts: { recipients?: Recipient[]; subject?: string; segments?: Segment[]; channel?: 'email' | 'whatsapp'; sender?: Message['sender'] } = {},
): Message {
  return {
    channel: opts.channel ?? 'email',
    id: '<test@example>',
    sender: opts.sender ?? SENDER,
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

  const JO: Recipient = { address: 'jo@example.org', field: 'to', name: 'Jo Bloggs' };
  const LANDLORD: Recipient = { address: 'landlord@example.net', field: 'to' };

  function quotedFrom(author: Author | undefined, recipients: Recipient[], extra: Partial<Segment> = {}): Message {
    return message(reply, {
      recipients,
      segments: [
        { start: 0, end: quotedAt, role: 'authored' },
        { start: quotedAt, end: reply.length, role: 'quoted', via: 'reply', ...(author ? { author } : {}), ...extra },
      ],
    });
  }

  it.each<[string, Author | undefined, Recipient[], string | undefined]>([
    ['a recipient quoted back to themselves, by address', { address: 'jo@example.org', name: 'Jo Bloggs' }, [JO], 'quoted-recipient'],
    ['a recipient, by address in another case', { address: 'Jo@Example.org' }, [JO], 'quoted-recipient'],
    ['a recipient, by display name when the attribution has no address', { name: '  jo   BLOGGS ' }, [JO], 'quoted-recipient'],
    ['a recipient in Cc', { address: 'jo@example.org' }, [LANDLORD, { ...JO, field: 'cc' }], 'quoted-recipient'],
    ['someone who is not a recipient (a forward to someone else)', { address: 'jo@example.org' }, [LANDLORD], undefined],
    ['a recipient\'s name with a different address', { address: 'someone.else@example.net', name: 'Jo Bloggs' }, [JO], undefined],
    ['a name when the recipient has no display name', { name: 'Jo Bloggs' }, [{ address: 'jo@example.org', field: 'to' }], undefined],
    ['an author the attribution could not name', undefined, [JO], undefined],
    ['the sender themself', { address: 'cllr.jporter@rushcliffe.gov.uk', name: 'Cllr Jane Porter' }, [JO], undefined],
  ])('quoted text from %s: %s', (_name, author, recipients, notCounted) => {
    const msg = quotedFrom(author, recipients);
    const decision = policy.decide(msg, spot(msg, { type: 'uk-nino', text: 'JG 10 37 85 A' }));
    expect(decision.findings[0]!.notCounted).toBe(notCounted);
    expect(decision.action).toBe(notCounted === undefined ? 'hold' : 'pass');
  });

  describe('signatures inside quoted text', () => {
    const body = 'Agreed.\n\nOn Mon, 4 Mar 2024 at 10:15, Someone <someone@example.org> wrote:\n> Thanks\n> Jane\n> 07700 900001\n> NI JG 10 37 85 A';
    const sigAt = body.indexOf('> Thanks');
    function signed(author: Author): Message {
      return message(body, {
        recipients: [JO],
        segments: [
          { start: 0, end: body.indexOf('On Mon'), role: 'authored' },
          { start: body.indexOf('On Mon'), end: sigAt, role: 'quoted', via: 'reply', author },
          { start: sigAt, end: body.length, role: 'quoted', via: 'reply', author, signature: true },
        ],
      });
    }

    it.each<[string, Author, Array<string | undefined>]>([
      ['the sender\'s own, in a quote of their earlier message', { address: 'cllr.jporter@rushcliffe.gov.uk' }, ['participant-signature', undefined]],
      ['the sender\'s, named without an address', { name: 'Cllr Jane Porter' }, ['participant-signature', undefined]],
      ['a recipient\'s, quoted back to them', { address: 'jo@example.org' }, ['quoted-recipient', 'quoted-recipient']],
      ['a third party\'s', { address: 'edith@example.com', name: 'Edith Clarke' }, ['no-rule', undefined]],
    ])('%s: contact details %s, identifiers still count unless the recipient wrote them', (_name, author, verdicts) => {
      const msg = signed(author);
      const decision = policy.decide(msg, spot(msg, { type: 'phone-number', text: '07700 900001' }, { type: 'uk-nino', text: 'JG 10 37 85 A' }));
      expect(decision.findings.map((f) => f.notCounted)).toEqual(verdicts);
    });
  });

  it('keeps the sender\'s own address uncounted in text quoted from them', () => {
    const body = 'See below.\nOn Mon, 4 Mar 2024 at 10:15, Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk> wrote:\n> Write to me at jane.porter@example.net';
    const at = body.indexOf('On Mon');
    const msg = message(body, {
      sender: { address: 'jane.porter@example.net', name: 'Cllr Jane Porter' },
      segments: [
        { start: 0, end: at, role: 'authored' },
        { start: at, end: body.length, role: 'quoted', via: 'reply', author: { address: 'jane.porter@example.net' } },
      ],
    });
    expect(policy.decide(msg, spot(msg, { type: 'email-address', text: 'jane.porter@example.net' })).findings[0]!.notCounted).toBe('participant-address');
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
    const msg = message(marked, { subject: '[override: urgent, the resident is waiting] Fence dispute' });
    const decision = policy.decide(msg, spot(msg, { type: 'security-classification', text: 'OFFICIAL-SENSITIVE' }, ...details));
    expect(decision).toMatchObject({ action: 'hold', override: { applied: false, rules: ['marking'] } });
  });

  it.each([
    ['no reason', 'Fence [override: ]'],
    ['a one-letter reason', 'Fence [override: x]'],
    ['a reason of a word or two', 'Fence [override: she asked]'],
    ['the sample reason pasted unchanged', 'Fence [override: <why it must go as written>]'],
    ['the sample reason without its brackets', 'Fence [override: Why it must go as written]'],
  ])('ignores an override tag with %s', (_name, subject) => {
    const msg = message(body, { subject });
    const decision = policy.decide(msg, spot(msg, ...details));
    expect(decision).toMatchObject({ action: 'hold', deliver: false });
    expect(decision.override).toBeUndefined();
  });
});

describe('whose quoted words, end to end through real MIME', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  const AGENT = 'Party Agent <agent@party.example.org>';
  const RESIDENT = 'Edith Clarke <edith.clarke@example.com>';
  const DETAILS = 'I live at 14 Rugby Road, West Bridgford NG2 7HY, my phone is 07700 900123 and my NI number is JG 10 37 85 A.';
  const quote = (text: string): string => text.split('\n').map((l) => `> ${l}`).join('\n');
  const gmail = (who: string): string => `On Mon, 4 Mar 2024 at 10:15, ${who} wrote:`;

  async function decide(to: string, subject: string, body: string): Promise<{ action: string; nino: Array<string | undefined> }> {
    const result = await scanEmail(engine, Buffer.from(simpleEml({ to, subject, body })));
    expect(result.error).toBeUndefined();
    return { action: result.decision.action, nino: result.decision.findings.filter((f) => f.type === 'uk-nino').map((f) => f.notCounted) };
  }

  it.each<[string, string, string, string, 'hold' | 'pass']>([
    ['the details written by the sender, to the agent', AGENT, 'Re: Damp', `Please see the details.\n\n${DETAILS}`, 'hold'],
    ['the details quoted from the resident, to the agent', AGENT, 'Re: Damp', `Please see the details.\n\n${gmail(RESIDENT)}\n${quote(DETAILS)}`, 'hold'],
    ['the details quoted back to the resident who wrote them', RESIDENT, 'Re: Damp', `Thank you.\n\n${gmail(RESIDENT)}\n${quote(DETAILS)}`, 'pass'],
    ['a quote with no attribution, to the resident', RESIDENT, 'Re: Damp', `Thank you.\n\n${quote(DETAILS)}`, 'hold'],
    ['a name-only attribution matching the recipient\'s display name', RESIDENT, 'Re: Damp', `Thank you.\n\nOn 04/03/2024 10:15, Edith Clarke wrote:\n${quote(DETAILS)}`, 'pass'],
    ['a name-only attribution, the recipient named otherwise', 'E Clarke <edith.clarke@example.com>', 'Re: Damp', `Thank you.\n\nOn 04/03/2024 10:15, Edith Clarke wrote:\n${quote(DETAILS)}`, 'hold'],
    [
      'the resident quoted inside the agent\'s quoted reply, to the agent',
      AGENT,
      'Re: Damp',
      `Noted.\n\n${gmail(AGENT)}\n> Passing this on.\n> ${gmail(RESIDENT)}\n>> ${DETAILS}`,
      'hold',
    ],
    [
      'a forwarded message from the resident, to the agent',
      AGENT,
      'Fwd: Damp',
      `FYI\n\n---------- Forwarded message ---------\nFrom: ${RESIDENT}\nDate: Mon, 4 Mar 2024 at 10:15\nSubject: Damp\nTo: Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>\n\n${DETAILS}`,
      'hold',
    ],
    [
      'an Outlook reply quoting the resident, to the agent',
      AGENT,
      'RE: Damp',
      `Noted.\n\n________________________________\nFrom: ${RESIDENT}\nSent: 04 March 2024 10:15\nTo: Cllr Jane Porter\nSubject: Damp\n\n${DETAILS}`,
      'hold',
    ],
  ])('%s: %s', async (_name, to, subject, body, action) => {
    const decision = await decide(to, subject, body);
    expect(decision.action).toBe(action);
    expect(decision.nino).toEqual([action === 'pass' ? 'quoted-recipient' : undefined]);
  });

  it('does not count the sender\'s own signature in a quote of their earlier message, but counts what they wrote above it', async () => {
    const earlier =
      'I will raise it with the housing team.\n\nKind regards,\n\nJane Porter\nBorough Councillor for Lady Bay ward\n' +
      '31 Larkspur Close, West Bridgford, Nottingham NG2 5QT\nMobile: 07700 900612';
    const thread = (above: string): string =>
      `Thanks for the update.\n\n${gmail(AGENT)}\n> We have visited.\n>\n> ${gmail('Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>')}\n${quote(`${above}${earlier}`)
        .split('\n')
        .map((l) => `>${l}`)
        .join('\n')}`;
    const signed = await scanEmail(engine, Buffer.from(simpleEml({ to: AGENT, subject: 'Re: Damp', body: thread('') })));
    expect(signed.decision.action).toBe('pass');
    const contact = signed.decision.findings.filter((f) => f.type === 'phone-number' || f.type === 'postal-address');
    expect(contact.length).toBeGreaterThan(0);
    expect(contact.every((f) => f.notCounted === 'participant-signature')).toBe(true);
    const withNino = await decide(AGENT, 'Re: Damp', thread('Her NI number is JG 10 37 85 A.\n'));
    expect(withNino).toEqual({ action: 'hold', nino: [undefined] });
  });

  it.each<[string, string, 'hold' | 'pass']>([
    ['to the agent', AGENT, 'hold'],
    ['back to the resident who wrote it', RESIDENT, 'pass'],
  ])('reads an attached message as its From\'s words: %s', async (_name, to, action) => {
    const attached = simpleEml({ from: RESIDENT, to: 'Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>', subject: 'Damp', body: DETAILS });
    const raw = [
      'From: Cllr Jane Porter <cllr.jporter@rushcliffe.gov.uk>',
      `To: ${to}`,
      'Subject: Fwd: Damp',
      'Message-ID: <fwd-test@rushcliffe.gov.uk>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'For your files.',
      '--B',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment; filename="Damp.eml"',
      '',
      attached,
      '--B--',
      '',
    ].join('\r\n');
    const result = await scanEmail(engine, Buffer.from(raw));
    expect(result.decision.action).toBe(action);
    const nino = result.decision.findings.filter((f) => f.type === 'uk-nino');
    expect(nino.map((f) => f.partId)).toEqual(['attachment:1/body']);
  });

  // Attributions as mail clients write them, for an author who is not a recipient.
  const STYLES: Array<(name: string, address: string) => string> = [
    (name, address) => `On Mon, 4 Mar 2024 at 10:15, ${name} <${address}> wrote:`,
    (name, address) => `On Wed, Mar 6, 2024 at 3:15 PM ${name} <${address}> wrote:`,
    (name) => `On 04/03/2024 10:15, ${name} wrote:`,
    (_name, address) => `${address} wrote:`,
    (name, address) => `From: ${name} <${address}>\nSent: 04 March 2024 10:15\nTo: Cllr Jane Porter\nSubject: Damp\n`,
    (name, address) => `-----Original Message-----\nFrom: ${name} [mailto:${address}]\nSent: 04 March 2024 10:15\n`,
    (name, address) => `---------- Forwarded message ---------\nFrom: ${name} <${address}>\nDate: Mon, 4 Mar 2024\n`,
    (name, address) => `Begin forwarded message:\n\nFrom: ${name} <${address}>\nSubject: Damp\n`,
    (name) => `*From:* ${name}\n*Sent:* 04 March 2024 10:15\n*To:* Cllr Jane Porter\n*Subject:* Damp\n`,
  ];
  const recipientNames = ['Party Agent', 'Sam Patel', 'Housing Team'];
  const author = fc.record({
    name: fc.constantFrom('Edith Clarke', 'Margaret Hollis', 'Bob Jones', 'Clarke, Edith'),
    local: fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/),
    domain: fc.constantFrom('example.com', 'example.net', 'mail.example.co.uk'),
  });
  const recipients = fc.uniqueArray(fc.constantFrom(...recipientNames.map((name, i) => `${name} <r${i}@party.example.org>`)), { minLength: 1, maxLength: 3 });
  const subject = fc.constantFrom('Re: Damp', 'RE: Damp', 'Fwd: Damp', 'Damp');

  it('never exempts quoted or forwarded text whose attribution names someone who is not a recipient', async () => {
    await fc.assert(
      fc.asyncProperty(author, fc.nat(STYLES.length - 1), recipients, subject, fc.boolean(), async (who, style, to, subj, prefixed) => {
        const header = STYLES[style]!(who.name, `${who.local}@${who.domain}`);
        const quoted = prefixed ? quote(DETAILS) : DETAILS;
        const decision = await decide(to.join(', '), subj, `Please see below.\n\n${header}\n${quoted}`);
        expect(decision.nino).toEqual([undefined]);
        expect(decision.action).toBe('hold');
      }),
      { numRuns: 80 },
    );
  });

  const detail = fc.constantFrom(
    'My neighbour Mrs Edith Clarke',
    'lives at 14 Acacia Avenue, West Bridgford NG2 5AB',
    'her number is 07700 900123',
    'her email is edith.clarke@example.com',
    'she has dementia',
    'NI number JG 10 37 85 A',
    'born 12/03/1941',
    'our ref CW-2024-00123',
  );

  it('never turns a hold into a pass when a resident\'s details move into a ">" quote attributed to a third party', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(detail, { minLength: 1, maxLength: 5 }), author, fc.nat(3), recipients, subject, async (details, who, style, to, subj) => {
        const text = `${details.join(', ')}.`;
        const plain = await decide(to.join(', '), subj, `Please see below.\n\n${text}`);
        const header = STYLES[style]!(who.name, `${who.local}@${who.domain}`);
        const moved = await decide(to.join(', '), subj, `Please see below.\n\n${header}\n${quote(text)}`);
        if (plain.action === 'hold') expect(moved.action).toBe('hold');
      }),
      { numRuns: 80 },
    );
  });
});
