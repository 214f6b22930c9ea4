// Gateway-issued tokens for councillors' WhatsApp tooling: issued at random and shown once, kept
// only as SHA-256 hashes, compared in constant time, revocable one by one, and recorded by name
// with every decision. Meta's access token is never accepted from tooling.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.ts';
import { jsonLogger } from '../../lib/log.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { loadEngine } from '../../lib/pipeline/load-engine.ts';
import { handleSend } from '../../lib/whatsapp/send-proxy.ts';
import {
  issueToolingToken,
  parseToolingTokens,
  revokeToolingToken,
  serialiseToolingTokens,
  TokenListError,
  TOOLING_TOKEN_PREFIX,
  toolingTokenName,
  type ToolingToken,
} from '../../lib/whatsapp/tooling-tokens.ts';
import { NINO_TEXT, request, SAMPLE, SAMPLE_TOOLING_TOKENS, sendDeps } from './helpers.ts';

const NOW = new Date('2026-12-03T10:00:00Z');

describe('tooling token list', () => {
  it('issues a random 256-bit token and keeps only its SHA-256', () => {
    const { token, tokens } = issueToolingToken([], 'cllr-porter', NOW);
    expect(token).toMatch(new RegExp(`^${TOOLING_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(tokens).toEqual([{ name: 'cllr-porter', sha256: createHash('sha256').update(token).digest('hex'), issuedAt: NOW.toISOString() }]);
    expect(serialiseToolingTokens(tokens)).not.toContain(token.slice(TOOLING_TOKEN_PREFIX.length));
    expect(issueToolingToken([], 'cllr-porter', NOW).token).not.toBe(token);
  });

  it('finds the token\'s name, and nothing for a wrong, shortened or empty token', () => {
    const first = issueToolingToken([], 'cllr-porter', NOW);
    const second = issueToolingToken(first.tokens, 'cllr-khan', NOW);
    expect(toolingTokenName(second.tokens, first.token)).toBe('cllr-porter');
    expect(toolingTokenName(second.tokens, second.token)).toBe('cllr-khan');
    for (const wrong of [first.token.slice(0, -1), `${first.token}x`, '', SAMPLE.accessToken]) expect(toolingTokenName(second.tokens, wrong)).toBeUndefined();
  });

  it('revokes one token by name, leaving the others', () => {
    const first = issueToolingToken([], 'cllr-porter', NOW);
    const second = issueToolingToken(first.tokens, 'cllr-khan', NOW);
    const left = revokeToolingToken(second.tokens, 'cllr-porter');
    expect(toolingTokenName(left, first.token)).toBeUndefined();
    expect(toolingTokenName(left, second.token)).toBe('cllr-khan');
  });

  it.each<[string, () => unknown]>([
    ['a name used already', () => issueToolingToken(SAMPLE_TOOLING_TOKENS, SAMPLE.toolingName, NOW)],
    ['a name with spaces', () => issueToolingToken([], 'Cllr Porter', NOW)],
    ['an empty name', () => issueToolingToken([], '', NOW)],
    ['revoking a name not issued', () => revokeToolingToken(SAMPLE_TOOLING_TOKENS, 'nobody')],
  ])('refuses %s', (_name, act) => {
    expect(act).toThrow(TokenListError);
  });

  it('reads back what it writes, and a list with the stack\'s placeholder key', () => {
    const { tokens } = issueToolingToken([], 'cllr-porter', NOW);
    expect(parseToolingTokens(serialiseToolingTokens(tokens), 'tokens.json')).toEqual(tokens);
    expect(parseToolingTokens('{"tokens":[],"placeholder":"x"}', 'secret')).toEqual([]);
  });

  it.each<[string, string]>([
    ['not JSON', 'wagw_abc'],
    ['a token instead of a hash', `{"tokens":[{"name":"a","sha256":"${SAMPLE.toolingToken}","issuedAt":"2026-12-03T10:00:00Z"}]}`],
    ['two entries with one name', `{"tokens":[${JSON.stringify(SAMPLE_TOOLING_TOKENS[0])},${JSON.stringify(SAMPLE_TOOLING_TOKENS[0])}]}`],
    ['no list', '{}'],
  ])('refuses a list that is %s, naming the source and quoting no value', (_name, text) => {
    let error: unknown;
    try {
      parseToolingTokens(text, 'whatsapp-tooling-tokens.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('whatsapp-tooling-tokens.json');
    expect((error as Error).message).not.toContain('wagw_');
  });
});

describe('send proxy with tooling tokens', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await loadEngine();
  });

  const TARGET = { version: 'v23.0', phoneNumberId: SAMPLE.phoneNumberId };
  const text = (body: string): string => JSON.stringify({ messaging_product: 'whatsapp', to: SAMPLE.resident, type: 'text', text: { body } });

  it('records the token\'s name, never the token, with a forwarded and a held message, and logs neither token', async () => {
    const { deps, decisions, notifier, graph } = sendDeps(engine);
    const lines: string[] = [];
    deps.log = jsonLogger((line) => lines.push(line));
    const auth = { authorization: `Bearer ${SAMPLE.toolingToken}` };

    expect((await handleSend(deps, TARGET, request({ body: text('See you on Friday'), headers: auth }))).status).toBe(200);
    expect((await handleSend(deps, TARGET, request({ body: text(NINO_TEXT), headers: auth }))).status).toBe(403);

    expect(decisions.records).toMatchObject([{ decision: 'pass', tooling: SAMPLE.toolingName }, { decision: 'hold', tooling: SAMPLE.toolingName }]);
    const everything = JSON.stringify([decisions.records, notifier.notices, lines]);
    expect(everything).toContain(SAMPLE.toolingName);
    expect(everything).not.toContain(SAMPLE.toolingToken);
    expect(everything).not.toContain(SAMPLE.accessToken);
    expect(lines.filter((l) => l.includes('message decided')).every((l) => l.includes(`"tooling":"${SAMPLE.toolingName}"`))).toBe(true);
    expect(graph.sent).toHaveLength(1);
  });

  it.each<[string, readonly ToolingToken[]]>([
    ['once its token is revoked', revokeToolingToken([...SAMPLE_TOOLING_TOKENS, ...issueToolingToken([], 'cllr-khan', NOW).tokens], SAMPLE.toolingName)],
    ['when no token has been issued', []],
    ['when only another councillor\'s token is listed', issueToolingToken([], 'cllr-khan', NOW).tokens],
  ])('refuses the tooling %s (401, code 190) and records nothing', async (_name, tokens) => {
    const { deps, decisions, graph } = sendDeps(engine, undefined, tokens);
    const response = await handleSend(deps, TARGET, request({ body: text('Hello'), headers: { authorization: `Bearer ${SAMPLE.toolingToken}` } }));
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body.toString())).toMatchObject({ error: { code: 190, type: 'OAuthException' } });
    expect(graph.sent).toHaveLength(0);
    expect(decisions.records).toHaveLength(0);
  });
});
