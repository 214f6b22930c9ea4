// WhatsApp Cloud API send bodies: every piece of text the recipient sees becomes a part.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { parseWhatsAppSend } from '../../lib/message/whatsapp.ts';

const CTX = { sender: '+441159819911', phoneNumberId: '106540352242922' };
const TO = '447700900123';

function send(type: string, content: Record<string, unknown>): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO, type, ...content };
}

type Expected = Array<[id: string, kind: string, label: string, text: string]>;

describe('parseWhatsAppSend: parts of each message type', () => {
  it.each<[string, Record<string, unknown>, Expected]>([
    ['text', send('text', { text: { preview_url: false, body: 'Mrs Clarke lives at 12 Rugby Road' } }), [['body', 'body', 'the message text', 'Mrs Clarke lives at 12 Rugby Road']]],
    ['text with type left out (Graph defaults to text)', { messaging_product: 'whatsapp', to: TO, text: { body: 'Hello' } }, [['body', 'body', 'the message text', 'Hello']]],
    ['image with a caption', send('image', { image: { id: '1479537139650973', caption: 'Damp at no. 12' } }), [['image-caption', 'caption', 'the image caption', 'Damp at no. 12']]],
    [
      'video with a caption and a link',
      send('video', { video: { link: 'https://example.org/v.mp4', caption: 'Site visit' } }),
      [['video-caption', 'caption', 'the video caption', 'Site visit'], ['video-link', 'field', 'the link to the video', 'https://example.org/v.mp4']],
    ],
    [
      'document with a caption and a file name',
      send('document', { document: { link: 'https://example.org/r.pdf', caption: 'Casework file', filename: 'Clarke JG103785A.pdf' } }),
      [
        ['document-caption', 'caption', 'the document caption', 'Casework file'],
        ['document-name', 'attachment-name', 'the name of the document', 'Clarke JG103785A.pdf'],
        ['document-link', 'field', 'the link to the document', 'https://example.org/r.pdf'],
      ],
    ],
    ['audio (nothing to read)', send('audio', { audio: { id: '1013859600285441' } }), []],
    ['sticker (nothing to read)', send('sticker', { sticker: { id: '798882015472548' } }), []],
    ['reaction (the emoji; the message id is Meta\'s)', send('reaction', { reaction: { message_id: 'wamid.HBgL', emoji: '\u{1F44D}' } }), [['reaction', 'field', 'the reaction', '\u{1F44D}']]],
    [
      'location',
      send('location', { location: { latitude: '52.9225', longitude: '-1.1297', name: 'Mrs Clarke\'s house', address: '12 Rugby Road, West Bridgford NG2 7YG' } }),
      [['location-name', 'field', 'the location name', 'Mrs Clarke\'s house'], ['location-address', 'field', 'the location address', '12 Rugby Road, West Bridgford NG2 7YG']],
    ],
    [
      'contacts (personal data in every field)',
      send('contacts', {
        contacts: [
          {
            name: { formatted_name: 'Edith Clarke', first_name: 'Edith', last_name: 'Clarke' },
            birthday: '1950-01-01',
            phones: [{ phone: '+44 7700 900123', type: 'CELL', wa_id: '447700900123' }],
            emails: [{ email: 'edith@example.com', type: 'HOME' }],
            addresses: [{ street: '12 Rugby Road', city: 'West Bridgford', zip: 'NG2 7YG', country: 'United Kingdom', type: 'HOME' }],
            org: { company: 'Rushcliffe Tenants', title: 'Chair' },
          },
          { name: { formatted_name: 'Second Contact' }, phones: [{ wa_id: '447700900456' }] },
        ],
      }),
      [
        [
          'contact:1', 'field', 'shared contact 1',
          'Name: Edith Clarke\nOrganisation: Rushcliffe Tenants, Chair\nPhone: +44 7700 900123\nWhatsApp: 447700900123\nEmail: edith@example.com\n' +
            'Address: 12 Rugby Road, West Bridgford, NG2 7YG, United Kingdom\nDate of birth: 1950-01-01',
        ],
        ['contact:2', 'field', 'shared contact 2', 'Name: Second Contact\nWhatsApp: 447700900456'],
      ],
    ],
    [
      'interactive buttons',
      send('interactive', {
        interactive: {
          type: 'button',
          header: { type: 'text', text: 'Surgery booking' },
          body: { text: 'Can you come on Friday, Mrs Clarke?' },
          footer: { text: 'Cllr Porter' },
          action: { buttons: [{ type: 'reply', reply: { id: 'yes-1', title: 'Yes' } }, { type: 'reply', reply: { id: 'no-1', title: 'No' } }] },
        },
      }),
      [
        ['header', 'field', 'the message header', 'Surgery booking'],
        ['body', 'body', 'the message text', 'Can you come on Friday, Mrs Clarke?'],
        ['footer', 'field', 'the message footer', 'Cllr Porter'],
        // Reply ids are the business's own text, sent to Meta and back: scanned too.
        ['action', 'field', 'the buttons and list options', 'yes-1\nYes\nno-1\nNo'],
      ],
    ],
    [
      'interactive list',
      send('interactive', {
        interactive: {
          type: 'list',
          body: { text: 'Choose a slot' },
          action: {
            button: 'Slots',
            sections: [{ title: 'Friday', rows: [{ id: 'fri-10', title: '10:00', description: 'Room 2, 12 Rugby Road' }] }],
          },
        },
      }),
      [['body', 'body', 'the message text', 'Choose a slot'], ['action', 'field', 'the buttons and list options', 'Slots\nFriday\nfri-10\n10:00\nRoom 2, 12 Rugby Road']],
    ],
    [
      'interactive call-to-action with a document header',
      send('interactive', {
        interactive: {
          type: 'cta_url',
          header: { type: 'document', document: { link: 'https://example.org/x.pdf', filename: 'Clarke casework.pdf' } },
          body: { text: 'Your case file' },
          action: { name: 'cta_url', parameters: { display_text: 'Open', url: 'https://example.org/case?ref=CW-2024-00123' } },
        },
      }),
      [
        ['header-name', 'attachment-name', 'the name of the header document', 'Clarke casework.pdf'],
        ['header-link', 'field', 'the link to the header document', 'https://example.org/x.pdf'],
        ['body', 'body', 'the message text', 'Your case file'],
        ['action', 'field', 'the buttons and list options', 'Open\nhttps://example.org/case?ref=CW-2024-00123'],
      ],
    ],
    [
      'template with parameters',
      send('template', {
        template: {
          name: 'surgery_reminder',
          language: { code: 'en_GB' },
          components: [
            { type: 'header', parameters: [{ type: 'text', text: 'Mrs Clarke' }] },
            {
              type: 'body',
              parameters: [
                { type: 'text', text: '12 Rugby Road' },
                { type: 'date_time', date_time: { fallback_value: 'Friday 10:00' } },
                { type: 'currency', currency: { fallback_value: '£12.50', code: 'GBP', amount_1000: 12500 } },
              ],
            },
            { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'CONFIRM-CLARKE' }] },
          ],
        },
      }),
      [
        ['template:1', 'field', 'the values filled into the template\'s header', 'Mrs Clarke'],
        ['template:2', 'field', 'the values filled into the template\'s body', '12 Rugby Road\nFriday 10:00\n£12.50\nGBP\n12500'],
        ['template:3', 'field', 'the values filled into the template\'s button', 'CONFIRM-CLARKE'],
      ],
    ],
    ['template without parameters', send('template', { template: { name: 'hello_world', language: { code: 'en_US' } } }), []],
  ])('%s', (_name, body, expected) => {
    const message = parseWhatsAppSend(body, CTX);
    expect(message.parts.map((p) => [p.id, p.kind, p.label, p.text])).toEqual(expected);
    for (const p of message.parts) expect(p.segments).toEqual([{ start: 0, end: p.text.length, role: 'authored' }]);
    expect(message).toMatchObject({ channel: 'whatsapp', sender: { address: CTX.sender }, subject: '', unreadable: [] });
    expect(message.recipients).toEqual([{ address: TO, field: 'whatsapp' }]);
  });

  it('reads every type\'s content present, not only the one `type` names', () => {
    const message = parseWhatsAppSend(send('image', { image: { id: '1', caption: 'photo' }, text: { body: 'hidden text' } }), CTX);
    expect(message.parts.map((p) => p.text)).toEqual(['hidden text', 'photo']);
  });

  it('keeps part ids unique when two kinds share one', () => {
    const body = send('interactive', { text: { body: 'a' }, interactive: { type: 'button', body: { text: 'b' }, action: { buttons: [] } } });
    expect(parseWhatsAppSend(body, CTX).parts.map((p) => p.id)).toEqual(['body', 'body:2']);
  });

  it('passes a read receipt through as a message with nothing to scan', () => {
    const message = parseWhatsAppSend({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.HBgL' }, CTX);
    expect(message).toMatchObject({ channel: 'whatsapp', recipients: [], parts: [] });
  });
});

describe('parseWhatsAppSend: id', () => {
  it('is the SHA-256 of the canonical JSON, whatever the key order', () => {
    const a = parseWhatsAppSend({ messaging_product: 'whatsapp', to: TO, type: 'text', text: { body: 'Hi', preview_url: false } }, CTX);
    const b = parseWhatsAppSend({ text: { preview_url: false, body: 'Hi' }, type: 'text', to: TO, messaging_product: 'whatsapp' }, CTX);
    const canonical = `{"messaging_product":"whatsapp","text":{"body":"Hi","preview_url":false},"to":"${TO}","type":"text"}`;
    expect(a.id).toBe(`sha256:${createHash('sha256').update(canonical).digest('hex')}`);
    expect(b.id).toBe(a.id);
    expect(a.sizeBytes).toBe(Buffer.byteLength(canonical));
  });

  it('differs when the content differs', () => {
    const a = parseWhatsAppSend(send('text', { text: { body: 'Hi' } }), CTX);
    const b = parseWhatsAppSend(send('text', { text: { body: 'Hi!' } }), CTX);
    expect(a.id).not.toBe(b.id);
  });
});

describe('parseWhatsAppSend: invalid bodies', () => {
  it.each<[string, unknown, string]>([
    ['not an object', 'text=hello', '(#100) The request body must be a JSON object.'],
    ['an array', [], '(#100) The request body must be a JSON object.'],
    ['no messaging_product', { to: TO, type: 'text', text: { body: 'JG103785A' } }, '(#100) The parameter messaging_product is required.'],
    ['another messaging_product', { messaging_product: 'sms', to: TO, text: { body: 'x' } }, '(#100) Invalid parameter: messaging_product.'],
    ['no recipient', { messaging_product: 'whatsapp', type: 'text', text: { body: 'JG103785A' } }, '(#100) The parameter to is required.'],
    ['an unknown type', send('hologram', { hologram: { body: 'JG103785A' } }), '(#100) Param type must be one of text, image, audio, video, document, sticker, location, contacts, interactive, template, reaction.'],
    ['the named type\'s object missing', send('image', {}), '(#100) The parameter image is required.'],
    ['text without a body', send('text', { text: { preview_url: true } }), "(#100) The parameter text['body'] is required."],
    ['a body that is not a string', send('text', { text: { body: 12345 } }), "(#100) Invalid parameter: text['body']."],
    ['media with neither id nor link', send('image', { image: { caption: 'JG103785A' } }), "(#100) The parameter image['id'] is required."],
    ['a contact without a formatted name', send('contacts', { contacts: [{ name: { first_name: 'Edith' } }] }), "(#100) The parameter contacts[0]['name']['formatted_name'] is required."],
    ['an empty contact list', send('contacts', { contacts: [] }), '(#100) Invalid parameter: contacts.'],
    ['interactive without an action', send('interactive', { interactive: { type: 'button', body: { text: 'x' } } }), "(#100) The parameter interactive['action'] is required."],
    ['a template without a language', send('template', { template: { name: 'x' } }), "(#100) The parameter template['language'] is required."],
    ['an unknown top-level field (text could hide there)', send('text', { text: { body: 'x' }, note: 'JG103785A' }), '(#100) Unexpected parameter: note.'],
    ['an unknown field whose name could be content', send('text', { text: { body: 'x' }, 'Edith Clarke': 1 }), '(#100) Unexpected parameter: an unknown parameter.'],
  ])('rejects %s with a Graph-style message naming no content', (_name, body, message) => {
    const error = (() => {
      try {
        parseWhatsAppSend(body, CTX);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(message);
  });
});
