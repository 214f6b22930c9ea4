// Where detect + decide time goes: each recognizer's find, then the policy's decide, in
// milliseconds per megabyte of text. Explains the throughput row; not a target of its own.
import { performance } from 'node:perf_hooks';
import type { Message } from '../lib/message/types.ts';
import { digitClusters } from '../lib/detect/digit-clusters.ts';
import type { Engine } from '../lib/pipeline/engine.ts';

const MB = 1024 * 1024;
const SHARED_CLUSTERS = 'digit clusters (shared)';
const SHARED_WORDS = 'words and phrases (shared)';

/**
 * Times each step four times and keeps its best of the last three, so that no step pays for
 * compiling its code and a moment's load on the machine does not land on one step.
 */
export function breakdown(engine: Engine, messages: readonly Message[]): Array<[string, number]> {
  timeSteps(engine, messages);
  const best = new Map<string, number>();
  for (let run = 0; run < 3; run += 1) {
    for (const [name, ms] of timeSteps(engine, messages)) best.set(name, Math.min(best.get(name) ?? Infinity, ms));
  }
  return [...best].sort((a, b) => b[1] - a[1]);
}

function timeSteps(engine: Engine, messages: readonly Message[]): Array<[string, number]> {
  const megabytes = messages.reduce((n, m) => n + m.sizeBytes, 0) / MB;
  const ms = new Map<string, number>();
  const add = (name: string, t: number): void => void ms.set(name, (ms.get(name) ?? 0) + performance.now() - t);
  // Message by message, as detection runs: the digit clusters of a text are found once and shared
  // by every recognizer that reads them (digit-clusters.ts), and so are the recognizers' words and
  // phrases (word-start-pool.ts): each is a row of its own.
  for (const message of messages) {
    for (const part of message.parts) {
      let t = performance.now();
      digitClusters(part.text);
      add(SHARED_CLUSTERS, t);
      t = performance.now();
      engine.detector.wordStarts.search(part.text);
      add(SHARED_WORDS, t);
      for (const recognizer of engine.detector.recognizers) {
        t = performance.now();
        recognizer.find(part.text, part.segments);
        add(recognizer.name, t);
      }
    }
  }
  const findings = messages.map((m) => engine.detector.detect(m));
  const t = performance.now();
  messages.forEach((m, i) => engine.policy.decide(m, findings[i]!));
  add('policy decide', t);
  return [...ms].map(([name, total]) => [name, total / megabytes]);
}
