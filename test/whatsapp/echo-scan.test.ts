// Which echoes are scanned, and as what send body.
import { describe, expect, it } from 'vitest';
import { echoSendBody } from '../../lib/whatsapp/echo-scan.ts';

const echo = (fields: Record<string, unknown>): Record<string, unknown> => ({ from: '441159819911', to: '447700900123', id: 'wamid.E', timestamp: '1763978820', ...fields });

describe('echoSendBody', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['text', echo({ type: 'text', text: { body: 'Hello' } }), { type: 'text', text: { body: 'Hello' } }],
    ['an image with a caption', echo({ type: 'image', image: { id: '1', caption: 'Damp', mime_type: 'image/jpeg' } }), { type: 'image', image: { id: '1', caption: 'Damp', mime_type: 'image/jpeg' } }],
    ['a document', echo({ type: 'document', document: { id: '2', filename: 'a.pdf' } }), { type: 'document', document: { id: '2', filename: 'a.pdf' } }],
    ['an edit: the new text', echo({ type: 'edit', edit: { original_message_id: 'wamid.O', message: { type: 'text', text: { body: 'Edited' } } } }), { type: 'text', text: { body: 'Edited' } }],
  ])('scans %s', (_name, input, expected) => {
    expect(echoSendBody(input)).toEqual({ messaging_product: 'whatsapp', to: '447700900123', ...expected });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a deletion', echo({ type: 'revoke', revoke: { original_message_id: 'wamid.O' } })],
    ['audio', echo({ type: 'audio', audio: { id: '3' } })],
    ['a reaction', echo({ type: 'reaction', reaction: { message_id: 'wamid.O', emoji: '👍' } })],
    ['a type without its content', echo({ type: 'text' })],
    ['an edit without the new message', echo({ type: 'edit', edit: { original_message_id: 'wamid.O' } })],
    ['no type', echo({})],
  ])('does not scan %s (nothing to read)', (_name, input) => {
    expect(echoSendBody(input)).toBeUndefined();
  });
});
