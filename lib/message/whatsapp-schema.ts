// The shape of a WhatsApp Cloud API send body (POST /{version}/{phone-number-id}/messages), and
// Graph-style error messages for bodies that do not fit it. Top-level keys are checked strictly,
// so text in a field we do not know cannot slip past unscanned; the objects inside tolerate
// extra keys, which Meta adds as the API grows. Errors name fields, never their values.
import * as z from 'zod';
import { InputError } from '../errors.ts';

export const MESSAGE_TYPES = [
  'text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'template', 'reaction',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * Deeper nesting than any send body has (a flow's data sits about eight levels down); bodies
 * nested deeper are refused before anything walks them.
 */
export const MAX_SEND_BODY_DEPTH = 32;

const text = z.string();
const optionalText = z.string().optional();

const media = z
  .looseObject({ id: optionalText, link: optionalText, caption: optionalText, filename: optionalText })
  .refine((m) => m.id !== undefined || m.link !== undefined, { message: 'id or link is required', path: ['id'] });

const contact = z.looseObject({
  name: z.looseObject({
    formatted_name: text,
    first_name: optionalText,
    last_name: optionalText,
    middle_name: optionalText,
    prefix: optionalText,
    suffix: optionalText,
  }),
  birthday: optionalText,
  org: z.looseObject({ company: optionalText, department: optionalText, title: optionalText }).optional(),
  phones: z.array(z.looseObject({ phone: optionalText, wa_id: optionalText, type: optionalText })).optional(),
  emails: z.array(z.looseObject({ email: optionalText, type: optionalText })).optional(),
  urls: z.array(z.looseObject({ url: optionalText, type: optionalText })).optional(),
  addresses: z
    .array(
      z.looseObject({
        street: optionalText,
        city: optionalText,
        state: optionalText,
        zip: optionalText,
        country: optionalText,
        country_code: optionalText,
        type: optionalText,
      }),
    )
    .optional(),
});

const interactive = z.looseObject({
  type: text,
  header: z
    .looseObject({ type: text, text: optionalText, document: media.optional(), image: media.optional(), video: media.optional() })
    .optional(),
  body: z.looseObject({ text }).optional(),
  footer: z.looseObject({ text }).optional(),
  action: z.looseObject({}),
});

const template = z.looseObject({
  name: text,
  language: z.looseObject({ code: text }),
  components: z.array(z.looseObject({ type: text })).optional(),
});

export const SendBodySchema = z.strictObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: optionalText,
  to: z.string().min(1),
  type: z.enum(MESSAGE_TYPES).default('text'),
  context: z.looseObject({ message_id: text }).optional(),
  biz_opaque_callback_data: optionalText,
  text: z.looseObject({ body: text, preview_url: z.boolean().optional() }).optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  location: z
    .looseObject({ latitude: z.union([z.number(), z.string()]), longitude: z.union([z.number(), z.string()]), name: optionalText, address: optionalText })
    .optional(),
  contacts: z.array(contact).min(1).optional(),
  interactive: interactive.optional(),
  template: template.optional(),
  reaction: z.looseObject({ message_id: text, emoji: text }).optional(),
});
export type SendBody = z.infer<typeof SendBodySchema>;

/** Marking a received message as read (and showing a typing indicator) goes to the same endpoint. */
export const ReadReceiptSchema = z.strictObject({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: text,
  typing_indicator: z.looseObject({ type: text }).optional(),
});

/** Graph names nested parameters as text['body'] and buttons[0]. */
function graphPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `['${String(key)}']`))
    .join('');
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Key names are only echoed when they look like API field names; anything else might be content. */
export function safeKey(key: string): string {
  return /^[a-z][a-z0-9_]{0,39}$/.test(key) ? key : 'an unknown parameter';
}

export function sendBodyError(body: unknown, issues: readonly z.core.$ZodIssue[]): InputError {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return new InputError('(#100) The request body must be a JSON object.');
  }
  const issue = issues[0];
  if (issue === undefined) return new InputError('(#100) Invalid parameter.');
  if (issue.code === 'unrecognized_keys') {
    return new InputError(`(#100) Unexpected parameter: ${issue.keys.map(safeKey).join(', ')}.`);
  }
  const path = graphPath(issue.path);
  if (issue.path.length === 1 && issue.path[0] === 'type') {
    return new InputError(`(#100) Param type must be one of ${MESSAGE_TYPES.join(', ')}.`);
  }
  if (valueAt(body, issue.path) === undefined) return new InputError(`(#100) The parameter ${path} is required.`);
  return new InputError(`(#100) Invalid parameter: ${path}.`);
}
