// Builds the configured recognizers once per rule set and runs them over every part of a message.
import { RuleError } from '../errors.ts';
import type { Message } from '../message/types.ts';
import type { RuleSet } from '../rules/schema.ts';
import { foldText, foldedSpans } from './folded-text.ts';
import { RECOGNIZER_FACTORIES } from './registry.ts';
import type { Finding, Recognizer } from './types.ts';
import { WordStartPool } from './word-start-pool.ts';

export interface Detector {
  readonly recognizers: readonly Recognizer[];
  /** The recognizers' words and phrases, searched in one pass per text (word-start-pool.ts). */
  readonly wordStarts: WordStartPool;
  detect(message: Message): Finding[];
}

/** Unreadable parts are findings of their own: the gateway cannot vouch for what they contain. */
function unreadableFindings(message: Message): Finding[] {
  return message.unreadable.map((u) => ({
    recognizer: 'attachment-reader',
    category: 'unreadable',
    type: 'unreadable-attachment',
    partId: u.partId,
    start: 0,
    end: 0,
    score: 1,
    explanation: { pattern: u.reason, baseScore: 1, note: u.detail },
  }));
}

export function createDetector(ruleSet: RuleSet): Detector {
  const recognizers: Recognizer[] = [];
  const wordStarts = new WordStartPool();
  const context = { policy: ruleSet.policy, wordStarts };
  for (const [type, raw] of Object.entries(ruleSet.recognizers)) {
    const factory = RECOGNIZER_FACTORIES[type];
    if (!factory) {
      throw new RuleError(`recognizers.${type}: no such recognizer (known: ${Object.keys(RECOGNIZER_FACTORIES).join(', ')})`);
    }
    if (!raw.enabled) continue;
    const { examples: _examples, ...settings } = raw;
    try {
      recognizers.push(factory(settings, context));
    } catch (error) {
      if (error instanceof RuleError) throw error;
      throw new RuleError(`recognizers.${type}: ${(error as Error).message}`, {}, { cause: error });
    }
  }

  return {
    recognizers,
    wordStarts,
    detect(message: Message): Finding[] {
      const findings: Finding[] = [];
      for (const part of message.parts) {
        // Every recognizer reads the folded text (see folded-text.ts); findings point back into
        // the part's own text, where masking and explanations read them.
        const folded = foldText(part.text);
        const segments = foldedSpans(folded, part.segments);
        for (const recognizer of recognizers) {
          for (const match of recognizer.find(folded.text, segments)) {
            const { start, end } = folded.toOriginal(match.start, match.end);
            // Written out rather than spread: a megabyte yields thousands of findings, and V8
            // copies a spread object several times slower than it builds a literal.
            const finding: Finding = {
              start,
              end,
              score: match.score,
              explanation: match.explanation,
              recognizer: recognizer.name,
              category: recognizer.category,
              type: recognizer.type,
              partId: part.id,
            };
            if (match.mention) finding.mention = true;
            findings.push(finding);
          }
        }
      }
      for (const finding of unreadableFindings(message)) findings.push(finding);
      return findings;
    },
  };
}
