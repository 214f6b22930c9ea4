// Whom to ask, from the rules (policy.contacts.informationGovernance): the same lines close every
// explanation and notice a councillor gets, so "ask information governance" always comes with an
// address or a phone number when the council has given one.
import type { Contact } from '../rules/schema.ts';
import type { Block } from './document.ts';

/** "Information Governance team: information.governance@… or 0115 981 9911". */
export function contactLine(contact: Contact): string {
  const ways = [contact.email, contact.phone].filter((w): w is string => Boolean(w));
  return ways.length > 0 ? `${contact.name}: ${ways.join(' or ')}` : `${contact.name} (your council's information governance team)`;
}

export function contactBlocks(contact: Contact): Block[] {
  return [
    { kind: 'heading', text: 'Who to ask' },
    { kind: 'paragraph', text: contactLine(contact) },
  ];
}
