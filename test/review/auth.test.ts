import { describe, expect, it } from 'vitest';
import { authoriseBearer, authoriseClaims, groupsOf } from '../../lib/review/auth.ts';

const TOKEN = 'local-review-token-0123456789';

describe('groupsOf', () => {
  it.each([
    ['API Gateway flattened array', '[information-governance councillors]', ['information-governance', 'councillors']],
    ['one group in brackets', '[information-governance]', ['information-governance']],
    ['a JSON array string', '["information-governance","it"]', ['information-governance', 'it']],
    ['a native array', ['information-governance'], ['information-governance']],
    ['comma-separated', 'it,information-governance', ['it', 'information-governance']],
    ['a single group', 'information-governance', ['information-governance']],
  ])('reads %s', (_name, claim, expected) => {
    expect(groupsOf(claim)).toEqual(expected);
  });

  it.each([
    ['absent', undefined],
    ['a number', 7],
    ['empty brackets', '[]'],
    ['empty', ''],
  ])('finds no group when the claim is %s', (_name, claim) => {
    expect(groupsOf(claim)).toEqual([]);
  });
});

describe('authoriseClaims', () => {
  const officer = { sub: 'abc', email: 'ig@rushcliffe.gov.uk', 'cognito:groups': '[information-governance]' };

  it.each([
    ['an officer in the group, named by email', officer, 'ig@rushcliffe.gov.uk'],
    ['an officer with no email, named by user name', { sub: 'abc', 'cognito:username': 'ig.officer', 'cognito:groups': ['information-governance'] }, 'ig.officer'],
    ['an officer with only a subject', { sub: 'abc', 'cognito:groups': 'information-governance' }, 'abc'],
  ])('lets in %s', (_name, claims, reviewer) => {
    expect(authoriseClaims(claims)).toEqual({ ok: true, reviewer: { id: reviewer } });
  });

  it.each([
    ['no claims (no authorizer)', undefined, 401],
    ['claims without a subject', { 'cognito:groups': '[information-governance]' }, 401],
    ['a user in another group', { ...officer, 'cognito:groups': '[councillors]' }, 403],
    ['a user in no group', { sub: 'abc' }, 403],
    ['a group name that only contains the right one', { ...officer, 'cognito:groups': '[information-governance-readers]' }, 403],
  ])('refuses %s', (_name, claims, status) => {
    expect(authoriseClaims(claims)).toMatchObject({ ok: false, status });
  });
});

describe('authoriseBearer', () => {
  it.each([
    ['the right token', `Bearer ${TOKEN}`, true],
    ['the right token with spaces around', `  Bearer ${TOKEN} `, true],
    ['no header', undefined, false],
    ['a wrong token', 'Bearer not-the-token-at-all-000', false],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, false],
    ['another scheme', `Basic ${TOKEN}`, false],
    ['the token without a scheme', TOKEN, false],
  ])('%s', (_name, header, ok) => {
    const result = authoriseBearer(header, TOKEN);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.status).toBe(401);
  });
});
