// What administrators export from real mail systems: mbox files, Maildir folders, numbered files
// with no extension, symbolic links. Every input is accounted for: scanned, skipped, or reported.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.ts';
import { splitMbox } from '../../lib/cli/mbox.ts';
import { simpleEml } from '../helpers/eml.ts';
import { bufferOutput } from '../helpers/output.ts';

const NINO_BODY = 'His National Insurance number is JG 10 37 85 A.';
const BENIGN_BODY = 'The ward walk is on Saturday at 10am.\nFrom the car park we go north.';
let dir: string;

function mboxOf(...bodies: string[]): string {
  return bodies.map((body, i) => `From cllr.jporter@rushcliffe.gov.uk Mon Nov 24 09:0${i}:00 2025\n${simpleEml({ body }).replace(/\r\n/g, '\n')}`).join('\n');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-inputs-'));
  writeFileSync(join(dir, 'export.mbox'), mboxOf(BENIGN_BODY, NINO_BODY, BENIGN_BODY));
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, 'Maildir', sub), { recursive: true });
  writeFileSync(join(dir, 'Maildir', 'cur', '1701000000.M1P2.host:2,S'), simpleEml({ body: NINO_BODY }));
  writeFileSync(join(dir, 'Maildir', 'new', '1701000001.M2P3.host'), simpleEml({ body: BENIGN_BODY }));
  writeFileSync(join(dir, 'Maildir', 'dovecot-uidlist'), '3 V1701000000 N2\n');
  mkdirSync(join(dir, 'linked'));
  symlinkSync(join(dir, 'Maildir'), join(dir, 'linked', 'maildir-link'));
  symlinkSync(join(dir, 'linked'), join(dir, 'linked', 'loop'));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', 'notes.txt'), 'just some notes');
});

describe('splitMbox', () => {
  it('splits at "From " lines that start a line, dropping them', () => {
    const parts = splitMbox(Buffer.from(mboxOf(BENIGN_BODY, NINO_BODY)));
    expect(parts).toHaveLength(2);
    expect(parts[0]!.toString()).toMatch(/^From: Cllr Jane Porter/);
    // "From the car park" inside a paragraph does not start a message: no blank line comes before it.
    expect(parts[0]!.toString()).toContain('From the car park');
    expect(parts[1]!.toString()).toContain('JG 10 37 85 A');
  });

  it('returns nothing for a file that is not an mbox', () => {
    expect(splitMbox(Buffer.from(simpleEml({ body: 'x' })))).toEqual([]);
  });
});

describe('gateway scan over exported mail', () => {
  it('scans each message of an mbox, named by its number', async () => {
    const out = bufferOutput();
    expect(await main(['scan', '--json', join(dir, 'export.mbox')], out)).toBe(0);
    const lines = out.out.map((l) => JSON.parse(l) as { file: string; decision: string });
    expect(lines.map((l) => [l.file.slice(dir.length + 1), l.decision])).toEqual([
      ['export.mbox#1', 'pass'],
      ['export.mbox#2', 'hold'],
      ['export.mbox#3', 'pass'],
    ]);
  });

  it('scans Maildir files without extensions, follows links once, and counts what it skipped', async () => {
    const out = bufferOutput();
    expect(await main(['scan', '--json', join(dir, 'linked')], out)).toBe(0);
    const files = out.out.map((l) => (JSON.parse(l) as { file: string }).file.slice(dir.length + 1));
    expect(files).toEqual(['linked/maildir-link/cur/1701000000.M1P2.host:2,S', 'linked/maildir-link/new/1701000001.M2P3.host']);
    expect(out.err.join('\n')).toMatch(/Scanned 2 input\(s\): 1 pass, 1 hold; skipped 1 file\(s\) that are not mail/);
  });

  it('calls a folder with nothing to scan an error, not a silent success', async () => {
    const out = bufferOutput();
    expect(await main(['scan', join(dir, 'empty')], out)).toBe(2);
    expect(out.err.join('\n')).toMatch(/nothing to scan in .*empty.*1 file\(s\) skipped/);
    expect(out.out).toEqual([]);
  });
});
