// The common shape of the marking recognizers (security classifications, exempt information,
// confidentiality notices): phrases found anywhere in the text, each judged by where it sits on
// its line, then dropped when it starts an everyday phrase ("secret santa") or sits in an email
// disclaimer footer, and finally judged applied or only talked about (see usage.ts): a mention is
// still a finding, flagged so that it never counts. Matches are judged in text order so line and
// edge lookups stay one pass.
import { contextScorer } from '../context-score.ts';
import { PhraseAt } from '../phrases.ts';
import { sharedExplanation } from '../shared-explanation.ts';
import { WordStartPool, type PoolPattern } from '../word-start-pool.ts';
import type { Match, Recognizer, RecognizerSettings } from '../types.ts';
import { DisclaimerCues } from './disclaimer.ts';
import { TextEdges, type Stretch } from './edges.ts';
import { LineLocator } from './lines.ts';
import { NameLists } from './lists.ts';
import { describePlace, placeOf, type Place } from './place.ts';
import { QuotationSpans } from './quotations.ts';
import { UsageJudge, type PatternUsage, type TextLayout, type UsageCues } from './usage.ts';

/** A marking starts a word; the patterns are searched in the detector's pass (word-start-pool.ts). */
export interface MarkingPattern extends PoolPattern {
  /** Named in the finding's explanation. */
  name: string;
  /** The score for this match in this place, or undefined when it is not a marking there. */
  judge: (match: RegExpExecArray, place: Place) => number | undefined;
  /** How its words are told applied from talked about; the default suits a marking phrase. */
  usage?: PatternUsage;
}

export interface MarkingSpec {
  name: string;
  type: string;
  why: string;
  patterns: MarkingPattern[];
  /** Everyday phrases that start with a marking word ("secret santa"): never a marking. */
  notMarkings: readonly string[];
  /** Stock phrases of email disclaimers; a match in the same paragraph as one is boilerplate. */
  disclaimerCues: readonly string[];
  /** Cues that tell a mention from a use (see usage.ts). */
  usage: UsageCues;
  /** Names that make a list of classification names (see lists.ts); none for recognizers without levels. */
  listNames?: readonly string[];
}

/** Context words can raise a marking's score a little; its place already decided whether it counts. */
const CONTEXT_BOOST = 0.05;

export function markingRecognizer(spec: MarkingSpec, settings: RecognizerSettings, pool: WordStartPool = new WordStartPool()): Recognizer {
  const search = pool.join(spec.patterns);
  const everyday = new PhraseAt(spec.notMarkings);
  const disclaimer = new DisclaimerCues(spec.disclaimerCues);
  const scoreContext = contextScorer(settings, { boost: CONTEXT_BOOST });
  const usage = new UsageJudge(spec.usage, spec.listNames ? new NameLists(spec.listNames) : undefined);

  return {
    name: spec.name,
    type: spec.type,
    category: 'marking',
    why: spec.why,
    find(text: string, stretches?: readonly Stretch[]): Match[] {
      const matches = search(text);
      const candidates = spec.patterns.flatMap((pattern, i) => matches[i]!.map((m) => ({ pattern, m })));
      // Most texts hold no marking words at all: nothing about their structure is worth reading.
      if (candidates.length === 0) return [];
      candidates.sort((a, b) => a.m.index - b.m.index);
      const lines = new LineLocator(text);
      // The edges and quotations are read only when a match's judgement needs them.
      let edges: TextEdges | undefined;
      let quotations: QuotationSpans | undefined;
      const layout: TextLayout = {
        atEdge: (offset) => (edges ??= new TextEdges(text, stretches)).at(offset),
        inQuotation: (start, end) => (quotations ??= new QuotationSpans(text)).encloses(start, end),
      };
      const found: Match[] = [];
      /** Start of the last line that opened with an applied marking: the rest of it is that notice's wording. */
      let noticeLine = -1;
      for (const { pattern, m } of candidates) {
        const start = m.index;
        const end = start + m[0].length;
        const line = lines.at(start);
        const place = placeOf(text, line, start, end);
        const baseScore = pattern.judge(m, place);
        if (baseScore === undefined || everyday.test(text, start) || disclaimer.surrounds(text, start, end)) continue;
        const scored = scoreContext(text, start, end, baseScore);
        if (!scored) continue;
        const verdict =
          line.start === noticeLine
            ? { mention: false, note: 'in the wording of a notice that opens its line' }
            : usage.judge({ text, line, start, end, place, layout }, pattern.usage ?? {}, describePlace(place));
        if (!verdict.mention && place.leading) noticeLine = line.start;
        const match: Match = {
          start,
          end,
          score: scored.score,
          explanation: sharedExplanation(pattern.name, baseScore, scored.contextWord || undefined, undefined, verdict.note),
        };
        if (verdict.mention) match.mention = true;
        found.push(match);
      }
      return mergeOverlaps(found);
    },
  };
}

/**
 * Overlapping matches are one marking ("Exempt by virtue of paragraph 3 of Part 1 of Schedule 12A"
 * is found by two patterns): one finding spanning them all, told as the strongest of them, an
 * applied one before a mention (fail closed), then the higher score.
 */
function mergeOverlaps(matches: Match[]): Match[] {
  const out: Match[] = [];
  for (const m of matches) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      const end = Math.max(last.end, m.end);
      if (outranks(m, last)) out[out.length - 1] = { ...m, start: last.start, end };
      else last.end = end;
      continue;
    }
    out.push(m);
  }
  return out;
}

function outranks(a: Match, b: Match): boolean {
  if (Boolean(a.mention) !== Boolean(b.mention)) return !a.mention;
  return a.score > b.score || (a.score === b.score && a.end > b.end);
}
