// Where detect + decide time goes: each recognizer's find, then the policy's decide, in
// milliseconds per megabyte of text. Explains the throughput row; not a target of its own.
import { performance } from 'node:perf_hooks';
import type { Message } from '../lib/message/types.ts';
import type { Engine } from '../lib/pipeline/engine.ts';

const MB = 1024 * 1024;

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
  const perMb = (ms: number): number => ms / megabytes;
  const rows: Array<[string, number]> = [];
  for (const recognizer of engine.detector.recognizers) {
    const t = performance.now();
    for (const message of messages) for (const part of message.parts) recognizer.find(part.text, part.segments);
    rows.push([recognizer.name, perMb(performance.now() - t)]);
  }
  const findings = messages.map((m) => engine.detector.detect(m));
  const t = performance.now();
  messages.forEach((m, i) => engine.policy.decide(m, findings[i]!));
  rows.push(['policy decide', perMb(performance.now() - t)]);
  return rows;
}
