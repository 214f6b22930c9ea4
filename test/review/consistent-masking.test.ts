// The detail view says one thing about what was found, and hides everything personal alike: a
// real message through MIME, the shipped rules, and the review side's views of the result.
import { beforeAll, describe, expect, it } from 'vitest';
import { createNameFinder, policyNameOptions } from '../../lib/detect/person-names.ts';
import type { Engine } from '../../lib/pipeline/engine.ts';
import { scanEmail, type ScanResult } from '../../lib/pipeline/scan.ts';
import type { HeldFinding } from '../../lib/ports/held-items.ts';
import { findingViews, reasonViews, summarise } from '../../lib/review/explain.ts';
import { maskName } from '../../lib/review/masking.ts';
import { messageView } from '../../lib/review/message-view.ts';
import { simpleEml } from '../helpers/eml.ts';
import { engineWith } from '../local/gateway-harness.ts';

const SENDER = 'cllr.jporter@rushcliffe.gov.uk';
const BODY = 'Could you help Mrs Edith Clarke, who has dementia? She lives at 14 Acacia Avenue, West Bridgford NG2 5FB and her number is 07700 900123.';
const IN_CLEAR = ['Edith', 'Clarke', 'dementia', 'Acacia', '5FB', '900123'];

let engine: Engine;
let result: ScanResult;
let findings: HeldFinding[];

beforeAll(async () => {
  engine = await engineWith();
  result = await scanEmail(engine, Buffer.from(simpleEml({ subject: 'Help for a resident', body: BODY })), { sender: SENDER, recipients: ['editor@example.org'] });
  findings = result.decision.findings.map(({ type, category, partId, start, end, score, notCounted }) => ({ type, category, partId, start, end, score, ...(notCounted ? { notCounted } : {}) }));
});

describe('the detail view of a held contact profile', () => {
  it('is held, with the special-category word found beside the address', () => {
    expect(result.decision.action).toBe('hold');
    expect(findings.map((f) => f.type).sort()).toEqual(['phone-number', 'postal-address', 'special-category']);
  });

  it('names in the rule line everything the headline names', () => {
    const stored = result.decision.reasons.map(({ rule, category, type, explanation, findings: counted }) => ({ rule, category, type, types: [...new Set(counted.map((f) => f.type))], explanation }));
    const reasons = reasonViews(engine, [], stored);
    const headline = summarise(reasons, findingViews(engine, result.message, findings));
    expect(reasons.map((r) => r.what)).toEqual(['a postal address and a phone number']);
    expect(headline).toBe('Held because it was addressed outside the council and contains a postal address and a phone number.');
    for (const kind of reasons[0]!.kinds) expect(headline).toContain(kind);
  });

  it('masks the name and the special-category word as well as the address and phone number, in the text and the table', () => {
    const view = messageView(result.message!, findings, createNameFinder(policyNameOptions(engine.ruleSet.policy)));
    const body = view.parts.find((p) => p.kind === 'body')!;
    const shown = body.pieces.map((p) => ('text' in p ? p.text : p.masked)).join('');
    for (const value of IN_CLEAR) expect(shown).not.toContain(value);
    expect(body.pieces).toContainEqual({ name: true, masked: 'M•• E•••• C•••••' });
    expect(shown).toContain('who has ••••••••?');
    const table = findingViews(engine, result.message, findings);
    expect(table.find((f) => f.type === 'special-category')?.masked).toBe('••••••••');
  });

  it.each([
    ['Edith Clarke', 'E•••• C•••••'],
    ["O'Neill, Siobhán", "O'N••••, S••••••"],
  ])('shows a name by its initials: %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
