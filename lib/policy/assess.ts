// Decides which findings count: not the participants' own details (the sender's signature, a
// recipient's words quoted back), not the council's own contact points, not low-scoring matches.
// Quoted text is exempt only when its attribution names a recipient: text quoted from anyone
// else, or from no one the attribution could name, counts like the sender's own.
import type { Finding } from '../detect/types.ts';
import { normaliseName } from '../message/attribution.ts';
import type { Author, Message, Segment, TextPart } from '../message/types.ts';
import type { PolicyConfig } from '../rules/schema.ts';
import { isInternalAddress } from './recipients.ts';
import type { AssessedFinding, NotCountedBecause } from './types.ts';

/** Contact details are the kinds a signature block or an organisation legitimately carries. */
const CONTACT_TYPES = new Set(['email-address', 'phone-number', 'postal-address']);

const POSTCODE = /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b/gi;

/**
 * One spelling per UK number, without a metadata lookup (this runs for every phone finding):
 * "+44 (0)115 981 9911", "0044 115 981 9911" and "0115-981-9911" all become "01159819911".
 */
export function normalisePhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (!/^\s*(?:\+|00)/.test(value)) return digits;
  const international = digits.replace(/^00/, '');
  return international.startsWith('44') ? `0${international.slice(2).replace(/^0/, '')}` : `+${international}`;
}

function postcodesIn(text: string): string[] {
  return [...text.matchAll(POSTCODE)].map((m) => `${m[1]}${m[2]}`.toUpperCase());
}

/** Pre-normalised organisational contacts, built once per rule set. */
export interface OrganisationalContacts {
  phones: Set<string>;
  emails: Set<string>;
  postcodes: Set<string>;
}

export function organisationalContacts(policy: PolicyConfig): OrganisationalContacts {
  return {
    phones: new Set(policy.organisationalContacts.phones.map(normalisePhone)),
    emails: new Set(policy.organisationalContacts.emails.map((e) => e.toLowerCase())),
    postcodes: new Set(policy.organisationalContacts.addresses.flatMap(postcodesIn)),
  };
}

function segmentAt(part: TextPart, offset: number): Segment | undefined {
  // Segments are few per part; a linear walk is cheaper than anything cleverer.
  return part.segments.find((s) => offset >= s.start && offset < s.end) ?? part.segments[part.segments.length - 1];
}

function isOrganisational(type: string, value: string, policy: PolicyConfig, org: OrganisationalContacts): boolean {
  if (type === 'phone-number') return org.phones.has(normalisePhone(value));
  if (type === 'email-address') {
    const address = value.toLowerCase();
    return isInternalAddress(address, policy.internalDomains) || org.emails.has(address) || org.emails.has(`@${address.split('@')[1] ?? ''}`);
  }
  if (type === 'postal-address') return postcodesIn(value).some((p) => org.postcodes.has(p));
  return false;
}

/** People as an attribution may name them: by address, or by display name where it has no address. */
interface Known {
  addresses: Set<string>;
  names: Set<string>;
}

function known(people: ReadonlyArray<{ address: string; name?: string }>): Known {
  return {
    addresses: new Set(people.map((p) => p.address.toLowerCase())),
    names: new Set(people.flatMap((p) => (p.name ? [normaliseName(p.name)] : [])).filter((n) => n !== '')),
  };
}

/**
 * Whether an attribution names one of these people. An address decides alone (a matching name with
 * a different address is someone else); a name is compared only when the attribution has no address.
 */
function wroteIt(author: Author | undefined, people: Known): boolean {
  if (author?.address) return people.addresses.has(author.address.toLowerCase());
  return author?.name !== undefined && people.names.has(normaliseName(author.name));
}

/** A copy of the finding with its verdict, written out: spreading thousands of findings is slow. */
function withVerdict(f: Finding, because: NotCountedBecause | undefined): AssessedFinding {
  const copy: AssessedFinding = {
    start: f.start,
    end: f.end,
    score: f.score,
    explanation: f.explanation,
    recognizer: f.recognizer,
    category: f.category,
    type: f.type,
    partId: f.partId,
  };
  if (f.mention) copy.mention = true;
  if (because) copy.notCounted = because;
  return copy;
}

export function assessFindings(
  message: Message,
  findings: readonly Finding[],
  policy: PolicyConfig,
  org: OrganisationalContacts,
): AssessedFinding[] {
  const parts = new Map(message.parts.map((p) => [p.id, p]));
  const participants = new Set([message.sender.address, ...message.recipients.map((r) => r.address)].map((a) => a.toLowerCase()));
  const recipients = known(message.recipients);
  const sender = known([message.sender]);

  return findings.map((finding) => withVerdict(finding, notCountedBecause(finding)));

  function notCountedBecause(finding: Finding): NotCountedBecause | undefined {
    if (finding.score < policy.minScore) return 'below-threshold';
    if (finding.mention) return 'mention-not-use';
    const part = parts.get(finding.partId);
    if (!part) return undefined; // unreadable parts and the like always count
    const segment = segmentAt(part, finding.start);
    if (segment?.role === 'quoted' && wroteIt(segment.author, recipients)) return 'quoted-recipient';
    if (!CONTACT_TYPES.has(finding.type)) return undefined;
    // A header line's own mailbox ("Jane (07700 900123)" <jane@…> in To) is marked like a signature.
    if (segment?.role === 'signature') return part.kind === 'header' ? 'participant-name' : 'sender-signature';
    // The sender's signature in a quote of their own earlier message is still their own.
    if (segment?.role === 'quoted' && segment.signature && wroteIt(segment.author, sender)) return 'participant-signature';
    const value = part.text.slice(finding.start, finding.end);
    if (finding.type === 'email-address' && participants.has(value.toLowerCase())) return 'participant-address';
    if (isOrganisational(finding.type, value, policy, org)) return 'organisational';
    return undefined;
  }
}
