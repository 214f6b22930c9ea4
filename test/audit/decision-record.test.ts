import { describe, expect, it } from 'vitest';
import { buildDecisionRecord, type RecordContext } from '../../lib/audit/decision-record.ts';
import { UNCHECKED_REASON } from '../../lib/audit/override-reason.ts';
import type { ScanResult } from '../../lib/pipeline/scan.ts';
import { DETECTED_VALUES, heldResult, NINO } from '../helpers/held-result.ts';

const context: RecordContext = {
  id: '<held-test@rushcliffe.gov.uk>',
  key: 'a'.repeat(32),
  time: new Date('2026-11-24T10:00:00Z'),
  sender: 'cllr.jporter@rushcliffe.gov.uk',
  recipients: ['Editor@Example.org', 'bcc.person@example.org', 'colleague@rushcliffe.gov.uk'],
  ruleSetVersion: 'abc123def456',
  actMs: 3,
  holdReference: 'H-20261124-7KQ3PZ',
};

describe('buildDecisionRecord', () => {
  it('records types, counts, part ids and recipient domains only', () => {
    const record = buildDecisionRecord(heldResult(), context);
    expect(record).toMatchObject({
      id: context.id,
      key: context.key,
      channel: 'email',
      time: '2026-11-24T10:00:00.000Z',
      sender: context.sender,
      recipientDomains: ['example.org', 'rushcliffe.gov.uk'],
      decision: 'hold',
      delivered: false,
      mode: 'enforce',
      rules: ['strong-identifier'],
      ruleSetVersion: 'abc123def456',
      holdReference: 'H-20261124-7KQ3PZ',
    });
    expect(record.findings).toEqual([
      { type: 'phone-number', category: 'personal', count: 1, counted: 0, parts: ['body'] },
      { type: 'uk-nino', category: 'personal', count: 3, counted: 3, parts: ['attachment:1', 'body'] },
    ]);
    expect(record.timings).toEqual({ parseMs: 1.2, detectMs: 2.5, decideMs: 0.3, actMs: 3, totalMs: 7 });
  });

  it('never carries a matched value, message text, attachment name or recipient address', () => {
    const text = JSON.stringify(buildDecisionRecord(heldResult(), context));
    for (const forbidden of [...DETECTED_VALUES, 'residents.csv', 'Clarke', 'Residents list', 'Editor@', 'bcc.person']) {
      expect(text).not.toContain(forbidden);
    }
  });

  it.each([
    ['enforce', 'hold', false],
    ['audit', 'audit-hold', true],
  ] as const)('in %s mode a hold is recorded as %s', (mode, decision, delivered) => {
    const record = buildDecisionRecord(heldResult({ mode }), context);
    expect(record).toMatchObject({ decision, delivered, mode });
  });

  it('records a pass without a hold reference', () => {
    const result: ScanResult = { ...heldResult(), decision: { ...heldResult().decision, action: 'pass', deliver: true, reasons: [] } };
    const { holdReference: _ref, ...rest } = context;
    const record = buildDecisionRecord(result, rest);
    expect(record.decision).toBe('pass');
    expect(record).not.toHaveProperty('holdReference');
  });

  it('records an override reason, masking any detected value inside it', () => {
    const subject = `[override: resident ${NINO} agreed] Residents list`;
    const result = heldResult({ subject, override: { reason: `resident ${NINO} agreed`, applied: true, rules: ['strong-identifier'] } });
    const subjectPart = result.message!.parts[0]!;
    const start = subject.indexOf(NINO);
    result.findings.push({ recognizer: 'uk-nino', category: 'personal', type: 'uk-nino', partId: subjectPart.id, start, end: start + NINO.length, score: 1, explanation: { pattern: 't', baseScore: 1 } });
    const record = buildDecisionRecord(result, context);
    expect(record.override).toEqual({ applied: true, rules: ['strong-identifier'], reason: `resident ${'•'.repeat(NINO.length)} agreed` });
  });

  it.each([
    ['a reason with no finding in the subject is kept', 'resident agreed', 'resident agreed'],
    ['a reason that cannot be found in the subject is not recorded', 'not in the subject', UNCHECKED_REASON],
  ])('%s', (_name, reason, expected) => {
    const result = heldResult({ subject: '[override: resident agreed] x', override: { reason, applied: true, rules: [] } });
    if (expected === UNCHECKED_REASON) {
      result.findings.push({ recognizer: 'uk-nino', category: 'personal', type: 'uk-nino', partId: 'subject', start: 0, end: 3, score: 1, explanation: { pattern: 't', baseScore: 1 } });
    }
    expect(buildDecisionRecord(result, context).override?.reason).toBe(expected);
  });

  it('records a processing error by name only', () => {
    const result: ScanResult = { ...heldResult(), error: { name: 'LimitError', message: 'attachment residents.csv is too large' } };
    const record = buildDecisionRecord(result, context);
    expect(record.error).toBe('LimitError');
    expect(JSON.stringify(record)).not.toContain('residents.csv');
  });
});
