// A WhatsApp Cloud API send body → Message. Every piece of text the recipient will see becomes a
// part: the message text, captions, document names, interactive headers, bodies, footers, buttons
// and list rows, template parameter values, location names and addresses, and shared contact
// cards (names, phone numbers, emails, addresses: personal data in their own right). Media files
// themselves are not downloaded, so their content is not read.
import { InputError } from '../errors.ts';
import { wholeAuthored, type PartDraft } from './collector.ts';
import { sha256Hex } from './hash.ts';
import { normaliseText } from './normalise.ts';
import type { Message, TextPart } from './types.ts';
import { ReadReceiptSchema, SendBodySchema, sendBodyError, type SendBody } from './whatsapp-schema.ts';

export interface WhatsAppContext {
  /** The councillor's WhatsApp Business number (or account) sending the message. */
  sender: string;
  phoneNumberId?: string;
}

/** Keys holding identifiers and codes rather than text a recipient reads. */
const NON_TEXT_KEYS = new Set([
  'id', 'type', 'sub_type', 'index', 'link', 'catalog_id', 'product_retailer_id', 'thumbnail_product_retailer_id',
  'flow_id', 'flow_token', 'flow_message_version', 'flow_action', 'mode', 'code', 'policy', 'amount_1000',
]);
/** Deeper JSON than any send body has; the walk stops there rather than recursing without end. */
const MAX_WALK_DEPTH = 32;

/** Every string under `value` except identifiers: for structures Meta keeps extending. */
function visibleStrings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (depth >= MAX_WALK_DEPTH || value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => (NON_TEXT_KEYS.has(key) ? [] : visibleStrings(v, depth + 1)));
}

function lines(entries: ReadonlyArray<readonly [string, string | undefined]>): string {
  return entries
    .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1].trim() !== '')
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

type Contact = NonNullable<SendBody['contacts']>[number];

/** A contact card as labelled lines, so the recognizers see "Phone:", "Date of birth:" cues. */
function contactText(contact: Contact): string {
  const { name } = contact;
  const fullName = [name.prefix, name.first_name, name.middle_name, name.last_name, name.suffix].filter(Boolean).join(' ');
  return lines([
    ['Name', name.formatted_name],
    ['Full name', fullName === name.formatted_name ? undefined : fullName],
    ['Organisation', [contact.org?.company, contact.org?.department, contact.org?.title].filter(Boolean).join(', ')],
    ...(contact.phones ?? []).map((p) => ['Phone', p.phone ?? p.wa_id] as const),
    ...(contact.emails ?? []).map((e) => ['Email', e.email] as const),
    ...(contact.addresses ?? []).map(
      (a) => ['Address', [a.street, a.city, a.state, a.zip, a.country].filter(Boolean).join(', ')] as const,
    ),
    ...(contact.urls ?? []).map((u) => ['Website', u.url] as const),
    ['Date of birth', contact.birthday],
  ]);
}

function mediaParts(kind: 'image' | 'video' | 'document' | 'audio' | 'sticker', body: SendBody): PartDraft[] {
  const media = body[kind];
  if (media === undefined) return [];
  return [
    { id: `${kind}-caption`, kind: 'caption', label: `the ${kind} caption`, text: media.caption ?? '' },
    { id: `${kind}-name`, kind: 'attachment-name', label: `the name of the ${kind}`, text: media.filename ?? '' },
  ];
}

function interactiveParts(body: SendBody): PartDraft[] {
  const interactive = body.interactive;
  if (interactive === undefined) return [];
  const header = interactive.header;
  const headerMedia = header?.document ?? header?.image ?? header?.video;
  return [
    { id: 'header', kind: 'field', label: 'the message header', text: header?.text ?? '' },
    { id: 'header-name', kind: 'attachment-name', label: 'the name of the header document', text: headerMedia?.filename ?? '' },
    { id: 'header-caption', kind: 'caption', label: 'the header caption', text: headerMedia?.caption ?? '' },
    { id: 'body', kind: 'body', label: 'the message text', text: interactive.body?.text ?? '' },
    { id: 'footer', kind: 'field', label: 'the message footer', text: interactive.footer?.text ?? '' },
    { id: 'action', kind: 'field', label: 'the buttons and list options', text: visibleStrings(interactive.action).join('\n') },
  ];
}

function templateParts(body: SendBody): PartDraft[] {
  return (body.template?.components ?? []).map((component, i) => ({
    id: `template:${i + 1}`,
    kind: 'field',
    label: `the values filled into the template's ${component.type.toLowerCase()}`,
    text: visibleStrings({ ...component, type: undefined }).join('\n'),
  }));
}

/** Every type's content present is read, not just the one `type` names: Graph could use either. */
function drafts(body: SendBody): PartDraft[] {
  return [
    { id: 'body', kind: 'body', label: 'the message text', text: body.text?.body ?? '' },
    ...(['image', 'video', 'document', 'audio', 'sticker'] as const).flatMap((kind) => mediaParts(kind, body)),
    ...interactiveParts(body),
    ...templateParts(body),
    { id: 'location-name', kind: 'field', label: 'the location name', text: body.location?.name ?? '' },
    { id: 'location-address', kind: 'field', label: 'the location address', text: body.location?.address ?? '' },
    ...(body.contacts ?? []).map((contact, i) => ({
      id: `contact:${i + 1}`,
      kind: 'field' as const,
      label: `shared contact ${i + 1}`,
      text: contactText(contact),
    })),
  ];
}

/** JSON with object keys sorted at every level, so equal bodies hash equally. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

function toParts(list: readonly PartDraft[]): TextPart[] {
  const seen = new Set<string>();
  return list
    .map((draft) => ({ ...draft, text: normaliseText(draft.text) }))
    .filter((draft) => draft.text.trim() !== '')
    .map((draft) => {
      // Two parts can share an id (an interactive body and a text body); keep ids unique.
      let id = draft.id;
      for (let n = 2; seen.has(id); n += 1) id = `${draft.id}:${n}`;
      seen.add(id);
      return { ...draft, id, segments: wholeAuthored(draft.text) };
    });
}

function message(body: unknown, ctx: WhatsAppContext, rest: Pick<Message, 'recipients' | 'parts'>): Message {
  const canonical = canonicalJson(body);
  return {
    channel: 'whatsapp',
    id: `sha256:${sha256Hex(canonical)}`,
    sender: { address: ctx.sender },
    subject: '',
    unreadable: [],
    sizeBytes: Buffer.byteLength(canonical),
    ...rest,
  };
}

export function parseWhatsAppSend(body: unknown, ctx: WhatsAppContext): Message {
  // A read receipt carries no text and goes to nobody new; it is passed through like a message.
  if (ReadReceiptSchema.safeParse(body).success) return message(body, ctx, { recipients: [], parts: [] });
  const parsed = SendBodySchema.safeParse(body);
  if (!parsed.success) throw sendBodyError(body, parsed.error.issues);
  const send = parsed.data;
  if (send[send.type] === undefined) throw new InputError(`(#100) The parameter ${send.type} is required.`);
  return message(body, ctx, { recipients: [{ address: send.to, field: 'whatsapp' }], parts: toParts(drafts(send)) });
}
