// Every value in a WhatsApp send body, and the few that are Graph's identifiers rather than text.
// Every string and number is scanned wherever it sits, whatever its key: a key such as "code" or
// "id" holds a language code in one place and a resident's case reference in another (a flow's
// data, a button's reply id, a template parameter). Only the fields below are left out, each at
// its exact place in Graph's structure and only while its value has the shape Graph gives it: a
// value that does not fit (letters and digits where a media id has digits) is scanned like any
// other, so text cannot hide in an identifier's place.
//
// Sources for the fields and their values:
//   [send] Meta, send-message reference (messaging_product, recipient_type, to, type, context,
//          media objects whose `id` is the id returned by the media upload):
//          https://developers.facebook.com/docs/whatsapp/api/messages/media
//   [tmpl] WhatsApp's Node.js SDK reference, Template Object and Component Object (name,
//          language code and policy, component type, sub_type, index, parameter type):
//          https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/TemplateObject
//          https://whatsapp.github.io/WhatsApp-Nodejs-SDK/api-reference/types/component_object
//   [flow] Meta, "Sending a Flow" (flow_id issued by WhatsApp, flow_message_version, flow_action
//          navigate|data_exchange, mode draft|published; flow_token and flow_action_payload are
//          the business's own and are scanned):
//          https://developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/sendingaflow/
import { InputError } from '../errors.ts';
import { MAX_SEND_BODY_DEPTH } from './whatsapp-schema.ts';

export type JsonPath = readonly (string | number)[];

export interface Leaf {
  path: JsonPath;
  /** The string, or the number as JSON writes it. */
  text: string;
}

/** Graph's enumerations: "text", "button", "quick_reply", "individual", "deterministic" … */
const ENUM = /^[A-Za-z_]{1,40}$/;
/** Ids Meta issues (media, flows, catalogues) and button indexes: digits only. */
const DIGITS = /^\d{1,32}$/;
/** Message ids Meta issues. */
const WAMID = /^wamid\.[A-Za-z0-9+/=_-]{1,256}$/;

const MEDIA = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const HEADER_MEDIA = ['image', 'video', 'document'] as const;

/** Path patterns (array indexes written []) → the shape their value must have to be left out. */
const IDENTIFIERS = new Map<string, RegExp>([
  // [send] Always "whatsapp"; "individual" or "group"; the message type.
  ['messaging_product', ENUM],
  ['recipient_type', ENUM],
  ['type', ENUM],
  // [send] The recipient, recorded as the recipient (external) rather than read as content.
  ['to', /^\+?[0-9 ()-]{1,32}$/],
  // [send] The message replied or reacted to, by the id Meta gave it.
  ['context.message_id', WAMID],
  ['reaction.message_id', WAMID],
  // [send] Uploaded media by the id Meta's upload returned. 15- and 16-digit ids would otherwise
  // read as card or account numbers. A `link` is the business's own URL and is scanned: its path
  // or query can name a resident.
  ...MEDIA.map((m) => [`${m}.id`, DIGITS] as const),
  ...HEADER_MEDIA.map((m) => [`interactive.header.${m}.id`, DIGITS] as const),
  ...HEADER_MEDIA.map((m) => [`template.components[].parameters[].${m}.id`, DIGITS] as const),
  // [send] The pin's coordinates: numbers no recognizer reads; the name and address shown with
  // the pin are scanned.
  ['location.latitude', /^-?\d{1,3}(?:\.\d{1,20})?$/],
  ['location.longitude', /^-?\d{1,3}(?:\.\d{1,20})?$/],
  // [send] Kinds of phone, email, address and URL on a shared contact card ("CELL", "HOME").
  ...['phones', 'emails', 'addresses', 'urls'].map((f) => [`contacts[].${f}[].type`, ENUM] as const),
  // [send] Interactive message, header, button and action kinds.
  ['interactive.type', ENUM],
  ['interactive.header.type', ENUM],
  ['interactive.action.name', ENUM],
  ['interactive.action.buttons[].type', ENUM],
  ['interactive.action.catalog_id', DIGITS],
  // [flow] Which flow, in which version and mode, and how it starts.
  ['interactive.action.parameters.flow_id', DIGITS],
  ['interactive.action.parameters.flow_message_version', /^\d{1,2}(?:\.\d{1,2})?$/],
  ['interactive.action.parameters.flow_action', ENUM],
  ['interactive.action.parameters.mode', ENUM],
  // [tmpl] The approved template's name (lower-case letters, digits, underscores) and language.
  ['template.name', /^[a-z0-9_]{1,512}$/],
  ['template.language.code', /^[a-z]{2,3}(?:_[A-Za-z]{2,4})?$/],
  ['template.language.policy', ENUM],
  // [tmpl] Component and parameter kinds, and which button a component fills.
  ['template.components[].type', ENUM],
  ['template.components[].sub_type', ENUM],
  ['template.components[].index', DIGITS],
  ['template.components[].parameters[].type', ENUM],
]);

/** "template.components[].parameters[].type" for ['template', 'components', 0, 'parameters', 2, 'type']. */
export function pathPattern(path: JsonPath): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? '[]' : out === '' ? key : `.${key}`;
  return out;
}

export function isIdentifier(leaf: Leaf): boolean {
  const shape = IDENTIFIERS.get(pathPattern(leaf.path));
  return shape !== undefined && shape.test(leaf.text);
}

interface Pending {
  value: unknown;
  path: JsonPath;
}

/**
 * Every string and finite number under `root`, in document order, with its path. Iterative, so a
 * deep body cannot overflow the stack; deeper than any send body is refused rather than cut
 * short, since a cut would leave text unscanned.
 */
export function leaves(root: unknown): Leaf[] {
  const out: Leaf[] = [];
  const stack: Pending[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') out.push({ path, text: value });
    else if (typeof value === 'number' && Number.isFinite(value)) out.push({ path, text: JSON.stringify(value) });
    else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_SEND_BODY_DEPTH) throw new InputError(`(#100) The request body is nested more than ${MAX_SEND_BODY_DEPTH} levels deep.`);
      const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
      // Pushed in reverse so that they come off the stack in document order.
      for (let i = entries.length - 1; i >= 0; i -= 1) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
    }
  }
  return out;
}

/** Whether `path` lies under `prefix` (or is it). */
export function isUnder(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}
