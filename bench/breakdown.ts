// Where detect + decide time goes: each recognizer's find, then the policy's decide, in
// milliseconds per megabyte of text. Explains the throughput row; not a target of its own.
import { performance } from 'node:perf_hooks';
import type { Message } from '../lib/message/types.ts';
import type { Engine } from '../lib/pipeline/engine.ts';

const MB = 1024 * 1024;

/** Times each step twice and keeps the second, so that no step pays for compiling its code. */
export function breakdown(engine: Engine, messages: readonly Message[]): Array<[string, number]> {
  timeSteps(engine, messages);
  return timeSteps(engine, messages).sort((a, b) => b[1] - a[1]);
}

function timeSteps(engine: Engine, messages: readonly Message[]): Array<[string, number]> {
  const megabytes = messages.reduce((n, m) => n + m.sizeBytes, 0) / MB;
  const perMb = (ms: number): number => ms / megabytes;
  const rows: Array<[string, number]> = [];
  for (const recognizer of engine.detector.recognizers) {
    const t = performance.now();
    for (const message of messages) for (const part of message.parts) recognizer.find(part.text);
    rows.push([recognizer.name, perMb(performance.now() - t)]);
  }
  const findings = messages.map((m) => engine.detector.detect(m));
  const t = performance.now();
  messages.forEach((m, i) => engine.policy.decide(m, findings[i]!));
  rows.push(['policy decide', perMb(performance.now() - t)]);
  return rows;
}
