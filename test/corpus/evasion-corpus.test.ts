// The evasion corpus (test/fixtures/evasion/, see its README): ways of writing a resident's
// identifier, a casework reference or a marking that a recipient still reads, each sent through
// the real pipeline as a councillor's mail to an outside address, and ordinary text written with
// the same separators, scripts and invisible characters that must pass. Cases another part of the
// gateway has still to catch are marked knownGap and reported without failing.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { scanEmail } from '../../lib/pipeline/scan.ts';
import { simpleEml } from '../helpers/eml.ts';

interface EvasionCase {
  id: string;
  technique: string;
  /** The body of a plain-text message; or `mime`, a whole raw message. */
  text?: string;
  subject?: string;
  mime?: string;
  expect: 'hold' | 'pass';
  /** The finding type that must hold it. */
  type?: string;
  /** Another part of the gateway owns the technique. */
  owner?: string;
  /** Not caught yet: reported, not failed (the corpus README says why). */
  knownGap?: boolean;
}

const DIR = new URL('../fixtures/evasion/', import.meta.url).pathname;
const cases: EvasionCase[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as EvasionCase[]);

function raw(c: EvasionCase): Buffer {
  if (c.mime !== undefined) return Buffer.from(c.mime, 'utf8');
  return Buffer.from(simpleEml({ body: c.text ?? '', ...(c.subject !== undefined ? { subject: c.subject } : {}) }), 'utf8');
}

interface Outcome {
  held: boolean;
  types: string[];
}

describe('evasion corpus', () => {
  let engine: Engine;
  const outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    engine = await loadEngine();
    for (const c of cases) {
      const result = await scanEmail(engine, raw(c));
      expect(result.error, c.id).toBeUndefined();
      outcomes.set(c.id, {
        held: result.decision.action === 'hold',
        types: result.decision.reasons.flatMap((r) => r.findings.map((f) => f.type)),
      });
    }
    // Four hundred messages through the whole pipeline: seconds alone, longer beside other suites.
  }, 180_000);

  it('has at least 200 cases, each with a unique id', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('holds at least 9 in 10 of its own hold cases (known gaps count as misses)', () => {
    const own = cases.filter((c) => c.expect === 'hold' && c.owner === undefined);
    const held = own.filter((c) => outcomes.get(c.id)?.held);
    const missed = own.filter((c) => !outcomes.get(c.id)?.held).map((c) => c.id);
    console.info(`evasion corpus: ${held.length} of ${own.length} own cases held (${((100 * held.length) / own.length).toFixed(1)} %); missed: ${missed.join(', ') || 'none'}`);
    expect(held.length / own.length).toBeGreaterThanOrEqual(0.9);
  });

  it('reports the cases the HTML, header and attachment readers own, and keeps knownGap for those still missed', () => {
    const others = cases.filter((c) => c.owner !== undefined);
    const held = others.filter((c) => outcomes.get(c.id)?.held).map((c) => c.id);
    console.info(`evasion corpus: ${held.length} of ${others.length} cases owned by the readers held`);
    // A gap that now holds must lose its mark, so that it is tested like every other case.
    for (const c of others.filter((o) => o.knownGap)) expect(outcomes.get(c.id)?.held, `${c.id}: holds now, so it is no longer a known gap`).toBe(false);
  });

  it.each(cases.filter((c) => !c.knownGap).map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const outcome = outcomes.get(c.id)!;
    if (c.expect === 'pass') {
      expect(outcome, `${c.technique}: ordinary text must pass`).toMatchObject({ held: false });
      return;
    }
    expect(outcome.held, `${c.technique}: must hold`).toBe(true);
    if (c.type) expect(outcome.types, `${c.technique}: held for ${c.type}`).toContain(c.type);
  });
});
