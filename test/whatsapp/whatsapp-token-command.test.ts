// `gateway whatsapp-token issue NAME | list | revoke NAME` on a real data folder, through the
// command line's entry point.
import { stat } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toolingTokensPath, readToolingTokens } from '../../lib/adapters/local/whatsapp-tooling-tokens.ts';
import { main } from '../../lib/cli/main.ts';
import { toolingTokenName } from '../../lib/whatsapp/tooling-tokens.ts';
import { newDataDir, removeDataDirs } from '../local/gateway-harness.ts';

afterEach(async () => {
  vi.unstubAllEnvs();
  await removeDataDirs();
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { print: (l) => stdout.push(l), error: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

describe('gateway whatsapp-token', () => {
  it('issues a token printed once on standard output alone, keeping only its hash in a private file', async () => {
    const dir = await newDataDir();
    vi.stubEnv('GATEWAY_DATA_DIR', dir);

    const issued = await run('whatsapp-token', 'issue', 'cllr-porter');

    expect(issued.code).toBe(0);
    expect(issued.stdout).toHaveLength(1);
    const token = issued.stdout[0]!;
    expect(issued.stderr.join('\n')).not.toContain(token);
    const tokens = await readToolingTokens(dir);
    expect(toolingTokenName(tokens, token)).toBe('cllr-porter');
    expect(((await stat(toolingTokensPath(dir))).mode & 0o777).toString(8)).toBe('600');
  });

  it('lists names and dates, and revokes one token leaving the others', async () => {
    const dir = await newDataDir();
    vi.stubEnv('GATEWAY_DATA_DIR', dir);
    expect((await run('whatsapp-token', 'list')).stderr).toEqual(['No WhatsApp tooling tokens have been issued.']);
    const porter = (await run('whatsapp-token', 'issue', 'cllr-porter')).stdout[0]!;
    const khan = (await run('whatsapp-token', 'issue', 'cllr-khan')).stdout[0]!;

    expect((await run('whatsapp-token', 'list')).stdout).toEqual([expect.stringMatching(/^cllr-porter\tissued 20\d\d-/), expect.stringMatching(/^cllr-khan\tissued 20\d\d-/)]);
    expect((await run('whatsapp-token', 'revoke', 'cllr-porter')).code).toBe(0);

    const tokens = await readToolingTokens(dir);
    expect(toolingTokenName(tokens, porter)).toBeUndefined();
    expect(toolingTokenName(tokens, khan)).toBe('cllr-khan');
  });

  it.each<[string, string[], number]>([
    ['a name issued already', ['issue', 'cllr-porter'], 1],
    ['revoking an unknown name', ['revoke', 'nobody'], 1],
    ['a name that is not a label', ['issue', 'Cllr Porter'], 1],
    ['no action', [], 64],
    ['issue without a name', ['issue'], 64],
    ['an unknown action', ['rotate', 'cllr-porter'], 64],
  ])('refuses %s (exit %i) and changes nothing', async (_name, args, code) => {
    const dir = await newDataDir();
    vi.stubEnv('GATEWAY_DATA_DIR', dir);
    await run('whatsapp-token', 'issue', 'cllr-porter');
    const before = await readToolingTokens(dir);
    const result = await run('whatsapp-token', ...args);
    expect(result.code).toBe(code);
    expect(result.stdout).toEqual([]);
    expect(await readToolingTokens(dir)).toEqual(before);
  });
});
