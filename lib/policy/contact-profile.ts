// A third party's contact profile: contact details about one person who is not a participant.
// A person is recognised from cues near the details (a personal name, a title and name, a
// relationship word, a phrase such as "lives at"; in someone else's words carried in the message,
// what they say about themselves: "my name is", "I live at"); details nearer to an organisation
// cue than to a person cue belong to a venue or business. Details close to one another form one
// profile, and the writer of a quoted block is one person: their own address, wherever it sits in
// the block, joins a profile found there.
import { escapeRegex, WordList } from '../detect/context.ts';
import { createNameFinder, policyNameOptions, type NameFinder } from '../detect/person-names.ts';
import { matchesIn, regionsAround, type Region } from '../detect/regions.ts';
import type { Message, Segment, TextPart } from '../message/types.ts';
import type { PolicyConfig } from '../rules/schema.ts';
import type { AssessedFinding } from './types.ts';

export interface ContactProfileCondition {
  kinds: string[];
  minKinds: number;
  minKindsWithSpecialCategory: number;
  window: number;
}

/** Longer than any cue phrase or title-and-name, so a cue overlapping the window is seen whole. */
const LONGEST_CUE = 60;

interface Cue {
  start: number;
  end: number;
}

/** Cue finders built once per rule set. */
export interface PersonCues {
  /** Person cues other than names in the given regions of a part: titles, words, first-person statements. */
  people(part: TextPart, regions: readonly Region[]): Cue[];
  /** Personal names in the given regions; `sender` words name the sender, whose name is no cue. */
  names(part: TextPart, regions: readonly Region[], sender: ReadonlySet<string>): Cue[];
  organisations(text: string, regions: readonly Region[]): Cue[];
}

/** The lower-cased words of a display name ("Cllr Jane Porter" → cllr, jane, porter). */
export function nameWords(name: string | undefined): Set<string> {
  return new Set((name ?? '').toLowerCase().split(/[^\p{L}'’-]+/u).filter((w) => w.length > 0));
}

function segmentAt(part: TextPart, offset: number): Segment | undefined {
  // Segments are few per part; a linear walk is cheaper than anything cleverer.
  return part.segments.find((s) => offset >= s.start && offset < s.end);
}

export function personCues(policy: PolicyConfig): PersonCues {
  const { titles, relationships, phrases, names, firstPerson } = policy.personCues;
  // A title counts only before a capitalised name ("Mrs Clarke"), so "Dr" in "Acacia Dr" does not.
  const titleRegex = titles.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${titles.map(escapeRegex).join('|')})\\.?[ \\t]{1,3}\\p{Lu}[\\p{L}'’-]{0,40}`, 'gu')
    : undefined;
  const words = new WordList([...relationships, ...phrases]);
  const organisations = new WordList(policy.organisationCues);
  const aboutTheWriter = new WordList(firstPerson);
  // A name among organisation words ("Grace Academy", "Victoria Hall Ltd") is not a person's.
  const nameFinder: NameFinder | undefined = names.enabled
    ? createNameFinder(policyNameOptions(policy))
    : undefined;
  return {
    people(part: TextPart, regions: readonly Region[]): Cue[] {
      const text = part.text;
      const titled = titleRegex
        ? [...matchesIn(text, titleRegex, regions)].map((m) => ({ start: m.absoluteIndex + m.index, end: m.absoluteIndex + m.index + m[0].length }))
        : [];
      // "My number is" says who the details belong to only in someone else's words: in the
      // sender's own, it is the sender's.
      const writer = aboutTheWriter.allIn(text, regions).filter((c) => segmentAt(part, c.start)?.role === 'quoted');
      return [...titled, ...words.allIn(text, regions), ...writer];
    },
    names(part: TextPart, regions: readonly Region[], sender: ReadonlySet<string>): Cue[] {
      // The sender's own name beside their own details is not a third party.
      return (nameFinder?.find(part.text, regions) ?? []).filter((n) => !n.key.split(' ').every((w) => sender.has(w)));
    },
    organisations: (text: string, regions: readonly Region[]) => organisations.allIn(text, regions),
  };
}

function distance(cue: Cue, start: number, end: number): number {
  if (cue.end <= start) return start - cue.end;
  if (cue.start >= end) return cue.start - end;
  return 0;
}

/**
 * Distance from [start, end) to the nearest cue. Cues are sorted by start and short, so the nearest
 * is beside the insertion point: a binary search keeps many details × many cues linearithmic.
 */
function nearest(cues: Cue[], start: number, end: number): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  let best = Infinity;
  for (let i = Math.max(0, lo - 3); i < Math.min(cues.length, lo + 2); i += 1) best = Math.min(best, distance(cues[i]!, start, end));
  return best;
}

/** Whether a cue overlaps one of the details (sorted by start); binary search keeps it linearithmic. */
function overlapsAny(details: readonly AssessedFinding[], cue: Cue): boolean {
  let lo = 0;
  let hi = details.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (details[mid]!.start < cue.end) lo = mid + 1;
    else hi = mid;
  }
  // Details starting before the cue's end: only the few nearest can reach into it.
  for (let i = lo - 1; i >= Math.max(0, lo - 4); i -= 1) if (details[i]!.end > cue.start) return true;
  return false;
}

function sortedCues(cues: Cue[]): Cue[] {
  return cues.sort((a, b) => a.start - b.start);
}

/** Groups of counted findings in one part that together make a profile of a person. */
export function findContactProfiles(
  message: Message,
  counted: readonly AssessedFinding[],
  condition: ContactProfileCondition,
  cues: PersonCues,
): AssessedFinding[][] {
  const kinds = new Set(condition.kinds);
  const sender = nameWords(message.sender.name);
  const profiles: AssessedFinding[][] = [];
  for (const part of message.parts) {
    const inPart = counted.filter((f) => f.partId === part.id);
    const details = inPart.filter((f) => kinds.has(f.type)).sort((a, b) => a.start - b.start);
    if (details.length === 0) continue;
    const special = inPart.filter((f) => f.type === 'special-category');
    profiles.push(...profilesInPart(part, details, special, condition, cues, sender));
  }
  return profiles;
}

/**
 * Quoted blocks whose attribution names their writer's address, each with the email findings in
 * it equal to that address: the writer's own. Blocks are few, so one walk over the details each.
 */
function writersAddresses(part: TextPart, details: readonly AssessedFinding[]): Map<Segment, AssessedFinding[]> {
  const out = new Map<Segment, AssessedFinding[]>();
  for (const block of part.segments) {
    const author = block.role === 'quoted' ? block.author?.address : undefined;
    if (!author) continue;
    const own = details.filter(
      (d) => d.type === 'email-address' && d.start >= block.start && d.end <= block.end && part.text.slice(d.start, d.end).toLowerCase() === author,
    );
    if (own.length > 0) out.set(block, own);
  }
  return out;
}

function blockOf(blocks: Map<Segment, AssessedFinding[]>, start: number, end: number): Segment | undefined {
  for (const block of blocks.keys()) if (start >= block.start && end <= block.end) return block;
  return undefined;
}

/**
 * A quoted block's writer is one person: the details found about a person in their block, however
 * far apart, and their own address (the email finding equal to the block's author), wherever it
 * sits in the block, are one profile. Outside the block, the same address is just an address.
 */
function joinedByWriter(groups: AssessedFinding[][], blocks: Map<Segment, AssessedFinding[]>): AssessedFinding[][] {
  if (blocks.size === 0) return groups;
  const byBlock = new Map<Segment, AssessedFinding[]>();
  const out: AssessedFinding[][] = [];
  for (const group of groups) {
    const block = blockOf(blocks, group[0]!.start, group[group.length - 1]!.end);
    const joined = block && byBlock.get(block);
    if (!block) out.push(group);
    else if (joined) joined.push(...group);
    else {
      const fresh = [...group];
      byBlock.set(block, fresh);
      out.push(fresh);
    }
  }
  for (const [block, joined] of byBlock) {
    for (const own of blocks.get(block)!) if (!joined.includes(own)) joined.push(own);
    joined.sort((a, b) => a.start - b.start);
  }
  return out;
}

/**
 * The details that could be part of a profile. Details chained within the window of one another
 * are the most any profile can hold: a profile is a group of such details, so it has no more kinds
 * than its chain, and no wider a span. A chain with too few kinds (and no special-category word
 * near it, where that would do) can never make a profile, and the cues around it need not be
 * looked for. Most details in a long message stand alone, or beside others of the same kind (a
 * switchboard number quoted twice). Details are sorted by start.
 */
function couldFormProfile(details: readonly AssessedFinding[], special: readonly AssessedFinding[], condition: ContactProfileCondition): AssessedFinding[] {
  const { window } = condition;
  const specialWords = sortedCues([...special]);
  const out: AssessedFinding[] = [];
  let chain: AssessedFinding[] = [];
  let chainEnd = -Infinity;
  const close = (): void => {
    if (chain.length === 0) return;
    const kinds = new Set(chain.map((d) => d.type)).size;
    const enough =
      kinds >= condition.minKinds ||
      (kinds >= condition.minKindsWithSpecialCategory && nearest(specialWords, chain[0]!.start, chainEnd) <= window);
    if (enough) out.push(...chain);
    chain = [];
  };
  for (const d of details) {
    if (d.start - chainEnd > window) close();
    chain.push(d);
    chainEnd = Math.max(chainEnd, d.end);
  }
  close();
  return out;
}

function profilesInPart(
  part: TextPart,
  details: AssessedFinding[],
  special: AssessedFinding[],
  condition: ContactProfileCondition,
  cues: PersonCues,
  sender: ReadonlySet<string>,
): AssessedFinding[][] {
  // A cue inside a detail is part of it: "Dr" in "3 Acacia Dr Nottingham" is a street, not a doctor.
  const inside = (c: Cue) => overlapsAny(details, c);
  // Cues matter only within the window of a detail that could be part of a profile: look nowhere else.
  // In a block with its writer's own address, any detail may join that address, however far.
  const blocks = writersAddresses(part, details);
  const joinable = blocks.size === 0 ? [] : details.filter((d) => blockOf(blocks, d.start, d.end) !== undefined);
  const lone = couldFormProfile(details, special, condition);
  const promising = joinable.length === 0 ? lone : [...new Set([...lone, ...joinable])].sort((a, b) => a.start - b.start);
  if (promising.length === 0) return [];
  const regions = regionsAround(promising, condition.window + LONGEST_CUE, part.text.length);
  const organisations = sortedCues(cues.organisations(part.text, regions));
  const isAbout = (people: Cue[]) => (d: AssessedFinding): boolean => {
    const person = nearest(people, d.start, d.end);
    if (person > condition.window) return false;
    return nearest(organisations, d.start, d.end) >= person;
  };
  let people = sortedCues(cues.people(part, regions).filter((c) => !inside(c)));
  // Names cost the most to find: they are looked for only around the details the other cues
  // leave undecided. A name can only bring a person nearer, never decide a detail the other way.
  const undecided = promising.filter((d) => !isAbout(people)(d));
  if (undecided.length > 0) {
    const around = regionsAround(undecided, condition.window + LONGEST_CUE, part.text.length);
    const named = cues.names(part, around, sender).filter((c) => !inside(c));
    if (named.length > 0) people = sortedCues([...people, ...named]);
  }
  if (people.length === 0) return [];
  const aboutAPerson = details.filter(isAbout(people));

  // Consecutive details within the window of each other describe the same person.
  const groups: AssessedFinding[][] = [];
  for (const detail of aboutAPerson) {
    const current = groups[groups.length - 1];
    const last = current?.[current.length - 1];
    if (current && last && detail.start - last.end <= condition.window) current.push(detail);
    else groups.push([detail]);
  }

  const out: AssessedFinding[][] = [];
  for (const group of joinedByWriter(groups, blocks)) {
    const distinctKinds = new Set(group.map((f) => f.type)).size;
    const start = group[0]!.start;
    const end = group[group.length - 1]!.end;
    const sensitive = special.filter((s) => s.end >= start - condition.window && s.start <= end + condition.window);
    if (distinctKinds >= condition.minKinds) out.push(group);
    else if (sensitive.length > 0 && distinctKinds >= condition.minKindsWithSpecialCategory) out.push([...group, ...sensitive]);
  }
  return out;
}
