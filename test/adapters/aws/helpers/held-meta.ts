// A HeldMeta as the hold step writes it, for store and table tests.
import type { HeldMeta } from '../../../../lib/ports/message-store.ts';

export function heldMeta(reference: string, key: string, extra: Partial<HeldMeta> = {}): HeldMeta {
  return {
    reference,
    key,
    messageId: '<LO2P123MB67219A4E@LO2P123MB6721.GBRP123.PROD.OUTLOOK.COM>',
    channel: 'email',
    status: 'held',
    heldAt: '2025-11-24T10:02:43.000Z',
    envelope: { from: 'cllr.jporter@rushcliffe.gov.uk', to: ['daniel.hughes@housing.example', 'housing.options@rushcliffe.gov.uk', 'x@Housing.Example'] },
    subject: 'Re: Damp and mould',
    ruleSetVersion: 'v1',
    reasons: [
      { rule: 'strong-identifier', category: 'personal', type: 'uk-nino', explanation: 'Identifiers like this…', allowOverride: true },
      { rule: 'strong-identifier', category: 'personal', type: 'date-of-birth', explanation: 'Identifiers like this…', allowOverride: true },
      { rule: 'contact-profile', category: 'personal', type: 'phone-number', explanation: 'Contact details…', allowOverride: true },
    ],
    findings: [{ type: 'uk-nino', category: 'personal', partId: 'body', start: 10, end: 23, score: 1 }],
    ...extra,
  };
}
