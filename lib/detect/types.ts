// What recognizers produce and how they are described.
import type { PolicyConfig } from '../rules/schema.ts';
import type { WordStartPool } from './word-start-pool.ts';

/** 'unreadable' is an attachment or part the gateway could not read: it holds like a finding. */
export type Category = 'personal' | 'marking' | 'casework' | 'unreadable';

/** Why a match scored what it did, in the manner of Presidio's analysis explanation. */
export interface FindingExplanation {
  /** Name of the pattern (or method) that matched. */
  pattern: string;
  baseScore: number;
  /** Context word found near the match, if any raised the score. */
  contextWord?: string;
  /** Checksum or plausibility check result, where the recognizer has one. */
  validated?: boolean;
  /** Anything else worth telling an administrator, never the matched value. */
  note?: string;
}

/** A match inside one text, before it is tied to a message part. Offsets only, never the text. */
export interface Match {
  start: number;
  end: number;
  score: number;
  explanation: FindingExplanation;
  /**
   * Set by a recognizer that found the words but judged they are only talked about, not applied
   * (a marking named in running prose, a list of category names, a published resolution). Such a
   * finding is recorded and explained but never counts.
   */
  mention?: true;
}

export interface Finding extends Match {
  recognizer: string;
  category: Category;
  type: string;
  partId: string;
}

/** A stretch of a text: [start, end) offsets. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Per-recognizer settings from the rule files (see lib/rules/schema.ts). */
export interface RecognizerSettings {
  enabled: boolean;
  /** Matches scoring below this are dropped. */
  minScore: number;
  /** Words that raise confidence when near a match (case-insensitive, whole words or phrases). */
  context: string[];
  /** Words that, when near a match, drop it (e.g. "invoice" near a number). */
  negativeContext: string[];
  /** How many characters either side of a match are searched for context. */
  contextWindow: number;
  /** Recognizer-specific options (lists of phrases, formats …), validated by the recognizer. */
  options: Record<string, unknown>;
}

export interface Recognizer {
  readonly name: string;
  readonly type: string;
  readonly category: Category;
  /** One sentence for a councillor: why this kind of detail matters. */
  readonly why: string;
  /**
   * Finds matches in one text. Must run in time linear in text length. `blocks`, when given, are
   * the stretches of the text written as one piece (the message's segments: the sender's text, a
   * quoted reply); a recognizer that judges where on the page a match sits may use their edges.
   */
  find(text: string, blocks?: readonly TextSpan[]): Match[];
}

/**
 * What the rule set says beyond a recognizer's own settings: the policy's lists (internal domains,
 * how personal names are recognised), so that one list in the rule files serves detection and
 * decision alike.
 */
export interface RecognizerContext {
  policy: PolicyConfig;
  /** The detector's pool of word-start patterns, searched in one pass per text (word-start-pool.ts). */
  wordStarts?: WordStartPool;
}

/** Builds a recognizer from its settings; throws RuleError on bad options. */
export type RecognizerFactory = (settings: RecognizerSettings, context?: RecognizerContext) => Recognizer;
