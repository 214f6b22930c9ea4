// The rule files' schema. Each YAML file under rules/ (and rules/local/) is a partial rule set;
// they are merged in order and the result must satisfy RuleSetSchema. Unknown keys are errors,
// so a misspelt setting fails loudly instead of being ignored.
import * as z from 'zod';

/** Sample text for `gateway rules test`: a string is the body of an email to an external address. */
export const ExampleSchema = z.union([
  z.string(),
  z.strictObject({
    subject: z.string().optional(),
    body: z.string(),
    to: z.array(z.string()).optional(),
    channel: z.enum(['email', 'whatsapp']).optional(),
  }),
], { error: 'must be text, or a mapping with body (and optionally subject, to, channel)' });

export const ExamplesSchema = z.strictObject({
  hold: z.array(ExampleSchema).default([]),
  pass: z.array(ExampleSchema).default([]),
});

export const RecognizerSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  minScore: z.number().min(0).max(1).default(0.5),
  context: z.array(z.string().min(1)).default([]),
  negativeContext: z.array(z.string().min(1)).default([]),
  contextWindow: z.number().int().min(0).max(1000).default(80),
  options: z.record(z.string(), z.unknown()).default({}),
  examples: ExamplesSchema.optional(),
});

/** What makes a policy rule match. Exactly one kind of condition per rule. */
export const RuleConditionSchema = z.union([
  z.strictObject({ categories: z.array(z.enum(['personal', 'marking', 'casework', 'unreadable'])).min(1) }),
  z.strictObject({ types: z.array(z.string().min(1)).min(1) }),
  z.strictObject({
    contactProfile: z.strictObject({
      /** Finding types that count as contact details. */
      kinds: z.array(z.string().min(1)).min(1),
      /** Different kinds needed about one person to hold. */
      minKinds: z.number().int().min(1).default(2),
      /** With special-category words about the same person, this many kinds are enough. */
      minKindsWithSpecialCategory: z.number().int().min(1).default(1),
      /** Characters around a detail searched for a person cue, and joining details into one profile. */
      window: z.number().int().min(20).max(2000).default(250),
    }),
  }),
], { error: 'needs exactly one of categories, types or contactProfile' });

export const PolicyRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'rule ids are lower-case words joined by dashes'),
  description: z.string().min(1),
  enabled: z.boolean().default(true),
  when: RuleConditionSchema,
  /** Whether a councillor may resend with "[override: reason]" in the subject. */
  allowOverride: z.boolean().default(false),
  /** Why it matters, in one sentence a councillor understands. */
  explanation: z.string().min(1),
  examples: ExamplesSchema.optional(),
});

/** How personal names are recognised (lib/detect/person-names.ts). */
export const PersonNamesSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** First names to add to the built-in list. */
  firstNames: z.array(z.string()).default([]),
  /** Built-in first names that are more often ordinary words ("West", "Park"). */
  notFirstNames: z.array(z.string()).default([]),
  /** Words that make capitalised words a street, building or body ("Road", "Hall"). */
  placeWords: z.array(z.string()).default([]),
});

const NO_NAME_SETTINGS = { enabled: true, firstNames: [], notFirstNames: [], placeWords: [] };

/** Whom councillors ask about a held message; shown in every bounce and notice. */
export const ContactSchema = z.strictObject({
  name: z.string().trim().min(1).default('Information governance'),
  email: z.string().trim().regex(/^[^\s@]{1,64}@[^\s@]{1,255}$/, { error: 'must be an email address' }).optional(),
  phone: z.string().trim().min(1).optional(),
});

const DEFAULT_IG_CONTACT = { name: 'Information governance' };

export const PolicySchema = z.strictObject({
  mode: z.enum(['enforce', 'audit']).default('enforce'),
  /** Findings scoring below this are logged but never hold. */
  minScore: z.number().min(0).max(1).default(0.5),
  internalDomains: z.array(z.string().min(1)).default([]),
  organisationalContacts: z
    .strictObject({
      phones: z.array(z.string()).default([]),
      emails: z.array(z.string()).default([]),
      /** Postal addresses; matched on their postcode. */
      addresses: z.array(z.string()).default([]),
    })
    .default({ phones: [], emails: [], addresses: [] }),
  /** Words near contact details that show they are about a person. */
  personCues: z
    .strictObject({
      titles: z.array(z.string()).default([]),
      relationships: z.array(z.string()).default([]),
      phrases: z.array(z.string()).default([]),
      /** Personal names are cues: the built-in first names, amended, and what makes a name a place. */
      names: PersonNamesSchema.default(NO_NAME_SETTINGS),
      /** Statements about their writer, cues only in someone else's words carried in the message. */
      firstPerson: z.array(z.string()).default([]),
    })
    .default({ titles: [], relationships: [], phrases: [], names: NO_NAME_SETTINGS, firstPerson: [] }),
  /** Words near contact details that show they belong to a venue, business or council service. */
  organisationCues: z.array(z.string()).default([]),
  /** Closing lines that start a signature block when followed by the sender's name. */
  valedictions: z.array(z.string()).default([]),
  contacts: z.strictObject({ informationGovernance: ContactSchema.default(DEFAULT_IG_CONTACT) }).default({ informationGovernance: DEFAULT_IG_CONTACT }),
  rules: z.array(PolicyRuleSchema).default([]),
});

export const LimitsSchema = z.strictObject({
  maxMessageBytes: z.number().int().positive().default(40 * 1024 * 1024),
  maxAttachmentBytes: z.number().int().positive().default(25 * 1024 * 1024),
  maxDepth: z.number().int().min(0).default(5),
  maxParts: z.number().int().positive().default(200),
  maxTextChars: z.number().int().positive().default(20 * 1024 * 1024),
  /** Time for reading all of one message's attachments; the attachment being read when it runs out is held as unreadable. */
  extractTimeoutMs: z.number().int().positive().default(30_000),
  /** JavaScript heap of a worker thread that reads attachments, or that scans a whole message in the local gateway (Worker resourceLimits). */
  extractMemoryMb: z.number().int().min(32).default(512),
  /** What one attachment's compressed content (ZIP entries, PDF streams) may expand to, in total. */
  maxInflatedBytes: z.number().int().positive().default(100 * 1024 * 1024),
  maxPdfPages: z.number().int().positive().default(2_000),
  /** Indirect objects in one PDF (a 20,000-page PDF has some 60,000). */
  maxPdfObjects: z.number().int().positive().default(500_000),
});

/** One file: any subset of the top-level sections. A section left empty (all commented out) is allowed. */
export const RuleFileSchema = z.strictObject({
  recognizers: z.record(z.string(), z.unknown()).nullish(),
  policy: z.record(z.string(), z.unknown()).nullish(),
  limits: z.record(z.string(), z.unknown()).nullish(),
});

export const RuleSetSchema = z.strictObject({
  recognizers: z.record(z.string(), RecognizerSettingsSchema),
  policy: PolicySchema,
  limits: LimitsSchema.default(() => LimitsSchema.parse({})),
});

export type Example = z.infer<typeof ExampleSchema>;
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;
export type PolicyConfig = z.infer<typeof PolicySchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Limits = z.infer<typeof LimitsSchema>;
export type RuleSetConfig = z.infer<typeof RuleSetSchema>;

/** A loaded, validated rule set with its content hash. */
export interface RuleSet extends RuleSetConfig {
  /** Content hash of the merged rule set, stamped on every decision record. */
  version: string;
  /** Files it was built from, in merge order (for messages to administrators). */
  sources: string[];
}
