// Why a finding did not count, in words an administrator or an IG officer reads: one wording for
// the CLI's --explain, the JSON report and the review page.
import type { NotCountedBecause } from '../policy/types.ts';

export const NOT_COUNTED_WHY: Record<NotCountedBecause, string> = {
  'below-threshold': 'below the score threshold: the gateway was not confident enough that this is what it looks like',
  'quoted-recipient': "in a recipient's own words, quoted back to them",
  'sender-signature': "in the sender's own signature",
  'participant-signature': "in a participant's own signature, inside their own quoted words",
  'participant-address': "the sender's or a recipient's own address",
  'participant-name': "in the sender's or a recipient's own display name in a header line",
  organisational: 'a council or organisational contact point',
  'mention-not-use': 'a marking talked about, not applied to this message',
  'not-about-a-person': 'nothing near it shows it is about a person',
  'no-rule': 'no rule holds a message for this alone',
  'all-internal': 'every recipient is inside the council, so nothing holds',
};
