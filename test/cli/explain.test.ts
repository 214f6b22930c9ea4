// `gateway scan --explain`: an administrator answers "why did this pass?" from the CLI alone.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.ts';
import { simpleEml } from '../helpers/eml.ts';
import { bufferOutput } from '../helpers/output.ts';

const NINO = 'JG 10 37 85 A';
const PHONE = '0115 496 0123';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-explain-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'mixed.eml'),
    simpleEml({ body: `His National Insurance number is ${NINO}.\n\nThe library opens at nine; ring ${PHONE} for the room.\n\nKind regards\nJane Porter\n07700 900461` }),
  );
  writeFileSync(join(dir, 'lone-phone.eml'), simpleEml({ body: `The library opens at nine; ring ${PHONE} for the room.` }));
});

describe('gateway scan --explain', () => {
  it('lists every finding with its verdict: the rule it counted towards, or why not', async () => {
    const out = bufferOutput();
    expect(await main(['scan', '--explain', join(dir, 'mixed.eml')], out)).toBe(0);
    const text = out.out.join('\n');
    expect(text).toMatch(/: HOLD/);
    expect(text).toMatch(/uk-nino: a National Insurance number in the message body: JG •• •• •• A\n\s+COUNTED → strong-identifier/);
    expect(text).toMatch(/phone-number: .*\n\s+not counted: no rule holds a message for this alone/);
    expect(text).toMatch(/phone-number: .*\n\s+not counted: in the sender's own signature/);
    expect(text).toMatch(/Findings \(3, 1 counted\)/);
    expect(text).toMatch(/pattern nino; context "national insurance number"/);
    for (const value of [NINO, '103785', PHONE, '4960123', '900461']) expect(text).not.toContain(value);
  });

  it('answers why a message passed', async () => {
    const out = bufferOutput();
    await main(['scan', '--explain', join(dir, 'lone-phone.eml')], out);
    expect(out.out.join('\n')).toMatch(/: PASS\n\s+Findings \(1, 0 counted\):[\s\S]*not counted: no rule holds a message for this alone/);
  });

  it('puts each finding’s verdict in the JSON line, and how it was found with --explain', async () => {
    const plain = bufferOutput();
    await main(['scan', '--json', join(dir, 'mixed.eml')], plain);
    const findings = (JSON.parse(plain.out[0]!) as { findings: Record<string, unknown>[] }).findings;
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'uk-nino', counted: true, rules: ['strong-identifier'] }),
        expect.objectContaining({ type: 'phone-number', counted: false, notCounted: 'sender-signature', why: "in the sender's own signature" }),
        expect.objectContaining({ type: 'phone-number', counted: false, notCounted: 'no-rule' }),
      ]),
    );
    expect(findings.every((f) => !('found' in f))).toBe(true);
    const explained = bufferOutput();
    await main(['scan', '--json', '--explain', join(dir, 'mixed.eml')], explained);
    const detailed = (JSON.parse(explained.out[0]!) as { findings: Record<string, unknown>[] }).findings;
    expect(detailed.find((f) => f['type'] === 'uk-nino')).toMatchObject({ found: expect.stringMatching(/^score 1\.00; pattern /) });
    expect(explained.out.join('\n')).not.toContain('103785');
  });
});
