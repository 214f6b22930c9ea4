// Why a part could not be read, in words for the people who read a hold: completes "… because …".
import type { UnreadablePart } from '../message/types.ts';

export const UNREADABLE_REASONS: Readonly<Record<UnreadablePart['reason'], string>> = {
  encrypted: 'it is encrypted',
  corrupt: 'it is damaged or not what its name says',
  'too-large': 'it is larger than the gateway reads',
  'too-deep': 'it is nested too deeply',
  'too-many-parts': 'the message has more parts than the gateway reads',
  unsupported: 'the gateway cannot read this kind of file',
  'text-limit': 'it holds more text than the gateway reads',
  timeout: 'it took longer to read than the gateway allows',
  ambiguous: 'its structure can be read in more than one way, so mail programs may show different text',
};
