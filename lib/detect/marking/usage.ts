// Use or mention: a marking holds a message when it is applied to it (a banner, a subject tag, a
// document's header or footer, a restriction notice saying this report is not for publication),
// not when the text only talks about one (guidance explaining OFFICIAL-SENSITIVE, a press
// statement saying a letter was "marked Strictly Private and Confidential", minutes recording a
// resolution to exclude the public). A mention is still reported, flagged, with the reason.
//
// The signals, strongest first:
//   - in a resolution or recommendation ("RESOLVED that …", "the likely disclosure of exempt
//     information as defined in …"): the record of a meeting, a mention;
//   - in quotation marks, right around it or around the sentence or passage holding it (a quoted
//     decision record, an agenda's proposed resolution): a mention;
//   - an item in a list of several classification names: a mention;
//   - where it sits: a banner, heading, tag or label is applied, but a numbered section heading
//     ("10. Exempt information") is a title in the document's own structure; in the middle of a
//     text (away from its first and last lines) a classification name that starts a sentence or
//     heads a section in sentence case is being explained, and so is one in sentence case on a
//     line of its own anywhere when the line right under it explains it (repeats one of its words:
//     "Official-sensitive" / "The classification of 'official' can be supplemented by …"), since a
//     banner is followed by the document, not by an explanation of itself; in running text it is a mention unless its
//     sentence says it is about this document or its attachment ("this report is not for
//     publication", "the attached briefing is marked OFFICIAL-SENSITIVE", "please find the
//     exempt report attached").
import { WordList } from '../context.ts';
import { lineAfter, type LineSpan } from './lines.ts';
import type { NameLists } from './lists.ts';
import { isMarkingPlace, isUpperCase, everyWordCapitalised, type Place } from './place.ts';
import { isQuoted, sentenceEnd, sentenceStart } from './surroundings.ts';

/** How far back a resolution's opening words are looked for: the longest resolutions councils print. */
const RESOLUTION_REACH = 400;
/** How far either side in its sentence a reference to this document is looked for. */
const SENTENCE_REACH = 200;
/** How much of the line under a heading is read for its explanation. */
const EXPLANATION_REACH = 200;
/** An explanation is a sentence, not a title or a name: at least this many words. */
const EXPLANATION_WORDS = 4;
/** A heading's words that an explanation repeats: long enough not to be "of" or "the". */
const HEADING_WORD = /\p{L}{4,}/gu;
const WORD = /\p{L}+/gu;
/** Section numbering before a heading: "10. ", "10.4 ", "4) ". A marking is never numbered; a constitution's headings are. */
const NUMBERED = /^[ \t]{0,8}\d{1,3}(?:\.\d{1,3}){0,3}[.)]?[ \t]{1,8}$/u;

export interface UsageCues {
  /** Phrases by which a text speaks of itself or its attachment: "this report", "the attached". */
  selfReferences: readonly string[];
  /** Phrases of a resolution or recommendation to exclude the public: "resolved", "likely disclosure of". */
  resolutionCues: readonly string[];
}

export interface PatternUsage {
  /**
   * The words name a procedure (excluding the press and public), not a marking: applied only when
   * their sentence says it is about this document.
   */
  procedure?: boolean;
  /**
   * The words are the names of classification levels, which guidance and policies explain: in the
   * middle of a text, a sentence or a sentence-case heading that starts with one is about it.
   */
  levelName?: boolean;
  /** The words are an agenda heading themselves ("12. Part B (private)"): numbering does not make them a section title. */
  agendaHeading?: boolean;
}

export interface Usage {
  mention: boolean;
  /** Why, for the finding's explanation. */
  note: string;
}

export interface Where {
  text: string;
  line: LineSpan;
  start: number;
  end: number;
  place: Place;
  /** What is known of the whole text, read only when a judgement needs it. */
  layout: TextLayout;
}

/** Per-text structure, built once per text on first use and asked in text order. */
export interface TextLayout {
  /** In the first or last few lines of the text or of one of its blocks (see edges.ts). */
  atEdge(offset: number): boolean;
  /** Inside a quotation that runs beyond the match (see quotations.ts). */
  inQuotation(start: number, end: number): boolean;
}

export class UsageJudge {
  private readonly selfReferences: WordList;
  private readonly resolutionCues: WordList;

  constructor(
    cues: UsageCues,
    private readonly lists: NameLists | undefined,
  ) {
    this.selfReferences = new WordList(cues.selfReferences);
    this.resolutionCues = new WordList(cues.resolutionCues);
  }

  judge(w: Where, pattern: PatternUsage, placeNote: string): Usage {
    const { text, start, end, place } = w;
    // A banner on a line of its own or an agenda heading is never part of a resolution, even
    // when the resolution above it ends without a full stop.
    const standsAlone = (place.leading && place.trailing) || pattern.agendaHeading === true;
    if (!standsAlone && !this.resolutionCues.isEmpty && this.resolutionCues.findIn(text, sentenceStart(text, start, RESOLUTION_REACH, true), start)) {
      return mention('in a resolution to exclude the public');
    }
    if (isQuoted(text, start, end) || w.layout.inQuotation(start, end)) return mention('in quotation marks');
    if (this.lists?.isListedName(text, w.line, start)) return mention('an item in a list of classification names');
    // The procedure's words name the item they exclude the public from ("… for the next item"), so
    // for them only what precedes counts as speaking of this document ("the item was taken after …").
    if (pattern.procedure) {
      return this.referredBefore(text, start) ? use('in a statement about this document') : mention('names the procedure for excluding the public');
    }
    if (!isMarkingPlace(place)) {
      return this.referredBefore(text, start) || this.referredAfter(text, end)
        ? use(`${placeNote}, in a statement about this document`)
        : mention(placeNote);
    }
    if (!pattern.agendaHeading && place.leading && place.trailing && NUMBERED.test(text.slice(w.line.start, start))) {
      return mention('a numbered section heading');
    }
    const words = text.slice(start, end);
    if (pattern.levelName && place.leading && place.trailing && !place.bracketed && isSentenceCase(words) && this.explainedBelow(text, w.line, words)) {
      return mention('a sentence-case heading explained by the line under it');
    }
    if (pattern.levelName && !w.layout.atEdge(start) && !place.bracketed) {
      if (place.leading && !place.trailing && place.next === 'words') return mention('starts a sentence in the middle of the text');
      if (place.leading && place.trailing && isSentenceCase(words)) {
        return mention('a sentence-case heading in the middle of the text');
      }
    }
    return use(placeNote);
  }

  /** Its sentence speaks of this document before the match ("this report is …"). */
  private referredBefore(text: string, start: number): boolean {
    return !this.selfReferences.isEmpty && this.selfReferences.findIn(text, sentenceStart(text, start, SENTENCE_REACH), start) !== undefined;
  }

  /** Its sentence speaks of this document after the match ("… is attached"). */
  private referredAfter(text: string, end: number): boolean {
    return !this.selfReferences.isEmpty && this.selfReferences.findIn(text, end, sentenceEnd(text, end, SENTENCE_REACH)) !== undefined;
  }

  /**
   * The line right under the heading (no blank line between) is a sentence that repeats one of the
   * heading's words and does not speak of this document ("This document is official-sensitive
   * and …" under a banner applies it).
   */
  private explainedBelow(text: string, line: LineSpan, heading: string): boolean {
    const next = lineAfter(text, line.end);
    if (!next) return false;
    const explanation = text.slice(next.start, Math.min(next.end, next.start + EXPLANATION_REACH));
    if ((explanation.match(WORD)?.length ?? 0) < EXPLANATION_WORDS) return false;
    if (!this.selfReferences.isEmpty && this.selfReferences.findIn(explanation) !== undefined) return false;
    const said = new Set(explanation.toLowerCase().match(WORD) ?? []);
    return (heading.toLowerCase().match(HEADING_WORD) ?? []).some((word) => said.has(word));
  }
}

/** Not all in capitals and not every word capitalised: "Official-sensitive", as a section title is written. */
function isSentenceCase(words: string): boolean {
  return !isUpperCase(words) && !everyWordCapitalised(words);
}

function mention(note: string): Usage {
  return { mention: true, note: `${note}: talked about, not applied` };
}

function use(note: string): Usage {
  return { mention: false, note };
}
