// What a marking recognizer made of a text: each match's words and whether it was judged applied
// ('use') or only talked about ('mention').
import type { Recognizer } from '../../../lib/detect/types.ts';

export type Verdict = [words: string, verdict: 'use' | 'mention'];

export function verdicts(recognizer: Recognizer, text: string): Verdict[] {
  return recognizer.find(text).map((m) => [text.slice(m.start, m.end), m.mention ? 'mention' : 'use']);
}

/** Some lines of ordinary prose, so a marking between them is in the middle of a text, not at its edge. */
export const PROSE_LINES = [
  'Thank you for coming to the meeting on Tuesday.',
  'The notes below are what we agreed.',
  'Officers will report back in the spring.',
  'The ward budget is unchanged.',
].join('\n');

/** `line` with ordinary prose above and below it. */
export function midText(line: string): string {
  return `${PROSE_LINES}\n\n${line}\n\n${PROSE_LINES}`;
}
