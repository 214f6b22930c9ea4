// Scanning email in worker threads (real threads, started from the TypeScript sources through tsx):
// the result that comes back across the thread boundary is the one scanning in process gives; a
// thread that runs out of memory holds its message as a processing error and the next message
// gets a new thread; a changed rule set reaches the next scan, and each result names the rules it
// was scanned with; closing refuses what waits and lets the process end.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEngine } from '../../lib/local/live-engine.ts';
import { EmailScanPool } from '../../lib/pipeline/email-scan-pool.ts';
import { createEngine, type Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail, type EmailEnvelope, type ScanResult } from '../../lib/pipeline/scan.ts';
import type { RuleSet } from '../../lib/rules/schema.ts';

const CORPUS = new URL('../fixtures/corpus/', import.meta.url);
const ENVELOPE: EmailEnvelope = { sender: 'cllr.test@rushcliffe.gov.uk', recipients: ['someone@example.org'] };
const NINO_LINE = 'Her National Insurance number is JG 10 37 85 A, please update the claim.';

let engine: Engine;
const pools: EmailScanPool[] = [];

beforeAll(async () => {
  engine = await loadEngine();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function pool(size: number): EmailScanPool {
  const opened = EmailScanPool.open({ size });
  if (!opened) throw new Error('the scanning worker module was not found beside email-scan-pool.ts');
  pools.push(opened);
  return opened;
}

function email(subject: string, body: string): Buffer {
  return Buffer.from(
    `From: Jane Porter <cllr.test@rushcliffe.gov.uk>\r\nTo: someone@example.org\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@rushcliffe.gov.uk>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );
}

const withoutTimings = ({ timings: _timings, ...rest }: ScanResult): Omit<ScanResult, 'timings'> => rest;

/** For each of the reasons' findings, where the very same object is among the decision's findings (-1: nowhere). */
const sharedFindings = (result: ScanResult): number[] => result.decision.reasons.flatMap((r) => r.findings.map((f) => result.decision.findings.indexOf(f)));

const changed = (change: (ruleSet: RuleSet) => RuleSet): Engine => createEngine(change(engine.ruleSet));

describe('scanning email in worker threads', () => {
  it('gives, for every message of the corpus, the result scanning in process gives', async () => {
    const files = readdirSync(CORPUS).filter((name) => name.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(40);
    const threads = pool(2);
    for (const file of files) {
      const raw = readFileSync(new URL(file, CORPUS));
      const [pooled, inProcess] = await Promise.all([threads.scan(engine, raw, ENVELOPE), scanEmail(engine, raw, ENVELOPE)]);
      // Message parts with their segments, findings with their explanations, the decision with its reasons.
      expect(withoutTimings(pooled), file).toEqual(withoutTimings(inProcess));
      expect(pooled.ruleSetVersion).toBe(engine.ruleSet.version);
      // Objects shared in process are shared after the crossing too (a reason's findings among the decision's).
      expect(sharedFindings(pooled), file).toEqual(sharedFindings(inProcess));
    }
  }, 120_000);

  it('holds a message whose thread runs out of memory as a processing error, and scans the next with a new thread', async () => {
    // 48 MB of heap starts a thread but cannot hold a 20 MB text body decoded and scanned.
    const small = changed((r) => ({ ...r, limits: { ...r.limits, extractMemoryMb: 48 } }));
    const threads = pool(1);
    const big = email('Meter readings', `${'The readings for the depot are recorded below for the committee.\n'.repeat(320_000)}${NINO_LINE}`);

    const failed = await threads.scan(small, big, ENVELOPE);
    expect(failed.error).toEqual({ name: 'ScanThreadError', message: 'the scanning thread needed more memory than the limit of 48 MB' });
    expect(failed.decision).toMatchObject({ action: 'hold', deliver: false, reasons: [{ rule: 'processing-error' }] });
    expect(failed.ruleSetVersion).toBe(small.ruleSet.version);
    // The error never quotes the message.
    expect(JSON.stringify(failed)).not.toContain('JG 10 37 85 A');

    const next = await threads.scan(small, email('Claim', NINO_LINE), ENVELOPE);
    expect(next.error).toBeUndefined();
    expect(next.decision).toMatchObject({ action: 'hold', reasons: [{ rule: 'strong-identifier' }] });
  }, 120_000);

  it('holds the message of a thread that fails before it answers (its engine cannot be built), and says only how it failed', async () => {
    // Only the rule set crosses to the thread; this one names a recognizer that does not exist.
    const broken: Engine = { ...engine, ruleSet: { ...engine.ruleSet, version: 'broken', recognizers: { ...engine.ruleSet.recognizers, 'no-such-recognizer': engine.ruleSet.recognizers['uk-nino']! } } };
    const threads = pool(1);
    const failed = await threads.scan(broken, email('Claim', NINO_LINE), ENVELOPE);
    expect(failed.error).toEqual({ name: 'ScanThreadError', message: 'the scanning thread failed (RuleError)' });
    expect(failed.decision).toMatchObject({ action: 'hold', deliver: false, reasons: [{ rule: 'processing-error' }] });
    expect(failed.ruleSetVersion).toBe('broken');
    // The next message, with rules a thread can build, is scanned by a new thread.
    const next = await threads.scan(engine, email('Agenda', 'The agenda for Thursday is attached.'), ENVELOPE);
    expect(next).toMatchObject({ decision: { action: 'pass' }, ruleSetVersion: engine.ruleSet.version });
  }, 60_000);

  it('scans with the rules in force when a thread takes the message up, and names them in the result', async () => {
    const audit = changed((r) => ({ ...r, version: `${r.version}-audit`, policy: { ...r.policy, mode: 'audit' } }));
    const live = new LiveEngine(engine);
    const threads = pool(1);
    // The first message has the only thread; the second waits, and the rules change meanwhile.
    const first = threads.scan(live, email('Claim one', NINO_LINE), ENVELOPE);
    const second = threads.scan(live, email('Claim two', NINO_LINE), ENVELOPE);
    live.replace(audit);
    const third = threads.scan(live, email('Claim three', NINO_LINE), ENVELOPE);

    const results = await Promise.all([first, second, third]);
    expect(results.map((r) => [r.ruleSetVersion, r.decision.mode, r.decision.deliver])).toEqual([
      [engine.ruleSet.version, 'enforce', false],
      [audit.ruleSet.version, 'audit', true],
      [audit.ruleSet.version, 'audit', true],
    ]);
  }, 120_000);

  it('ends threads started ahead with other rules when a message comes with new ones', async () => {
    const audit = changed((r) => ({ ...r, version: `${r.version}-audit`, policy: { ...r.policy, mode: 'audit' } }));
    const threads = pool(2);
    threads.warm(engine.ruleSet);
    const [before, after] = [await threads.scan(engine, email('Claim', NINO_LINE), ENVELOPE), await threads.scan(audit, email('Claim again', NINO_LINE), ENVELOPE)];
    expect([before, after].map((r) => [r.ruleSetVersion, r.decision.mode])).toEqual([
      [engine.ruleSet.version, 'enforce'],
      [audit.ruleSet.version, 'audit'],
    ]);
  }, 60_000);

  it('answers every message of a queue longer than its threads, each with its own result', async () => {
    const threads = pool(2);
    const texts = ['Nothing personal here.', NINO_LINE, 'The agenda for Thursday is attached.', `Call me. ${NINO_LINE}`, 'Thanks for coming.'];
    const results = await Promise.all(texts.map((text, i) => threads.scan(engine, email(`Note ${i}`, text), ENVELOPE)));
    expect(results.map((r) => r.decision.action)).toEqual(['pass', 'hold', 'pass', 'hold', 'pass']);
    expect(results.map((r) => r.message?.subject)).toEqual(texts.map((_, i) => `Note ${i}`));
  }, 120_000);

  it('refuses, once closed, the messages waiting and any new one, so that they stay in the intake', async () => {
    const threads = pool(1);
    // The first has the thread, the second waits for it.
    const outcomes = Promise.allSettled([threads.scan(engine, email('First', NINO_LINE), ENVELOPE), threads.scan(engine, email('Second', NINO_LINE), ENVELOPE)]);
    await threads.close();
    const [running, waiting] = await outcomes;
    expect(running).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/stopping/) } });
    expect(waiting).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/stopping/) } });
    await expect(threads.scan(engine, email('Third', NINO_LINE), ENVELOPE)).rejects.toThrow(/stays to be processed at the next start/);
  }, 60_000);
});
