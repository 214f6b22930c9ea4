// `gateway scan` as an administrator uses it: real files, real rule folders, the contract's output.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.ts';
import { simpleEml } from '../helpers/eml.ts';
import { bufferOutput } from '../helpers/output.ts';
import { RULES_DIR } from '../helpers/recognizer-settings.ts';

const NINO = 'JG 10 37 85 A';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-scan-'));
  mkdirSync(join(dir, 'mail', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'mail', 'benign.eml'), simpleEml({ body: 'The ward walk is on Saturday at 10am.' }));
  writeFileSync(join(dir, 'mail', 'nested', 'nino.eml'), simpleEml({ body: `His National Insurance number is ${NINO}.` }));
  writeFileSync(join(dir, 'mail', 'notes.txt'), 'not scanned in folders');
  writeFileSync(join(dir, 'send.json'), JSON.stringify({ messaging_product: 'whatsapp', to: '447700900123', type: 'text', text: { body: `NI number ${NINO}` } }));
  writeFileSync(join(dir, 'broken.json'), '{"messaging_product": ');
});

describe('gateway scan', () => {
  it('prints one contract-shaped JSON line per file, walking folders', async () => {
    const out = bufferOutput();
    const code = await main(['scan', '--json', join(dir, 'mail'), join(dir, 'send.json')], out);
    expect(code).toBe(0);
    const lines = out.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['file'], l['channel'], l['decision']])).toEqual([
      [join(dir, 'mail', 'benign.eml'), 'email', 'pass'],
      [join(dir, 'mail', 'nested', 'nino.eml'), 'email', 'hold'],
      [join(dir, 'send.json'), 'whatsapp', 'hold'],
    ]);
    for (const line of lines) expect(Object.keys(line).sort()).toEqual(['channel', 'decision', 'file', 'findings', 'reasons']);
    expect(lines[1]!['reasons']).toEqual([expect.objectContaining({ rule: 'strong-identifier', category: 'personal', type: 'uk-nino', explanation: expect.any(String) })]);
    expect(lines[1]!['findings']).toEqual(expect.arrayContaining([{ category: 'personal', type: 'uk-nino', location: 'the message body', score: expect.any(Number), counted: true, rules: ['strong-identifier'] }]));
    expect(lines[0]!['reasons']).toEqual([]);
  });

  it('reports a hold readably, with the value masked and never in clear', async () => {
    const out = bufferOutput();
    await main(['scan', join(dir, 'mail', 'nested', 'nino.eml')], out);
    const text = out.out.join('\n');
    expect(text).toContain('HOLD');
    expect(text).toContain('a National Insurance number in the message body: JG •• •• •• A');
    expect(text).toContain('Why: ');
    expect(text).not.toContain(NINO);
    expect(text).not.toContain('103785');
  });

  it('reports unreadable input on stderr and as the hold the gateway would decide, scans the rest and exits non-zero', async () => {
    const out = bufferOutput();
    const code = await main(['scan', '--json', join(dir, 'broken.json'), join(dir, 'missing.eml'), join(dir, 'mail', 'benign.eml')], out);
    expect(code).toBe(2);
    expect(out.err.join('\n')).toMatch(/broken\.json: not a WhatsApp send body: the file is not valid JSON/);
    expect(out.err.join('\n')).toMatch(/missing\.eml: no such file or folder/);
    const lines = out.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      file: join(dir, 'broken.json'),
      decision: 'hold',
      reasons: [expect.objectContaining({ rule: 'processing-error' })],
      error: 'not a WhatsApp send body: the file is not valid JSON',
    });
    expect(lines[1]).toMatchObject({ decision: 'pass' });
  });

  it('summarises a folder by decision and by rule', async () => {
    const out = bufferOutput();
    await main(['scan', '--summary', '--json', join(dir, 'mail')], out);
    expect(JSON.parse(out.out[0]!)).toEqual({
      summary: { decisions: { pass: 1, hold: 1 }, rules: { 'strong-identifier': 1 }, types: { 'uk-nino': 1 }, unreadableInputs: 0, skippedFiles: 1 },
    });
    const text = bufferOutput();
    await main(['scan', '--summary', join(dir, 'mail')], text);
    expect(text.out.join('\n')).toMatch(/Scanned 2 input\(s\): 1 pass, 1 hold; skipped 1 file\(s\) that are not mail[\s\S]*strong-identifier\s+1/);
  });

  it('uses a rule folder given with --rules, local overrides included', async () => {
    const rules = join(dir, 'rules-audit');
    cpSync(RULES_DIR, rules, { recursive: true });
    mkdirSync(join(rules, 'local'), { recursive: true });
    writeFileSync(join(rules, 'local', 'council.yaml'), 'policy:\n  internalDomains: [rushcliffe.gov.uk, example.org]\n');
    const out = bufferOutput();
    await main(['scan', '--json', '--rules', rules, join(dir, 'mail', 'nested', 'nino.eml')], out);
    expect(JSON.parse(out.out[0]!)).toMatchObject({ decision: 'pass' });
  });

  it('fails with the file and line when the rules are invalid', async () => {
    const rules = join(dir, 'rules-bad');
    cpSync(RULES_DIR, rules, { recursive: true });
    mkdirSync(join(rules, 'local'), { recursive: true });
    writeFileSync(join(rules, 'local', 'council.yaml'), 'policy:\n  mode: enforced\n');
    const out = bufferOutput();
    expect(await main(['scan', '--rules', rules, join(dir, 'mail')], out)).toBe(1);
    expect(out.err.join('\n')).toMatch(/council\.yaml:2: .*policy\.mode/);
  });

  it('runs as the installed bin', async () => {
    const bin = new URL('../../bin/gateway.js', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'scan', '--json', join(dir, 'mail', 'benign.eml')]);
    expect(JSON.parse(stdout)).toMatchObject({ decision: 'pass', channel: 'email' });
  });

  // The bundle carries the charset readers mailparser needs (scripts/build.js merges and trims what
  // it bundles): a message in each double-byte charset family is decoded, not failed.
  it.each([
    ['Shift_JIS', '9364986294d48d8682cd203037373030203930303436312082c582b78142'], // 電話番号は 07700 900461 です。
    ['Big5', 'b971b8dcb8b9bd58ac4f20303737303020393030343631a143'], // 電話號碼是 07700 900461。
    ['EUC-KR', 'c0fcc8adb9f8c8a3b4c22030373730302039303034363120c0d4b4cfb4d92e'], // 전화번호는 07700 900461 입니다.
    ['GB2312', 'b5e7bbb0bac5c2ebcac72030373730302039303034363120a1a3'], // 电话号码是 07700 900461 。
  ])('as the installed bin, reads a message written in %s', async (charset, body) => {
    const bin = new URL('../../bin/gateway.js', import.meta.url).pathname;
    const file = join(dir, `cjk-${charset}.eml`);
    const header = `From: Cllr Test <cllr.test@rushcliffe.gov.uk>\r\nTo: someone@example.org\r\nSubject: Contact\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`;
    writeFileSync(file, Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(body, 'hex'), Buffer.from('\r\n')]));
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'scan', '--json', file]);
    const line = JSON.parse(stdout) as { reasons: Array<{ rule: string }>; findings: Array<{ type: string }> };
    expect(line.reasons.map((r) => r.rule)).not.toContain('processing-error');
    expect(line.findings.map((f) => f.type)).toContain('phone-number');
  });
});

describe('gateway rules', () => {
  it('validates the shipped rules and prints the version', async () => {
    const out = bufferOutput();
    expect(await main(['rules', 'validate'], out)).toBe(0);
    expect(out.out[0]).toMatch(/^Rule set valid \(version [0-9a-f]{12}\)/);
  });

  it('runs every example in the shipped rules, and they all pass', async () => {
    const out = bufferOutput();
    const code = await main(['rules', 'test'], out);
    expect(out.out.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(code).toBe(0);
    expect(out.out.at(-1)).toMatch(/^[1-9]\d* passed, 0 failed$/);
  });

  it('reports a failing example by its file, line, rule and its own words', async () => {
    const rules = join(dir, 'rules-example');
    cpSync(RULES_DIR, rules, { recursive: true });
    mkdirSync(join(rules, 'local'), { recursive: true });
    writeFileSync(
      join(rules, 'local', 'examples.yaml'),
      'policy:\n  rules:\n    - id: marking\n      examples:\n        hold: ["Nothing sensitive here at all."]\n',
    );
    const out = bufferOutput();
    expect(await main(['rules', 'test', '--rules', rules], out)).toBe(1);
    expect(out.out).toContain(`FAIL ${join(rules, 'local', 'examples.yaml')}:5: policy.rules.marking: hold example "Nothing sensitive here at all." — decision pass; rules: none`);
  });

  it('explains usage for an unknown command', async () => {
    const out = bufferOutput();
    expect(await main(['frobnicate'], out)).toBe(64);
    expect(out.err.join('\n')).toContain('Usage:');
  });
});
