// Every string in a send body is scanned, whatever its key: text hidden under "code", "id", "mode"
// or "policy", in a flow's data, a template parameter or a field Graph does not define, is held
// like the message text. Only Graph's own identifiers, in their place and shape, are left out.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { handleSend } from '../../lib/whatsapp/send-proxy.ts';
import { parseWhatsAppSend } from '../../lib/message/whatsapp.ts';
import { request, SAMPLE, sendDeps } from './helpers.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const TARGET = { version: 'v23.0', phoneNumberId: SAMPLE.phoneNumberId };
const AUTH = { authorization: `Bearer ${SAMPLE.toolingToken}` };
const NINO = 'JG 10 37 85 A';
/** A number that passes the Luhn check, as a payment card would: the shape of a Meta media id. */
const LUHN_DIGITS = '4539578763621486';

const body = (content: Record<string, unknown>): string => JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, ...content });

const flow = (parameters: Record<string, unknown>): Record<string, unknown> => ({
  type: 'interactive',
  interactive: {
    type: 'flow',
    body: { text: 'Please check your details' },
    action: {
      name: 'flow',
      parameters: { flow_message_version: '3', flow_token: 'case-flow', flow_id: '1197715005513101', flow_cta: 'Open', flow_action: 'navigate', ...parameters },
    },
  },
});

const template = (components: unknown[], language: Record<string, unknown> = { code: 'en_GB' }): Record<string, unknown> => ({
  type: 'template',
  template: { name: 'casework_update', language, components },
});

describe('send proxy: every value is scanned', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a flow\'s data under "code"', flow({ flow_action_payload: { screen: 'CASE', data: { code: NINO } } }), 'the buttons and list options'],
    ['a flow\'s data under "id" and "mode"', flow({ flow_action_payload: { screen: 'CASE', data: { resident: { id: 'r1', mode: NINO } } } }), 'the buttons and list options'],
    ['a flow\'s "mode" that is not a mode', flow({ mode: NINO }), 'the buttons and list options'],
    ['the flow token', flow({ flow_token: `case-${NINO.replaceAll(' ', '')}` }), 'the buttons and list options'],
    ['a button reply id', { type: 'interactive', interactive: { type: 'button', body: { text: 'Confirm?' }, action: { buttons: [{ type: 'reply', reply: { id: NINO, title: 'Yes' } }] } } }, 'the buttons and list options'],
    ['a template currency "code"', template([{ type: 'body', parameters: [{ type: 'currency', currency: { fallback_value: '£5', code: NINO, amount_1000: 5000 } }] }]), 'the values filled into the template\'s body'],
    ['a template button payload', template([{ type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: NINO }] }]), 'the values filled into the template\'s button'],
    ['a template language "policy" that is not a policy', template([], { code: 'en_GB', policy: NINO }), 'other values sent with the message'],
    ['a field Graph does not define inside "text"', { type: 'text', text: { body: 'Hello', note: NINO } }, 'other values sent with the message'],
    ['a field Graph does not define inside "image"', { type: 'image', image: { id: '1479537139650973', caption: 'Photo', alt: NINO } }, 'other values sent with the message'],
    ['a media "id" that is not a media id', { type: 'image', image: { id: NINO, caption: 'Photo' } }, 'other values sent with the message'],
    ['a media link', { type: 'document', document: { link: `https://example.org/letters/${NINO.replaceAll(' ', '')}.pdf` } }, 'the link to the document'],
    [
      'the caption of a second media object in an interactive header',
      { type: 'interactive', interactive: { type: 'button', header: { type: 'document', document: { id: '1', filename: 'agenda.pdf' }, image: { id: '2', caption: NINO } }, body: { text: 'Agenda' }, action: { buttons: [] } } },
      'the header caption',
    ],
    ['the callback data', { type: 'text', text: { body: 'Hello' }, biz_opaque_callback_data: NINO }, 'other values sent with the message'],
    ['a reply context that is not a message id', { type: 'text', text: { body: 'Hello' }, context: { message_id: NINO } }, 'other values sent with the message'],
  ])('holds %s', async (_name, content, label) => {
    const { deps, graph } = sendDeps(engine);
    const response = await handleSend(deps, TARGET, request({ body: body(content), headers: AUTH }));
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: { type: 'GatewayHold', error_subcode: 4031 } });
    expect(JSON.parse(response.body.toString()).error.message).toContain(label);
    expect(graph.sent).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a media id', { type: 'image', image: { id: LUHN_DIGITS, caption: 'Photo of the bus shelter' } }],
    ['a template\'s header media id', template([{ type: 'header', parameters: [{ type: 'image', image: { id: LUHN_DIGITS } }] }])],
    ['a flow id', flow({ flow_id: LUHN_DIGITS })],
  ])('leaves Graph\'s own identifiers alone: a card-like number as %s passes', async (_name, content) => {
    const { deps, graph } = sendDeps(engine);
    const response = await handleSend(deps, TARGET, request({ body: body(content), headers: AUTH }));
    expect(response.status).toBe(200);
    expect(graph.sent).toHaveLength(1);
  });

  it('holds the same card-like number where a person reads it', async () => {
    const { deps } = sendDeps(engine);
    const response = await handleSend(deps, TARGET, request({ body: body({ type: 'text', text: { body: `Card ${LUHN_DIGITS}` } }), headers: AUTH }));
    expect(response.status).toBe(403);
  });
});

describe('parseWhatsAppSend: labelled and other values', () => {
  it('reads every value of a fully filled body into a labelled part, leaving nothing "other"', () => {
    const full = {
      messaging_product: 'whatsapp', recipient_type: 'individual', to: SAMPLE.resident, type: 'text',
      context: { message_id: 'wamid.HBgLNDQ3NzAwOTAwMTIzFQIAERgSQUFBQUFBQUFBQUFBQUFBQUFBAA==' },
      text: { body: 'b', preview_url: true },
      image: { id: '1', caption: 'c1', link: 'https://example.org/i.jpg' },
      document: { link: 'https://example.org/d.pdf', caption: 'c2', filename: 'f.pdf' },
      interactive: {
        type: 'button', header: { type: 'document', document: { link: 'https://example.org/h.pdf', filename: 'h.pdf', caption: 'hc' } },
        body: { text: 'ib' }, footer: { text: 'if' }, action: { buttons: [{ type: 'reply', reply: { id: 'r', title: 't' } }] },
      },
      template: { name: 'n', language: { code: 'en_GB', policy: 'deterministic' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'p' }] }] },
      location: { latitude: 52.9, longitude: -1.12, name: 'ln', address: 'la' },
      contacts: [{
        name: { formatted_name: 'A B', first_name: 'A', middle_name: 'M', last_name: 'B', prefix: 'Dr', suffix: 'Jr' },
        birthday: '2000-01-01', org: { company: 'o', department: 'd', title: 't' },
        phones: [{ phone: '1', wa_id: '2', type: 'CELL' }], emails: [{ email: 'e@example.org', type: 'WORK' }],
        urls: [{ url: 'https://example.org', type: 'WORK' }],
        addresses: [{ street: 's', city: 'c', state: 'st', zip: 'z', country: 'co', type: 'HOME' }],
      }],
      reaction: { message_id: 'wamid.HBgL', emoji: 'x' },
    };
    const parts = parseWhatsAppSend(full, { sender: SAMPLE.phoneNumberId }).parts;
    expect(parts.map((p) => p.id)).not.toContain('other');
    expect(parts.length).toBeGreaterThan(15);
  });

  it('keeps values in document order under their own part', () => {
    const parts = parseWhatsAppSend(JSON.parse(body(flow({ flow_action_payload: { screen: 'CASE', data: { a: 'first', b: ['second', 3] } } }))) as unknown, { sender: SAMPLE.phoneNumberId }).parts;
    expect(parts.find((p) => p.id === 'action')?.text).toBe('case-flow\nOpen\nCASE\nfirst\nsecond\n3');
  });
});
