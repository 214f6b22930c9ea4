// A WhatsApp Cloud API send body → Message. Every piece of text the recipient will see becomes a
// part with a label a councillor recognises: the message text, captions, document names, media
// links, interactive headers, bodies, footers, buttons and list rows, template parameter values,
// location names and addresses, and shared contact cards (names, phone numbers, emails,
// addresses: personal data in their own right). Every other string or number in the body, under
// whatever key, is scanned too, as "other values sent with the message"; only Graph's own
// identifiers are left out (whatsapp-fields.ts). Media files themselves are not downloaded, so
// their content is not read.
import { InputError } from '../errors.ts';
import { wholeAuthored, type PartDraft } from './collector.ts';
import { sha256Hex } from './hash.ts';
import { normaliseText } from './normalise.ts';
import type { Message, TextPart } from './types.ts';
import { isIdentifier, isUnder, leaves, pathPattern, type JsonPath, type Leaf } from './whatsapp-fields.ts';
import { ReadReceiptSchema, SendBodySchema, sendBodyError, type SendBody } from './whatsapp-schema.ts';

export interface WhatsAppContext {
  /** The councillor's WhatsApp Business number (or account) sending the message. */
  sender: string;
  phoneNumberId?: string;
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
    ...(contact.phones ?? []).flatMap((p) => [['Phone', p.phone] as const, ['WhatsApp', p.wa_id] as const]),
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
    { id: `${kind}-link`, kind: 'field', label: `the link to the ${kind}`, text: media.link ?? '' },
  ];
}

function interactiveParts(body: SendBody, all: readonly Leaf[]): PartDraft[] {
  const interactive = body.interactive;
  if (interactive === undefined) return [];
  const header = interactive.header;
  // Each kind present is read: a header carrying two is Graph's to refuse, not ours to half-read.
  const headerMedia = (['document', 'image', 'video'] as const).flatMap((kind) => {
    const media = header?.[kind];
    if (media === undefined) return [];
    const suffix = kind === 'document' ? '' : `:${kind}`;
    return [
      { id: `header-name${suffix}`, kind: 'attachment-name' as const, label: `the name of the header ${kind}`, text: media.filename ?? '' },
      { id: `header-caption${suffix}`, kind: 'caption' as const, label: 'the header caption', text: media.caption ?? '' },
      { id: `header-link${suffix}`, kind: 'field' as const, label: `the link to the header ${kind}`, text: media.link ?? '' },
    ];
  });
  return [
    { id: 'header', kind: 'field', label: 'the message header', text: header?.text ?? '' },
    ...headerMedia,
    { id: 'body', kind: 'body', label: 'the message text', text: interactive.body?.text ?? '' },
    { id: 'footer', kind: 'field', label: 'the message footer', text: interactive.footer?.text ?? '' },
    { id: 'action', kind: 'field', label: 'the buttons and list options', text: textUnder(all, ['interactive', 'action']) },
  ];
}

function templateParts(body: SendBody, all: readonly Leaf[]): PartDraft[] {
  return (body.template?.components ?? []).map((component, i) => ({
    id: `template:${i + 1}`,
    kind: 'field',
    label: `the values filled into the template's ${component.type.toLowerCase()}`,
    text: textUnder(all, ['template', 'components', i]),
  }));
}

/** The values under `prefix` other than identifiers, one per line. */
function textUnder(all: readonly Leaf[], prefix: JsonPath): string {
  return all.filter((leaf) => isUnder(leaf.path, prefix)).map((leaf) => leaf.text).join('\n');
}

/** What the labelled parts read, as path patterns (prefixes end with "."): the rest is "other". */
const LABELLED = [
  'text.body',
  ...['image', 'audio', 'video', 'document', 'sticker'].flatMap((m) => [`${m}.caption`, `${m}.filename`, `${m}.link`]),
  'interactive.header.text',
  ...['image', 'video', 'document'].flatMap((m) => [`interactive.header.${m}.filename`, `interactive.header.${m}.caption`, `interactive.header.${m}.link`]),
  'interactive.body.text',
  'interactive.footer.text',
  'interactive.action.',
  'template.components[].',
  'location.name',
  'location.address',
  'reaction.emoji',
  ...['formatted_name', 'first_name', 'middle_name', 'last_name', 'prefix', 'suffix'].map((f) => `contacts[].name.${f}`),
  ...['company', 'department', 'title'].map((f) => `contacts[].org.${f}`),
  'contacts[].phones[].phone',
  'contacts[].phones[].wa_id',
  'contacts[].emails[].email',
  ...['street', 'city', 'state', 'zip', 'country'].map((f) => `contacts[].addresses[].${f}`),
  'contacts[].urls[].url',
  'contacts[].birthday',
];
const LABELLED_FIELDS = new Set(LABELLED.filter((p) => !p.endsWith('.')));
const LABELLED_PREFIXES = LABELLED.filter((p) => p.endsWith('.'));

function isLabelled(leaf: Leaf): boolean {
  const pattern = pathPattern(leaf.path);
  return LABELLED_FIELDS.has(pattern) || LABELLED_PREFIXES.some((prefix) => pattern.startsWith(prefix));
}

/** Every type's content present is read, not just the one `type` names: Graph could use either. */
function drafts(body: SendBody, all: readonly Leaf[]): PartDraft[] {
  return [
    { id: 'body', kind: 'body', label: 'the message text', text: body.text?.body ?? '' },
    ...(['image', 'video', 'document', 'audio', 'sticker'] as const).flatMap((kind) => mediaParts(kind, body)),
    ...interactiveParts(body, all),
    ...templateParts(body, all),
    { id: 'location-name', kind: 'field', label: 'the location name', text: body.location?.name ?? '' },
    { id: 'location-address', kind: 'field', label: 'the location address', text: body.location?.address ?? '' },
    ...(body.contacts ?? []).map((contact, i) => ({
      id: `contact:${i + 1}`,
      kind: 'field' as const,
      label: `shared contact ${i + 1}`,
      text: contactText(contact),
    })),
    { id: 'reaction', kind: 'field', label: 'the reaction', text: body.reaction?.emoji ?? '' },
    {
      id: 'other',
      kind: 'field',
      label: 'other values sent with the message',
      text: all.filter((leaf) => !isLabelled(leaf)).map((leaf) => leaf.text).join('\n'),
    },
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
  // Walked first: this also refuses a body nested too deep for the recursive steps below.
  const values = leaves(body).filter((leaf) => !isIdentifier(leaf));
  // A read receipt carries no text and goes to nobody new; it is passed through like a message.
  if (ReadReceiptSchema.safeParse(body).success) return message(body, ctx, { recipients: [], parts: [] });
  const parsed = SendBodySchema.safeParse(body);
  if (!parsed.success) throw sendBodyError(body, parsed.error.issues);
  const send = parsed.data;
  if (send[send.type] === undefined) throw new InputError(`(#100) The parameter ${send.type} is required.`);
  return message(body, ctx, { recipients: [{ address: send.to, field: 'whatsapp' }], parts: toParts(drafts(send, values)) });
}
